"""``--units``: a register of units (agencies and bureaus, a department tree) with no people.

Each row is a unit, placed by ``--unit-path`` (a column per level, from the top down) or by
its parent column (``parent``, else ``reports_to``, naming the parent's key). The
organisation needs a back-office head and the register names nobody: a vacant post in the
largest top unit stands in for it, to be named.
"""

from __future__ import annotations

from collections import Counter

from boconf.i18n import N_, _, ngettext
from boconf.interop.csv_columns import ColumnMap, normalise
from boconf.interop.csv_companions import Companions
from boconf.interop.csv_context import NULLS, CsvImport, Place
from boconf.interop.csv_locations import assign_locations, choose_headquarters
from boconf.interop.csv_places import PlaceResolver
from boconf.interop.csv_rows import Values, read_source
from boconf.interop.csv_source import CsvTable
from boconf.interop.csv_units import path_tree, tree_units
from boconf.interop.enrichment import (
    ENRICHMENT_RULES,
    SETTINGS_COMMENT,
    UNITS_ONLY_COMMENT,
    UNITS_ONLY_RULES,
)
from boconf.interop.import_problems import ImportUsageError
from boconf.interop.plain_org import (
    ImportResult,
    PersonTable,
    PlainOrg,
    PlainPosition,
    PlainUnit,
    PositionTable,
)
from boconf.interop.slugs import IdAllocator
from boconf.interop.unit_paths import UnitTree, build_parent_tree

HEAD_TO_NAME = "head-to-be-named"
HEAD_TITLE = "Head (to be named)"


def build_register(source: CsvImport, given: CsvTable | None) -> ImportResult:
    """The organisation of a register of units: the units, their places, one vacant head."""
    columns = read_source(source, given)
    table = source.table
    options = source.options
    if not table.numbers:
        raise ImportUsageError(_("{file}: no rows to import").format(file=source.display))
    values = columns.values(table.columns, len(table.numbers), NULLS)
    if options.unit_path:
        tree = path_tree(source)
        _count_path_rows(source, tree)
    else:
        tree = _parent_tree(source, columns, values)
        source.summary.kept = len(tree.names)
    units = tree_units(tree)
    source.summary.guessed[N_("unit functions from unit names")] += len(units)
    # Each unit's place: that of the first row that is the unit's own.
    resolver = PlaceResolver(source, Companions())
    places: dict[str, Place | None] = {}
    for number, unit, location, country in zip(
        table.numbers, tree.row_units, values["location"], values["country"], strict=True
    ):
        if unit is not None and unit not in places:
            places[unit] = resolver.place(number, location, country)
    locations, _renames = assign_locations(units, list(places), list(places.values()), {})
    head = _placeholder_head(source, units, tree)
    positions = PositionTable(
        [head.id], [head.title], [head.unit], [None], [None], [1], [None], [None]
    )
    source.summary.guessed[N_("back-office head (a vacant post to be named)")] += 1
    headquarters = choose_headquarters(source, head.id, units, positions, locations)
    org = PlainOrg.named(
        options.name,
        options.currency,
        f"Imported by boconf import {source.kind} --units: a register of units, no posts.",
        headquarters=headquarters,
        head=head.id,
        locations=locations,
        units=units,
        positions=positions,
        people=PersonTable([], [], []),
        ignored_rules=[*ENRICHMENT_RULES, *UNITS_ONLY_RULES],
        settings_comment=SETTINGS_COMMENT + "\n" + UNITS_ONLY_COMMENT,
    )
    return source.result(org)


def _count_path_rows(source: CsvImport, tree: UnitTree) -> None:
    """Kept: the rows that name a unit first; merged: those naming one again."""
    summary = source.summary
    named: set[str] = set()
    for number, unit in zip(source.table.numbers, tree.row_units, strict=True):
        if unit is None:
            summary.skipped += 1
            levels = ", ".join(source.options.unit_path)
            source.problem(number, _("no unit in {levels}: row skipped").format(levels=levels))
        elif unit in named:
            summary.merged += 1
        else:
            named.add(unit)
    if not named:
        raise ImportUsageError(
            _(
                "{file}: no row names a unit in {levels}: nothing to import; check the "
                "--unit-path columns"
            ).format(file=source.display, levels=", ".join(source.options.unit_path))
        )
    summary.kept = len(named)
    if summary.merged:
        source.notes.append(
            ngettext(
                "{n} row(s) name a unit an earlier row named: merged into it",
                "{n} row(s) name a unit an earlier row named: merged into it",
                summary.merged,
            ).format(n=summary.merged)
        )
    implied = len(tree.names) - len(named)
    if implied:
        source.notes.append(
            ngettext(
                "{n} unit(s) named only as a level above others: written as their parents",
                "{n} unit(s) named only as a level above others: written as their parents",
                implied,
            ).format(n=implied)
        )


def _parent_tree(source: CsvImport, columns: ColumnMap, values: Values) -> UnitTree:
    """Units from id/parent rows: the id column keys them, ``parent`` (or reports_to)
    names the parent's key, ``name`` (or ``title``, or ``unit``) names them."""
    table = source.table
    # A register's key column is often its unit column (unit_id, department_id).
    key_field = "id" if "id" in columns else "unit" if "unit" in columns else None
    if key_field is None:
        raise ImportUsageError(
            _(
                "{file}: no id column among {columns}; name it with --column id=HEADER, or "
                "give the levels with --unit-path COL1,COL2,..."
            ).format(file=source.display, columns=", ".join(table.header))
        )
    name_cells = _unit_names(source, columns, values, key_field)
    parent_field = "parent" if "parent" in columns else "reports_to"
    parent_header = columns.header_of(parent_field) if parent_field in columns else "parent"
    numbers: list[int] = []
    keys: list[str] = []
    names: list[str | None] = []
    parents: list[str | None] = []
    first: dict[str, tuple[int, tuple[str, ...]]] = {}
    for index, number in enumerate(table.numbers):
        key = values[key_field][index]
        if key is None:
            source.summary.skipped += 1
            blank = _("blank {column}: row skipped").format(column=columns.header_of(key_field))
            source.problem(number, blank)
            continue
        row = tuple(column[index] for column in table.columns)
        if key in first:
            _repeated_unit(source, number, key, row, first[key])
            continue
        first[key] = (number, row)
        numbers.append(number)
        keys.append(key)
        names.append(name_cells[index])
        parents.append(values[parent_field][index])
    if not keys:
        raise ImportUsageError(
            _(
                "{file}: every row's {column} is blank: no units to import; name the key "
                "column with --column id=HEADER"
            ).format(file=source.display, column=columns.header_of(key_field))
        )
    tree = build_parent_tree(numbers, keys, names, parents, source.display, parent_header)
    source.log.problems.extend(tree.problems)
    # Rows skipped above have no unit: row_units must follow the table's rows.
    unit_of = dict(zip(numbers, tree.row_units, strict=True))
    tree.row_units = [unit_of.get(number) for number in table.numbers]
    return tree


def _repeated_unit(
    source: CsvImport,
    number: int,
    key: str,
    row: tuple[str, ...],
    first: tuple[int, tuple[str, ...]],
) -> None:
    """A row keying a unit an earlier row keys: merged when it repeats it exactly, else
    skipped; said either way."""
    earlier, cells = first
    if cells == row:
        source.summary.merged += 1
        source.problem(
            number,
            _("unit '{key}' repeats {row_word} {earlier} exactly: merged").format(
                key=key, row_word=source.row_word, earlier=earlier
            ),
        )
    else:
        source.summary.skipped += 1
        source.problem(
            number,
            _(
                "unit '{key}' is already on {row_word} {earlier}, with other values: this row "
                "skipped"
            ).format(key=key, row_word=source.row_word, earlier=earlier),
        )


def _unit_names(
    source: CsvImport, columns: ColumnMap, values: Values, key_field: str
) -> list[str | None]:
    """Each unit row's name: the name or title column, else a column named like a
    unit's name (unit_name, agency_name...), else none (the key is the name)."""
    for wanted in ("name", "title", "unit"):
        if wanted in columns and wanted != key_field:
            return values[wanted]
    table = source.table
    used = {index for indices in columns.columns.values() for index in indices}
    for index, header in enumerate(table.header):
        if index not in used and normalise(header).endswith("name"):
            source.notes.append(_("unit names from column '{header}'").format(header=header))
            return source.column_cells(index)
    return [None] * len(table.numbers)


def _placeholder_head(source: CsvImport, units: list[PlainUnit], tree: UnitTree) -> PlainPosition:
    """The one post a register of units gets: the organisation needs a back-office head
    and the register names nobody. A vacant post in the largest top unit, to be named."""
    below: Counter[str] = Counter()
    parents = {unit.id: unit.parent for unit in units}
    for unit in units:
        seen: set[str] = set()
        current: str | None = unit.id
        while current is not None and current not in seen:
            seen.add(current)
            top = current
            current = parents.get(current)
        below[top] += 1
    tops = [unit.id for unit in units if unit.parent is None] or [units[0].id]
    chosen = min(tops, key=lambda unit: (-below[unit], unit))
    ids = IdAllocator(unit.id for unit in units)
    identifier = ids.claim(HEAD_TO_NAME)
    for unit in units:
        if unit.id == chosen:
            unit.manager = identifier
    source.notes.append(
        _(
            "no posts in a register of units: a vacant post '{identifier}' in '{unit}' stands "
            "in for the back-office head"
        ).format(identifier=identifier, unit=tree.names.get(chosen, chosen))
    )
    return PlainPosition(identifier, HEAD_TITLE, chosen)
