"""``boconf export csv``: one row per position, in the columns ``boconf import csv`` reads.

Columns: id, name, title, reports_to, unit, location, country, email, fte, headcount,
holder, manages. ``unit`` is the unit's name (the importer makes a unit's id from its name),
``location`` the name of the place the post works in (its own location, else its unit's)
with that place's ``country``, ``manages`` the names of the units the position heads
(``;``-separated). A unit without positions gets a row of its own with only its unit,
location and country, which the importer reads as a unit without posts.

So an imported tree round-trips: import -> export -> import gives the same files, byte for
byte. For a hand-written tree the export keeps what CSV can hold; unit ids, offices,
functions, parents, sourcing, vendors and dotted lines are not in it.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from boconf.interop.csv_columns import FIELDS
from boconf.interop.csv_import import MANAGES_SEPARATOR
from boconf.model.tree import OrgTree

COLUMNS = FIELDS


def export_rows(tree: OrgTree) -> list[list[str]]:
    """The header, then a row per position (in the tree's order), then one per empty unit."""
    managed: dict[str, list[str]] = {}
    for unit_id in sorted(tree.units):
        headed = tree.units[unit_id]
        if headed.manager is not None:
            managed.setdefault(headed.manager, []).append(headed.name)

    def place(location_id: str | None) -> tuple[str, str]:
        location = tree.locations.get(location_id or "")
        return (location.name, location.country) if location else ("", "")

    rows = [list(COLUMNS)]
    staffed: set[str] = set()
    for position_id, position in tree.positions.items():
        unit = tree.units.get(position.unit or "")
        if unit is not None:
            staffed.add(unit.id)
        person = tree.people.get(position.holder or "")
        location, country = place(position.location or (unit.location if unit else None))
        fte = "" if position.fte == 1 else f"{Decimal(position.fte).normalize():f}"
        rows.append(
            [
                position_id,
                person.name if person else "",
                position.title,
                position.reports_to or "",
                unit.name if unit else "",
                location,
                country,
                (person.email or "") if person else "",
                fte,
                str(position.headcount) if position.headcount != 1 else "",
                position.holder or "",
                MANAGES_SEPARATOR.join(managed.get(position_id, [])),
            ]
        )
    for unit_id in sorted(tree.units):
        if unit_id in staffed:
            continue
        empty = tree.units[unit_id]
        location, country = place(empty.location)
        row = dict.fromkeys(COLUMNS, "")
        row.update(unit=empty.name, location=location, country=country)
        rows.append([row[column] for column in COLUMNS])
    return rows


def export_csv_text(tree: OrgTree) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(export_rows(tree))
    return buffer.getvalue()
