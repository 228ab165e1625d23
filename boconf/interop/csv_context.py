"""What one CSV import works with: its options, the table read, and what it says as it goes.

The phases of an import (:mod:`boconf.interop.csv_import`) are functions over one
:class:`CsvImport`, each in a module of its own; this is the state they share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from boconf.i18n import N_, _
from boconf.interop.csv_columns import ColumnMap
from boconf.interop.csv_source import MAX_BYTES, CsvTable
from boconf.interop.import_problems import ImportLog
from boconf.interop.import_summary import ImportSummary
from boconf.interop.plain_org import ImportResult, PlainOrg

# Cells that mean "no value": the literal NULL of SQL exports, \\N of database dumps.
NULLS = frozenset({"", "NULL", "null", "Null", "\\N"})

# A place: (name, country code). A tuple, so that whole columns of them hash in C.
Place = tuple[str, str]


@dataclass
class CsvImportOptions:
    columns: list[tuple[str, str]] = field(default_factory=list)
    root_markers: tuple[str, ...] = ()  # reports_to values that mark a top: XX, none
    where: list[tuple[str, str]] = field(default_factory=list)  # --where COLUMN=VALUE
    unit_path: list[str] = field(default_factory=list)  # --unit-path COL1,COL2,...
    units_only: bool = False  # --units: the rows are units, not posts
    refs: list[tuple[str, str]] = field(default_factory=list)  # --ref reports_to=FIELD
    self_report_is_top: bool = False
    delimiter: str | None = None
    encoding: str | None = None
    departments: Path | None = None
    locations: Path | None = None
    jobs: Path | None = None
    siblings: bool = True
    name: str = "Imported organisation"
    currency: str = "EUR"
    country: str | None = None  # for places with no country; None: US, said as a guess
    max_bytes: int = MAX_BYTES  # per file: the export and each companion table


@dataclass
class CsvImport:
    """One import of ``path`` (shown as ``display``): a CSV file, or (``kind`` records) a
    table read from another format. ``table`` and ``columns`` are set once it is read."""

    path: Path
    display: str
    options: CsvImportOptions
    kind: str = "csv"
    log: ImportLog = field(default_factory=ImportLog)
    summary: ImportSummary = field(init=False)
    table: CsvTable = field(init=False)
    columns: ColumnMap = field(init=False)

    def __post_init__(self) -> None:
        kept_as = N_("units") if self.options.units_only else N_("positions")
        self.summary = ImportSummary(self.display, kept_as)

    @property
    def row_word(self) -> str:
        """What FILE:ROW counts: a records file's lines, a CSV file's rows."""
        return _("line") if self.kind == "records" else _("row")

    @property
    def notes(self) -> list[str]:
        return self.log.notes

    def problem(self, row: int, message: str, file: str | None = None) -> None:
        self.log.problem(file or self.display, row, message)

    def column_cells(self, index: int) -> list[str | None]:
        """The cells of the table's column ``index``, None for a no-value cell."""
        return [None if cell in NULLS else cell for cell in self.table.columns[index]]

    def result(self, org: PlainOrg) -> ImportResult:
        return ImportResult(org, self.log.in_order(), self.notes, self.summary)
