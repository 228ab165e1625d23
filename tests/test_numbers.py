"""boconf.numbers: every figure written one way (reports, pages, charts, messages)."""

from __future__ import annotations

from decimal import Decimal

from boconf.numbers import fte, money, number, percent, signed, signed_money, tenths


def test_thousands_are_separated_and_trailing_zeros_dropped() -> None:
    assert number(Decimal("5495200.00")) == "5,495,200"  # the diff once showed 5495200
    assert fte(Decimal("98.80")) == "98.8"
    assert fte(Decimal("2.6666666")) == "2.67"
    assert fte(Decimal("1250")) == "1,250"
    assert tenths(Decimal("49056.47")) == "49,056.5"
    assert tenths(Decimal("40.0")) == "40"


def test_rounding_is_half_even_and_never_negative_zero() -> None:
    assert fte(Decimal("0.125")) == "0.12" and fte(Decimal("0.135")) == "0.14"
    assert number(Decimal("-0.001")) == "0"
    assert signed(Decimal("-0.001")) == "0"


def test_money_and_changes() -> None:
    assert money(Decimal("338000"), "EUR") == "EUR 338,000.00"
    assert signed_money(Decimal("-20000"), "EUR") == "-EUR 20,000.00"
    assert signed_money(Decimal("42000"), "EUR") == "+EUR 42,000.00"
    assert signed_money(Decimal(0), "EUR") == "EUR 0.00"
    assert signed(Decimal("4.33")) == "+4.33" and signed(-1) == "-1"


def test_percentages() -> None:
    assert percent(Decimal("0.45")) == "45%"
    assert percent(Decimal("0.375")) == "37.5%"
    assert percent(Decimal("0.6666"), 0) == "67%"
    assert percent(None) == "–"
