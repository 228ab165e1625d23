"""Numbers, money, shares and dates as every page shows them (HTML and Markdown alike).

Money stays Decimal to the last step: costs are exact sums of the files' amounts, rounded
to cents only for display.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal

CENT = Decimal("0.01")


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def fte(value: Decimal) -> str:
    """FTE to at most two decimals, without trailing zeros: 12, 12.5, 0.33."""
    return _trim(f"{value.quantize(CENT, ROUND_HALF_EVEN):,f}")


def money(value: Decimal, currency: str) -> str:
    return f"{currency} {value.quantize(CENT, ROUND_HALF_EVEN):,.2f}"


def percent(share: Decimal | None) -> str:
    """A share in [0, 1] as a percentage to one decimal: 40%, 37.5%; a dash when undefined."""
    if share is None:
        return "–"
    return _trim(f"{(share * 100).quantize(Decimal('0.1'), ROUND_HALF_EVEN):f}") + "%"


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
