"""Where a row's post works: a place (city, country code) from its location and country cells.

A location cell is a key of the locations table or free text (``Berlin, Germany``); the
country comes from the row, the table, the text, or ``--country``. A place whose country
cannot be told is reported and left out, never guessed silently.
"""

from __future__ import annotations

from boconf.i18n import N_, _
from boconf.interop.csv_companions import Companions
from boconf.interop.csv_context import CsvImport, Place
from boconf.interop.csv_rows import CsvRows
from boconf.interop.places import read_place


class PlaceResolver:
    """Works out each distinct (location, country) pair once, reporting it at the row
    that first asks for it."""

    def __init__(self, source: CsvImport, companions: Companions) -> None:
        self.source = source
        self.locations = companions.locations
        self.countries = companions.countries
        self._places: dict[tuple[str, str | None], Place | None] = {}

    def place(self, row: int, value: str | None, country: str | None) -> Place | None:
        """A location from a cell (a name, or a key of locations.csv) and a country cell."""
        if value is None:
            return None
        if (value, country) in self._places:
            return self._places[(value, country)]
        place = self._place(row, value, country)
        self._places[(value, country)] = place
        return place

    def column(self, rows: CsvRows) -> list[Place | None]:
        """Each row's place; each distinct one worked out (and reported) once, at the row
        that first names it."""
        pairs = list(zip(rows.location, rows.country, strict=True))
        first_rows = dict(zip(reversed(pairs), reversed(rows.number), strict=True))
        place_of = {
            pair: self.place(number, *pair)
            for pair, number in first_rows.items()
            if pair[0] is not None
        }
        return list(map(place_of.get, pairs))

    def _place(self, row: int, value: str, country: str | None) -> Place | None:
        source = self.source
        name = value
        if self.locations is not None and value in self.locations.records:
            name = self.locations.get(value, "city", "name", "locationname") or value
            country = country or self.locations.get(value, "countryid", "country", "countrycode")
            told = None
        else:
            # A free-text place: its city, and its country when the text says one.
            place = read_place(value, self.countries)
            name, told = place.city, place.country
            if country is None and told is None and place.doubt is not None:
                source.problem(
                    row,
                    _(
                        "cannot tell the country of location '{value}' ({doubt}): written "
                        "without a location; add the country to the cell (e.g. 'Paris, FR') "
                        "or a country column"
                    ).format(value=value, doubt=place.doubt),
                )
                return None
            if country is None and place.how == "state":
                source.summary.guessed[N_("countries from a US state code")] += 1
        code = self.countries.resolve(country) if country else told
        if country and code is None:
            source.problem(
                row,
                _(
                    "unknown country '{country}' of location '{name}': written without a "
                    "location; give an ISO code or an English name"
                ).format(country=country, name=name),
            )
            return None
        if code is None:
            if source.options.country is None:
                source.problem(
                    row,
                    _(
                        "location '{value}' names no country and the row gives none: written "
                        "without a location; pass --country to place such places, or add a "
                        "country column"
                    ).format(value=value),
                )
                return None
            code = source.options.country
        return (name, code)
