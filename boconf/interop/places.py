"""Free-text places (``Berlin, Germany 🇩🇪``, ``Mill Valley, CA, USA``) -> a city and a country.

People exports and records often hold one "location" cell written by hand. It is read as
comma-separated parts: the first is the city, the last (when there are several) the
country, by ISO code, name or common alias; a flag emoji (two regional indicator letters)
names a country too. What cannot be told is said so, never filled in: ``Springfield, IL``
is a US state only because IL is not also a country, but ``Paris, CA`` could be Canada or
California, and ``Remote`` is no place at all.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pycountry

from boconf.i18n import _
from boconf.interop.countries import CountryResolver

# US state and territory codes: the last part of "City, ST", the way Americans write places.
_STATE_CODES = """
    AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ
    NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR
"""
US_STATES = frozenset(_STATE_CODES.split())
_REGIONAL_A = 0x1F1E6  # REGIONAL INDICATOR SYMBOL LETTER A


@dataclass(frozen=True, slots=True)
class Place:
    """What a cell says: its city, and its country when it can be told.

    ``how`` says how the country was told: ``"text"`` (named in the cell), ``"flag"``,
    ``"state"`` (a US state code: a guess), or None when it was not; ``doubt`` says why it
    could not be told when the cell tried to name a country."""

    city: str
    country: str | None
    how: str | None = None
    doubt: str | None = None


def _flag(text: str) -> tuple[str, str | None]:
    """The text without emoji and other symbols, and the country a flag emoji names."""
    letters = [
        chr(ord("A") + ord(char) - _REGIONAL_A)
        for char in text
        if _REGIONAL_A <= ord(char) < _REGIONAL_A + 26
    ]
    kept = "".join(
        char
        for char in text
        if not (_REGIONAL_A <= ord(char) < _REGIONAL_A + 26)
        and unicodedata.category(char) not in ("So", "Sk", "Cs", "Mn", "Cf")
    )
    flag = "".join(letters[:2]) if len(letters) >= 2 else None
    return " ".join(kept.split()), flag


def read_place(text: str, countries: CountryResolver) -> Place:
    """The city and country of a free-text place (see the module's docstring)."""
    cleaned, flag = _flag(text)
    parts = [part.strip() for part in cleaned.split(",") if part.strip()]
    if not parts:
        return Place(text.strip(), flag, "flag" if flag else None)
    city = parts[0]
    if len(parts) == 1:
        return Place(city, flag, "flag" if flag else None)
    last = parts[-1]
    code = countries.resolve(last)
    state = last.upper() == last and last in US_STATES
    if state and code is not None and code == last:
        if flag:
            return Place(city, flag, "flag")
        return Place(
            city,
            None,
            doubt=_("'{code}' is both a US state and the country code of {country}").format(
                code=last, country=_country_name(code)
            ),
        )
    if code is not None:
        return Place(city, code, "text")
    if state:
        return Place(city, "US", "state")
    if flag:
        return Place(city, flag, "flag")
    return Place(city, None, doubt=_("'{code}' is not a country").format(code=last))


def _country_name(code: str) -> str:
    found = pycountry.countries.get(alpha_2=code)
    return str(found.name) if found is not None else code
