"""Field types shared by the models: ids, codes, money, shares."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Annotated

import pycountry
from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from boconf.i18n import _
from boconf.model.names import ID_PATTERN as ID_PATTERN  # re-exported

MODEL_CONFIG = ConfigDict(
    extra="forbid",
    str_strip_whitespace=False,
    # Keep the YAML's own types: a quoted "3" is not an int, 12 is not a str.
    coerce_numbers_to_str=False,
    validate_default=False,
    use_attribute_docstrings=True,
)

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=128),
    Field(description="An id: letters, digits, '-', '_', '.', ':'; unique within its kind."),
]
Ref = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=128),
    Field(description="The id of another entity."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=500)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
Reason = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=3, max_length=500),
    Field(description="Why the rule does not apply here: a suppression needs a reason."),
]


@cache
def _countries() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


@cache
def _currencies() -> frozenset[str]:
    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def _check_country(value: str) -> str:
    if value not in _countries():
        raise ValueError(
            _("'{value}' is not an ISO 3166-1 alpha-2 country code").format(value=value)
        )
    return value


def _check_currency(value: str) -> str:
    if value not in _currencies():
        raise ValueError(_("'{value}' is not an ISO 4217 currency code").format(value=value))
    return value


CountryCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2}$"),
    AfterValidator(_check_country),
    Field(description="ISO 3166-1 alpha-2 country code, e.g. IT, NO, PH."),
]
CurrencyCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    AfterValidator(_check_currency),
    Field(description="ISO 4217 currency code, e.g. EUR."),
]
Money = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2)]
Share = Annotated[Decimal, Field(gt=0, le=1, description="A share in (0, 1].")]
Fte = Annotated[
    Decimal, Field(gt=0, le=1, description="Full-time equivalent of one post, in (0, 1].")
]
SeatFte = Annotated[
    Decimal,
    Field(
        gt=0,
        le=10_000_000,
        max_digits=12,
        decimal_places=2,
        description="Full-time equivalents of a piece of work, e.g. a vendor's contracted seats.",
    ),
]
