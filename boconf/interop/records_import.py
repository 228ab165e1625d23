"""``boconf import records``: a YAML or JSON file of records -> a :class:`PlainOrg`.

The records are read into a table (:mod:`boconf.interop.record_source`), then imported as
``import csv`` imports a file, with the same column options and the same repairs; there are
no companion tables beside a records file.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from boconf.interop.csv_import import CsvImportOptions, import_table
from boconf.interop.plain_org import ImportResult
from boconf.interop.record_source import read_records

DEFAULT_KEY_FIELD = "id"


def import_records(
    path: Path,
    options: CsvImportOptions,
    display: str | None = None,
    key_field: str = DEFAULT_KEY_FIELD,
) -> ImportResult:
    """Read ``path`` into an organisation; never writes."""
    shown = display or str(path)
    table = read_records(path, shown, key_field, options.max_bytes)
    return import_table(path, replace(options, siblings=False), shown, table, "records")
