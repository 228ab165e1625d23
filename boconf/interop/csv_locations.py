"""An import's locations: one per place its rows and units name, and its headquarters.

A location is named after its place (a city) and gets its id from the name (with the
country when two places share a name). A location shared by all of a unit's posts is the
unit's; otherwise each post keeps its own. The headquarters is where the top of the
organisation works, else the location with most posts, else a placeholder.
"""

from __future__ import annotations

from collections import Counter
from typing import cast

from boconf.i18n import _
from boconf.interop.csv_context import CsvImport, Place
from boconf.interop.plain_org import (
    PlainLocation,
    PlainUnit,
    PositionTable,
    headquarters_placeholder,
)
from boconf.interop.slugs import IdAllocator, slugify

FALLBACK_COUNTRY = "US"


def assign_locations(
    units: list[PlainUnit],
    unit_column: list[str | None],
    places: list[Place | None],
    unit_places: dict[str, Place | None],
) -> tuple[list[PlainLocation], list[str | None]]:
    """Locations, with ids, and each position's location (``unit_column`` and ``places``
    hold each position's unit and place). A unit without a place of its own takes the
    place all its posts share; a post's place is left to its unit when they agree."""
    pairs = set(zip(unit_column, places, strict=True))  # a few per unit: the rest is C
    spots: dict[str | None, set[Place | None]] = {}
    for unit_id, place in pairs:
        spots.setdefault(unit_id, set()).add(place)
    effective: dict[str | None, Place | None] = {}
    for unit in units:
        own = unit_places.get(unit.name)
        shared = spots.get(unit.id, set())
        if own is None and len(shared) == 1:
            (own,) = shared
        effective[unit.id] = own
    keys = {place for _unit, place in pairs if place} | {
        place for place in effective.values() if place
    }
    location_ids = _location_ids(keys)
    for unit in units:
        unit.location = location_ids[effective[unit.id]]
    written = {
        (unit_id, place): None if place == effective.get(unit_id) else location_ids[place]
        for unit_id, place in pairs
    }
    locations = [
        PlainLocation(identifier, name, country, name)
        for (name, country), identifier in sorted(
            ((key, cast(str, location_ids[key])) for key in keys), key=lambda pair: pair[1]
        )
    ]
    return locations, list(map(written.__getitem__, zip(unit_column, places, strict=True)))


def _location_ids(keys: set[Place]) -> dict[Place | None, str | None]:
    """Each place's location id: its name's slug, with its country when two places share
    a name; no place, no location."""
    ids = IdAllocator()
    location_ids: dict[Place | None, str | None] = {None: None}
    names = Counter(name for name, _country in keys)
    for key in sorted(keys):
        name, country = key
        wanted = slugify(name, "location")
        if names[name] > 1:
            wanted = f"{wanted}-{country.lower()}"
        location_ids[key] = ids.claim(wanted)
    return location_ids


def choose_headquarters(
    source: CsvImport,
    top: str,
    units: list[PlainUnit],
    positions: PositionTable,
    locations: list[PlainLocation],
) -> str:
    """Where the top works; else the location with most posts; else a placeholder."""
    unit_location = {unit.id: unit.location for unit in units}

    def where(index: int) -> str | None:
        return positions.location[index] or unit_location.get(positions.unit[index] or "")

    chosen = where(positions.id.index(top))
    if chosen is None:
        counts = Counter(map(where, range(len(positions))))
        counts.pop(None, None)
        if counts:
            chosen = min(counts, key=lambda key: (-counts[key], key or ""))
        elif locations:
            chosen = locations[0].id
    if chosen is None:
        country = source.options.country or FALLBACK_COUNTRY
        place = headquarters_placeholder(country)
        locations.append(place)
        chosen = place.id
        source.notes.append(
            _(
                "no locations in the data: a '{name}' location in {country} stands in for "
                "the headquarters"
            ).format(name=place.name, country=country)
            + ("" if source.options.country else " " + _("(--country chooses another)"))
        )
    for location in locations:
        if location.id == chosen:
            location.type = "headquarters"
    return chosen
