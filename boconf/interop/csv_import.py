"""``boconf import csv``: an HR export (one row per employee or post) -> a :class:`PlainOrg`.

Each row becomes a position (its id, title, ``reports_to``, unit, location, FTE, headcount)
and, when it names someone, the person holding it (a person's id is the ``holder`` column if
there is one, else the position's id). Departments become units, with the
function and office guessed from their names (:mod:`boconf.interop.unit_functions`), a
manager (the data's, else the unit's most senior position) and a parent (the unit its
manager reports into): :mod:`boconf.interop.org_inference`. Without a department column
every position goes into one unit, "All staff". Places become locations, named after the
value (a city), in the country of the row's country column (``--country`` when none). A
location shared by all of a unit's posts is the unit's; otherwise each post keeps its own.

The organisation is named by ``--name`` (default "Imported organisation"), in ``--currency``
(default EUR). Its headquarters is where the top of the organisation works (else the
location with most posts, else a "Headquarters" placeholder in ``--country``); its
back-office head is the top of the organisation (see :func:`top_position`).

Messy data is repaired and reported, never fatal (:class:`ImportProblem`, ``FILE:ROW``):
a row without an id is skipped; a duplicate id is kept once and the later rows renamed
``<id>-2``, ``<id>-3``; a manager that does not exist is dropped (the post becomes a top, for
``boconf check`` to report); a post reporting to itself is kept as it is (``self-report``);
reporting cycles are kept, for ``boconf check`` to report with their path. Blank cells and
the literal ``NULL`` are the same: no value. A row with only a unit (and its location)
declares a unit without posts: that is how ``boconf export csv`` writes empty units.

This module runs the phases; each lives in a module of its own: reading the rows
(``csv_rows``), the companion tables (``csv_companions``), ids (``csv_ids``), reporting lines
(``csv_managers``), places and locations (``csv_places``, ``csv_locations``), units
(``csv_units``), positions and people (``csv_positions``), and ``--units`` registers
(``csv_register``), all over one :class:`~boconf.interop.csv_context.CsvImport`.
"""

from __future__ import annotations

from pathlib import Path

from boconf.i18n import _
from boconf.interop.csv_companions import Companions, load_companions
from boconf.interop.csv_context import CsvImport, CsvImportOptions
from boconf.interop.csv_ids import assign_ids
from boconf.interop.csv_locations import assign_locations, choose_headquarters
from boconf.interop.csv_managers import managers, resolve_refs
from boconf.interop.csv_places import PlaceResolver
from boconf.interop.csv_positions import holders, position_table
from boconf.interop.csv_register import build_register
from boconf.interop.csv_rows import CsvRows, Declared, read_rows, read_source, require_ids
from boconf.interop.csv_source import CsvTable
from boconf.interop.csv_units import RowUnits, infer_lines, name_heads, units_of_rows
from boconf.interop.enrichment import ENRICHMENT_RULES, SETTINGS_COMMENT
from boconf.interop.import_problems import ImportUsageError
from boconf.interop.org_inference import top_position
from boconf.interop.plain_org import (
    ImportResult,
    PersonTable,
    PlainLocation,
    PlainOrg,
    PositionTable,
)
from boconf.loading.gc_pause import no_cyclic_gc

__all__ = ["CsvImportOptions", "import_csv", "import_table"]


def import_csv(path: Path, options: CsvImportOptions, display: str | None = None) -> ImportResult:
    """Read ``path`` (and its companion tables) into an organisation; never writes."""
    # Hundreds of thousands of long-lived objects and no cycles: the collector would only
    # rescan them (a third of the time of a large import).
    with no_cyclic_gc():
        return _build(CsvImport(path, display or str(path), options), None)


def import_table(
    path: Path, options: CsvImportOptions, display: str, table: CsvTable, kind: str
) -> ImportResult:
    """Import a table read from another format (``kind``: records) as a CSV file is."""
    with no_cyclic_gc():
        return _build(CsvImport(path, display, options, kind), table)


def _build(source: CsvImport, given: CsvTable | None) -> ImportResult:
    """The phases of an import of posts: read, ids, units, positions, what is inferred."""
    if source.options.units_only:
        return build_register(source, given)
    rows, declared, companions = _read(source, given)
    by_raw = assign_ids(source, rows)
    resolve_refs(source, rows)
    places = PlaceResolver(source, companions)
    units = units_of_rows(source, rows, companions, places, declared)
    positions, people, locations = _positions(source, rows, companions, places, units, by_raw)
    name_heads(source, companions, units, by_raw)
    return _organisation(source, rows, units, positions, people, locations)


def _read(source: CsvImport, given: CsvTable | None) -> tuple[CsvRows, list[Declared], Companions]:
    """The rows (and the rows that only declare a unit) and the companion tables."""
    read_source(source, given)
    require_ids(source)
    companions = load_companions(source)
    rows, declared = read_rows(source)
    if not rows.number:
        raise ImportUsageError(_("{file}: no rows to import").format(file=source.display))

    return rows, declared, companions


def _positions(
    source: CsvImport,
    rows: CsvRows,
    companions: Companions,
    places: PlaceResolver,
    units: RowUnits,
    by_raw: dict[str | None, str],
) -> tuple[PositionTable, PersonTable, list[PlainLocation]]:
    """Positions and people, a column at a time, and the locations they work at."""
    holder_ids, people = holders(rows)
    locations, position_locations = assign_locations(
        units.units, units.row_units, places.column(rows), units.places
    )
    bosses = managers(source, rows, by_raw)
    columns = (units.row_units, bosses, holder_ids, position_locations)
    return position_table(source, rows, companions, columns), people, locations


def _organisation(
    source: CsvImport,
    rows: CsvRows,
    units: RowUnits,
    positions: PositionTable,
    people: PersonTable,
    locations: list[PlainLocation],
) -> ImportResult:
    """What the data does not say (managers, parents, the top, the headquarters), and
    the organisation."""
    options = source.options
    infer_lines(source, units.units, positions)
    top = top_position(positions)
    headquarters = choose_headquarters(source, top, units.units, positions, locations)
    source.summary.kept = len(rows.number)
    org = PlainOrg.named(
        options.name,
        options.currency,
        # No source file name here: an exported and re-imported tree stays identical.
        f"Imported by boconf import {source.kind}.",
        headquarters=headquarters,
        head=top,
        locations=locations,
        units=units.units,
        positions=positions,
        people=people,
        ignored_rules=list(ENRICHMENT_RULES),
        settings_comment=SETTINGS_COMMENT,
    )
    return source.result(org)
