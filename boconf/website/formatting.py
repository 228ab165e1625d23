"""Numbers, money, shares and dates as every page shows them (HTML and Markdown alike).

Money stays Decimal to the last step: costs are exact sums of the files' amounts, rounded
to cents only for display.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

# Every figure is written by boconf.numbers, as in the reports and messages.
from boconf.numbers import fte as fte
from boconf.numbers import money as money
from boconf.numbers import percent as percent


def ratio(part: Decimal, whole: Decimal) -> Decimal | None:
    return part / whole if whole else None


def date(value: dt.date | None, missing: str = "–") -> str:
    return value.isoformat() if value is not None else missing


def days_until(end: dt.date | None, today: dt.date) -> str:
    """How long a contract has left, in words."""
    if end is None:
        return "open-ended"
    days = (end - today).days
    if days > 0:
        return f"{days:,} day{'s' if days != 1 else ''}"
    if days == 0:
        return "ends today"
    return f"expired {-days:,} day{'s' if days != -1 else ''} ago"


def words(identifier: str) -> str:
    """A function id as words: it_support -> it support (as the charts write it)."""
    return identifier.replace("_", " ")
