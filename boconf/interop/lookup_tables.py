"""The companion tables of an HR export: departments, locations, jobs, countries.

Exports from relational HR systems (Oracle HR is the reference) hold ids where a person
expects names: ``department_id`` 60, ``job_id`` IT_PROG, ``location_id`` 1400. The tables
that name them are sibling files: ``departments.csv`` (name, head, location),
``locations.csv`` (city, country), ``jobs.csv`` (title), ``countries.csv`` (name). They are
read when given (``--departments``, ``--locations``, ``--jobs``), or found beside the main
file under those names when the main file's column is an id column they can resolve
(``department_id``, ``job_id``, ``location_id``); ``--no-siblings`` turns the search off.
Each table's key is its first column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from boconf.i18n import _
from boconf.interop.csv_columns import normalise
from boconf.interop.csv_source import MAX_BYTES, CsvTable, read_table
from boconf.interop.import_problems import ImportProblem


@dataclass(frozen=True)
class Record:
    row: int
    values: dict[str, str]  # normalised header -> cell


@dataclass
class LookupTable:
    """Rows of a companion table by key, with the file they came from."""

    display: str
    records: dict[str, Record]

    def get(self, key: str, *columns: str) -> str:
        """The first non-blank of ``columns`` (normalised headers) in the row of ``key``."""
        record = self.records.get(key)
        if record is None:
            return ""
        for column in columns:
            value = record.values.get(column, "")
            if value and value.casefold() != "null":
                return value
        return ""

    def row(self, key: str) -> int:
        record = self.records.get(key)
        return record.row if record else 0


def load_table(
    path: Path,
    display: str,
    encoding: str | None,
    problems: list[ImportProblem],
    max_bytes: int = MAX_BYTES,
) -> LookupTable:
    table: CsvTable = read_table(path, display, encoding=encoding, max_bytes=max_bytes)
    problems.extend(table.problems)
    header = [normalise(name) for name in table.header]
    records: dict[str, Record] = {}
    for number, cells in table.rows:
        key = cells[0]
        if not key:
            continue
        if key in records:
            problems.append(
                ImportProblem(
                    display,
                    number,
                    _("duplicate key '{key}' (first on row {first}): row ignored").format(
                        key=key, first=records[key].row
                    ),
                )
            )
            continue
        records[key] = Record(number, dict(zip(header, cells, strict=True)))
    return LookupTable(display, records)


def sibling(main: Path, name: str) -> Path | None:
    candidate = main.parent / name
    return candidate if candidate.is_file() and candidate.resolve() != main.resolve() else None
