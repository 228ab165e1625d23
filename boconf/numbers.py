"""Money, FTE, shares and plain numbers as every report, page, chart and message writes them.

One module so that a figure reads the same wherever it appears: thousands separated, money
to the cent, FTE to at most two decimals, shares as percentages. Values stay Decimal until
this last step, rounded half-even (as accountants round).

Separators are the active language's (CLDR data through Babel): ``5,495,200.00`` in English,
``5.495.200,00`` in Italian. Dates in prose are ISO in English (as boconf always wrote them)
and the language's long form elsewhere (``31 marzo 2027``).
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import ROUND_HALF_EVEN, Decimal

from boconf import i18n
from boconf.i18n.language import long_date, number_symbols

CENT = Decimal("0.01")
_PLACES = {0: Decimal(1), 1: Decimal("0.1"), 2: CENT}


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


@functools.cache
def _separators(language: str) -> dict[int, str] | None:
    """A str.translate table from Python's ``1,234.5`` to the language's; None for English."""
    decimal, group = number_symbols(language)
    if (decimal, group) == (".", ","):
        return None
    return str.maketrans({".": decimal, ",": group})


def _localised(text: str) -> str:
    table = _separators(i18n.active_language())
    return text if table is None else text.translate(table)


def number(value: Decimal | int, places: int = 2) -> str:
    """A number to at most ``places`` decimals, thousands separated, no trailing zeros:
    5,495,200 · 12.5 · 0.33."""
    rounded = Decimal(value).quantize(_PLACES[places], ROUND_HALF_EVEN)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    return _localised(_trim(f"{rounded:,f}"))


def fte(value: Decimal | int) -> str:
    """FTE to at most two decimals: 12, 12.5, 0.33, 1,250."""
    return number(value, 2)


def tenths(value: Decimal | int) -> str:
    """A number to one decimal, without a trailing .0: 40, 40.5, 1,234.5."""
    return number(value, 1)


def signed(value: Decimal | int, places: int = 2) -> str:
    """A change: +2, -0.5, 0."""
    return ("+" if value > 0 else "") + number(value, places)


def money(value: Decimal, currency: str) -> str:
    """EUR 5,495,200.00 (a negative amount: EUR -1,000.00)."""
    return f"{currency} " + _localised(f"{value.quantize(CENT, ROUND_HALF_EVEN):,.2f}")


def signed_money(value: Decimal, currency: str) -> str:
    """A change in money: +EUR 1,000.00, -EUR 20,000.00, EUR 0.00."""
    sign = "+" if value > 0 else ("-" if value < 0 else "")
    return sign + money(abs(value), currency)


def percent(share: Decimal | None, places: int = 1) -> str:
    """A share in [0, 1] as a percentage: 40%, 37.5%; a dash when undefined."""
    if share is None:
        return "–"
    return number(share * 100, places) + "%"


def date(value: dt.date) -> str:
    """A date in prose: 2027-03-31 in English, 31 marzo 2027 in Italian."""
    language = i18n.active_language()
    return value.isoformat() if language == i18n.DEFAULT_LANGUAGE else long_date(value, language)
