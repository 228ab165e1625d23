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

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to
a spreadsheet, which may run it when the file is opened ("CSV injection"). By default such
cells are written as they are, so that the round trip stays exact, and counted
(:func:`formula_cells`) for the command to warn about; ``spreadsheet_safe`` prefixes them
with an apostrophe instead, as OWASP advises, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from boconf.interop.csv_columns import POST_FIELDS
from boconf.interop.csv_units import MANAGES_SEPARATOR
from boconf.model.tree import OrgTree

COLUMNS = POST_FIELDS  # a position export: no unit-register columns
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def formula_cells(rows: list[list[str]]) -> list[tuple[int, str]]:
    """(row number, column) of each cell a spreadsheet would read as a formula; the header
    is row 1, as a spreadsheet numbers it."""
    return [
        (number, column)
        for number, row in enumerate(rows[1:], 2)
        for column, cell in zip(COLUMNS, row, strict=True)
        if cell.startswith(FORMULA_STARTS)
    ]


def _defused(row: list[str]) -> list[str]:
    return ["'" + cell if cell.startswith(FORMULA_STARTS) else cell for cell in row]


def export_csv_text(rows: list[list[str]], *, spreadsheet_safe: bool = False) -> str:
    """``rows`` (:func:`export_rows`) as CSV text; with ``spreadsheet_safe``, cells that
    would be formulas are prefixed with an apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(map(_defused, rows) if spreadsheet_safe else rows)
    return buffer.getvalue()
