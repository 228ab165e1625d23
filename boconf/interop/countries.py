"""Country names and codes from other systems -> ISO 3166-1 alpha-2."""

from __future__ import annotations

import pycountry

# Names in common use that ISO does not list.
ALIASES = {
    "uk": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "great britain": "GB",
    "usa": "US",
    "u.s.a.": "US",
    "u.s.": "US",
    "america": "US",
    "holland": "NL",
    "russia": "RU",
    "south korea": "KR",
    "korea": "KR",
}


class CountryResolver:
    """Resolves a country by code (alpha-2, alpha-3), name, or a data set's own names."""

    def __init__(self, extra: dict[str, str] | None = None) -> None:
        # extra: a source's own code -> name table (e.g. Oracle HR's countries.csv).
        self._extra = {key.casefold(): value for key, value in (extra or {}).items()}
        self._known: dict[str, str | None] = {}

    def resolve(self, value: str) -> str | None:
        key = value.strip().casefold()
        if key not in self._known:
            self._known[key] = self._lookup(value.strip())
        return self._known[key]

    def _lookup(self, value: str) -> str | None:
        alias = ALIASES.get(value.casefold())
        if alias:
            return alias
        try:
            found = pycountry.countries.lookup(value)
        except LookupError:
            named = self._extra.get(value.casefold())
            return self._lookup(named) if named and named.casefold() != value.casefold() else None
        return str(found.alpha_2)
