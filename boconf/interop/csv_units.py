"""An import's units: from the departments table, the rows' unit column, or ``--unit-path``.

Each unit gets an id from its name and a function and office guessed from it
(:mod:`boconf.interop.unit_naming`). Its manager is the head the data names (the
departments table, the ``manages`` column), else its most senior post; its parent is the
unit its manager reports into (:mod:`boconf.interop.org_inference`), or its level above
on a ``--unit-path``. Without a unit column every post goes into one unit, "All staff".
"""

from __future__ import annotations

from dataclasses import dataclass

from boconf.i18n import N_, _
from boconf.interop.csv_columns import column_index
from boconf.interop.csv_companions import Companions, unit_name
from boconf.interop.csv_context import CsvImport, Place
from boconf.interop.csv_places import PlaceResolver
from boconf.interop.csv_rows import CsvRows, Declared, absent
from boconf.interop.org_inference import infer_managers, infer_parents
from boconf.interop.plain_org import PlainUnit, PositionTable
from boconf.interop.unit_naming import guessed_unit, unit_ids, units_by_id
from boconf.interop.unit_paths import UnitTree, build_path_tree

ALL_STAFF = "All staff"
MANAGES_SEPARATOR = ";"

Head = tuple[int, str]  # the row that names a unit's head, and the head's raw id


@dataclass
class RowUnits:
    """The units of an import of posts, and what the data says about them."""

    row_units: list[str | None]  # each row's unit id
    units: list[PlainUnit]
    places: dict[str, Place | None]  # unit name -> the place the data gives it
    heads: dict[str, Head]  # unit name -> its head, as the data names it


def units_of_rows(
    source: CsvImport,
    rows: CsvRows,
    companions: Companions,
    places: PlaceResolver,
    declared: list[Declared],
) -> RowUnits:
    """Every department of the departments table and of the rows (or the levels of
    --unit-path), each with its function and office guessed from its name."""
    if source.options.unit_path:
        tree = path_tree(source)
        for index in [index for index, unit in enumerate(tree.row_units) if unit is None]:
            source.problem(
                rows.number[index],
                _("'{raw_id}' has no unit in {levels}: the post belongs to no unit").format(
                    raw_id=rows.raw_id[index], levels=", ".join(source.options.unit_path)
                ),
            )
        return RowUnits(tree.row_units, tree_units(tree), {}, {})
    unit_keys, unit_places, heads = _known_units(source, companions, places, declared)
    ids, row_units = _unit_ids(source, rows, companions, unit_keys)
    _managed_units(source, rows, unit_keys, ids, heads)
    return RowUnits(row_units, units_by_id(ids), unit_places, heads)


def path_tree(source: CsvImport) -> UnitTree:
    """The units the ``--unit-path`` columns name, a level each, from the top down."""
    table = source.table
    headers = source.options.unit_path
    indices = [
        column_index(table.header, header, f"--unit-path {header}", table.display)
        for header in headers
    ]
    levels = [source.column_cells(index) for index in indices]
    tree = build_path_tree(
        table.numbers, levels, [table.header[index] for index in indices], source.display
    )
    source.log.problems.extend(tree.problems)
    source.notes.extend(tree.notes)
    return tree


def tree_units(tree: UnitTree) -> list[PlainUnit]:
    return [guessed_unit(unit, tree.names[unit], tree.parents[unit]) for unit in sorted(tree.names)]


def _known_units(
    source: CsvImport, companions: Companions, places: PlaceResolver, declared: list[Declared]
) -> tuple[dict[str, str], dict[str, Place | None], dict[str, Head]]:
    """The units of the departments table and of the rows that declare one: source key
    -> unit name, unit name -> place, unit name -> (row, raw id of its head)."""
    unit_keys: dict[str, str] = {}
    unit_places: dict[str, Place | None] = {}
    heads: dict[str, Head] = {}
    departments = companions.departments
    if departments is not None:
        for key, record in departments.records.items():
            name = unit_name(source, companions, record.row, key)
            unit_keys[key] = name
            location = departments.get(key, "locationid", "location")
            unit_places[name] = places.place(record.row, location or None, None)
            head = departments.get(key, "managerid", "manager", "headid", "head")
            if head:
                heads[name] = (record.row, head)
    for number, key, value in declared:
        name = unit_keys.setdefault(key, unit_name(source, companions, number, key))
        place = places.place(number, value.get("location"), value.get("country"))
        if unit_places.get(name) is None:
            unit_places[name] = place
    return unit_keys, unit_places, heads


def _unit_ids(
    source: CsvImport, rows: CsvRows, companions: Companions, unit_keys: dict[str, str]
) -> tuple[dict[str, str], list[str | None]]:
    """Unit name -> unit id, and each row's unit id. ``unit_keys`` (source key -> unit
    name) gains the units the rows name, each reported at the row that first names it."""
    has_unit_column = "unit" in source.columns
    first_rows = dict(zip(reversed(rows.unit), reversed(rows.number), strict=True))
    for key, number in first_rows.items():
        if key is not None and key not in unit_keys:
            unit_keys[key] = unit_name(source, companions, number, key)
    if not has_unit_column:
        unit_keys[ALL_STAFF] = ALL_STAFF
    ids = unit_ids(unit_keys.values())
    if not has_unit_column:
        return ids, [ids[ALL_STAFF]] * len(rows.number)
    by_key: dict[str | None, str] = {key: ids[name] for key, name in unit_keys.items()}
    for index in [index for index, key in enumerate(rows.unit) if key is None]:
        source.problem(
            rows.number[index],
            _("'{raw_id}' has no {column}: the post belongs to no unit").format(
                raw_id=rows.raw_id[index], column=source.columns.header_of("unit")
            ),
        )
    return ids, list(map(by_key.get, rows.unit))


def _managed_units(
    source: CsvImport,
    rows: CsvRows,
    unit_keys: dict[str, str],
    ids: dict[str, str],
    heads: dict[str, Head],
) -> None:
    """Heads named by the rows' ``manages`` column (the last row naming a unit wins)."""
    if absent(rows.manages):
        return
    for number, raw_id, manages in zip(rows.number, rows.raw_id, rows.manages, strict=True):
        for managed in (manages or "").split(MANAGES_SEPARATOR):
            managed = managed.strip()
            if not managed:
                continue
            name = unit_keys.get(managed, managed)
            if name in ids:
                heads[name] = (number, raw_id)
            else:
                source.problem(
                    number, _("manages '{managed}': no such unit").format(managed=managed)
                )


def name_heads(
    source: CsvImport,
    companions: Companions,
    units: RowUnits,
    by_raw: dict[str | None, str],
) -> None:
    """Each unit's manager, where the data names its head and the head is in the file."""
    by_name = {unit.name: unit for unit in units.units}
    departments_file = companions.departments.display if companions.departments else None
    for name, (number, head) in sorted(units.heads.items()):
        target = by_raw.get(head)
        if target is None:
            source.problem(
                number,
                _(
                    "the head of '{name}', '{head}', is not in {file}: the unit's most senior "
                    "post is its manager"
                ).format(name=name, head=head, file=source.display),
                departments_file,
            )
        else:
            by_name[name].manager = target


def infer_lines(source: CsvImport, units: list[PlainUnit], positions: PositionTable) -> None:
    """Managers and parents the data does not give, counted as guesses."""
    guessed = source.summary.guessed
    guessed[N_("unit functions from unit names")] += len(units)
    guessed[N_("back-office head (the top of the organisation)")] += 1
    managers = sum(unit.manager is None for unit in units)
    infer_managers(units, positions)
    guessed[N_("unit managers (the most senior post)")] += managers - sum(
        unit.manager is None for unit in units
    )
    if source.options.unit_path:
        return  # the path gives every unit's parent: a top level is a top unit
    parents = sum(unit.parent is None for unit in units)
    infer_parents(units, positions)
    guessed[N_("unit parents (where their managers report)")] += parents - sum(
        unit.parent is None for unit in units
    )
