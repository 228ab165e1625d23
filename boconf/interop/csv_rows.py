"""Reading an import's rows: the table, ``--where``, the columns, and the rows with an id.

A row without an id is skipped (or, when it names only a unit, declares that unit); a row
that repeats an earlier one cell for cell is merged into it. What is left is a
:class:`CsvRows`, a list per field.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import cast

from boconf.i18n import _
from boconf.interop.csv_columns import FIELDS, ColumnMap, map_columns
from boconf.interop.csv_context import NULLS, CsvImport
from boconf.interop.csv_source import CsvTable, read_table
from boconf.interop.import_problems import ImportUsageError
from boconf.interop.row_filter import apply_where, find_period

Values = dict[str, list[str | None]]  # field -> its value on each row
# A row that declares a unit without posts: (row number, the unit, the row's values).
Declared = tuple[int, str, dict[str, str]]


@dataclass(slots=True)
class CsvRows:
    """The rows to import, a list per field: row ``i`` is ``number[i]`` in the file.

    By column rather than an object per row: an import is a handful of whole-column passes,
    most of them C-level calls (a map, a set, a dict built from a zip), so 100,000 rows take
    a fraction of the time that a loop over row objects would."""

    number: list[int]
    raw_id: list[str]
    id: list[str]  # raw_id, or the id written for it (a renamed duplicate, a slug)
    name: list[str | None]
    title: list[str | None]
    reports_to: list[str | None]
    unit: list[str | None]
    location: list[str | None]
    country: list[str | None]
    email: list[str | None]
    fte: list[str | None]
    headcount: list[str | None]
    holder: list[str | None]
    manages: list[str | None]
    parent: list[str | None]


def absent(column: list[str | None]) -> bool:
    """Whether a field has no value on any row (its column is missing, or blank)."""
    return column.count(None) == len(column)


def read_source(source: CsvImport, given: CsvTable | None) -> ColumnMap:
    """Read the table (unless ``given``), apply ``--where`` and map its columns."""
    options = source.options
    table = given or read_table(
        source.path,
        source.display,
        delimiter=options.delimiter,
        encoding=options.encoding,
        max_bytes=options.max_bytes,
    )
    source.log.problems.extend(table.problems)
    source.summary.read = len(table.numbers) + table.skipped
    source.summary.skipped += table.skipped
    table, source.summary.left_out = apply_where(table, options.where)
    columns = map_columns(table.header, options.columns, source.display, options.unit_path)
    source.table = table
    source.columns = columns
    return columns


def require_ids(source: CsvImport) -> None:
    """A file of posts needs an id column; say which column each field is read from."""
    columns = source.columns
    if "id" not in columns:
        raise ImportUsageError(
            _("{file}: no id column among {columns}; name it with --column id=HEADER").format(
                file=source.display, columns=", ".join(source.table.header)
            )
        )
    source.notes.append(
        _("columns: {columns}").format(
            columns=", ".join(f"{field}={columns.header_of(field)}" for field in columns.columns)
        )
    )


def read_rows(source: CsvImport) -> tuple[CsvRows, list[Declared]]:
    """The rows with an id (repeats merged), and the rows that only declare a unit."""
    numbers = source.table.numbers
    values = source.columns.values(source.table.columns, len(numbers), NULLS)
    declared: list[Declared] = []
    if None in values["id"]:  # rare: rows without an id are dropped, or declare a unit
        values = _keep(source, values, _rows_with_id(source, numbers, values, declared))
    raw = cast(list[str], values["id"])
    if len(set(raw)) != len(raw):  # rare: exact repeats are merged, periods spotted
        values = _keep(source, values, _merge_repeats(source, raw))
        raw = cast(list[str], values["id"])
        if len(set(raw)) != len(raw):
            period = find_period(source.table, list(raw))
            if period is not None:
                source.notes.append(period.advice())
    rows = CsvRows(source.table.numbers, raw, raw, *(values[field] for field in FIELDS[1:]))
    return rows, declared


def _keep(source: CsvImport, values: Values, keep: list[int]) -> Values:
    """Only the rows at ``keep``, in the values and in the table (which stay aligned)."""
    table = source.table
    source.table = CsvTable(
        table.display,
        table.header,
        [table.numbers[index] for index in keep],
        [[column[index] for index in keep] for column in table.columns],
        table.problems,
        table.skipped,
    )
    return {field: [column[index] for index in keep] for field, column in values.items()}


def _merge_repeats(source: CsvImport, raw: list[str]) -> list[int]:
    """The indices of the rows to keep: a row that repeats an earlier one cell for cell
    (the same post exported twice) is merged into it, and said so."""
    table = source.table
    counts = Counter(raw)
    first: dict[tuple[str, ...], int] = {}
    keep: list[int] = []
    for index, identifier in enumerate(raw):
        if counts[identifier] > 1:
            cells = tuple(column[index] for column in table.columns)
            earlier = first.setdefault(cells, index)
            if earlier != index:
                source.summary.merged += 1
                source.problem(
                    table.numbers[index],
                    _("'{identifier}' repeats {row_word} {earlier} exactly: merged").format(
                        identifier=identifier,
                        row_word=source.row_word,
                        earlier=table.numbers[earlier],
                    ),
                )
                continue
        keep.append(index)
    return keep


def _rows_with_id(
    source: CsvImport, numbers: list[int], values: Values, declared: list[Declared]
) -> list[int]:
    """The indices of the rows with an id; a row with only a unit (and its place)
    declares that unit (added to ``declared``), any other row without an id is reported."""
    keep: list[int] = []
    for index, raw_id in enumerate(values["id"]):
        if raw_id is not None:
            keep.append(index)
            continue
        value = {f: v for f in FIELDS if (v := values[f][index]) is not None}
        if value.get("unit") and not any(
            value.get(name) for name in ("name", "title", "reports_to", "holder")
        ):
            declared.append((numbers[index], value["unit"], value))
            continue
        source.summary.skipped += 1
        blank = _("blank {column}: row skipped").format(column=source.columns.header_of("id"))
        source.problem(numbers[index], blank)

    return keep
