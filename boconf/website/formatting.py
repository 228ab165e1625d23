"""Numbers, money, shares and dates as every page shows them (HTML and Markdown alike).

Money stays Decimal to the last step: costs are exact sums of the files' amounts, rounded
to cents only for display. Figures and dates follow the active language (boconf.numbers).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from boconf import numbers
from boconf.i18n import N_, _, ngettext
from boconf.model.entities import LocationType

# Every figure is written by boconf.numbers, as in the reports and messages.
from boconf.numbers import fte as fte
from boconf.numbers import money as money
from boconf.numbers import percent as percent

# A location's type as the registers name it (the YAML value is the key, never shown).
LOCATION_TYPES = {
    LocationType.HEADQUARTERS: N_("headquarters"),
    LocationType.OFFICE: N_("office"),
    LocationType.REMOTE_CENTRE: N_("remote centre"),
    LocationType.VENDOR_SITE: N_("vendor site"),
}


def ratio(part: Decimal, whole: Decimal) -> Decimal | None:
    return part / whole if whole else None


def date(value: dt.date | None, missing: str = "–") -> str:
    return numbers.date(value) if value is not None else missing


def days_until(end: dt.date | None, today: dt.date) -> str:
    """How long a contract has left, in words."""
    if end is None:
        return _("open-ended")
    days = (end - today).days
    if days > 0:
        return ngettext("{n} day", "{n} days", days).format(n=numbers.number(days, 0))
    if days == 0:
        return _("ends today")
    return ngettext("expired {n} day ago", "expired {n} days ago", -days).format(
        n=numbers.number(-days, 0)
    )


def words(identifier: str) -> str:
    """A function id as words: it_support -> it support (as the charts write it)."""
    return identifier.replace("_", " ")


def location_type(kind: LocationType) -> str:
    return _(LOCATION_TYPES[kind])
