"""The companion tables of an HR export: departments, jobs, locations and countries.

An export that holds keys (``department_id``, ``job_id``, ``location_id``) comes with tables
that name them. They are read from ``--departments``/``--jobs``/``--locations``, else from
the files of those names beside the export, when the export's column looks like a key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from boconf.i18n import _
from boconf.interop.countries import CountryResolver
from boconf.interop.csv_context import CsvImport
from boconf.interop.import_problems import ImportUsageError
from boconf.interop.lookup_tables import LookupTable, load_table, sibling


@dataclass
class Companions:
    departments: LookupTable | None = None
    locations: LookupTable | None = None
    jobs: LookupTable | None = None
    countries: CountryResolver = field(default_factory=CountryResolver)


def load_companions(source: CsvImport) -> Companions:
    """The tables the export's key columns call for (none for a records file)."""
    companions = Companions()
    if source.kind != "csv":
        return companions
    options = source.options
    columns = source.columns

    def id_column(field: str) -> bool:
        if field not in columns:
            return False
        header = columns.header_of(field).casefold()
        return header.endswith(("id", "_no", "code"))

    companions.departments = _table(
        source, options.departments, "departments.csv", id_column("unit")
    )
    companions.jobs = _table(source, options.jobs, "jobs.csv", id_column("title"))
    companions.locations = _table(
        source,
        options.locations,
        "locations.csv",
        companions.departments is not None or id_column("location"),
    )
    countries = (
        sibling(source.path, "countries.csv")
        if options.siblings and companions.locations is not None
        else None
    )
    if countries is not None:
        table = _load(source, countries)
        names = {key: table.get(key, "countryname", "name") for key in table.records}
        companions.countries = CountryResolver(names)
    return companions


def _table(source: CsvImport, given: Path | None, name: str, wanted: bool) -> LookupTable | None:
    siblings = source.options.siblings
    path = given or (sibling(source.path, name) if siblings and wanted else None)
    if path is None:
        return None
    if not path.is_file():
        raise ImportUsageError(_("{path}: no such file").format(path=path))
    source.notes.append(
        _("read {table} from {path}").format(table=name.removesuffix(".csv"), path=path)
    )
    return _load(source, path)


def _load(source: CsvImport, path: Path) -> LookupTable:
    options = source.options
    return load_table(path, str(path), options.encoding, source.log.problems, options.max_bytes)


def unit_name(
    source: CsvImport, companions: Companions, row: int, key: str, file: str | None = None
) -> str:
    """The unit a department key names: its name in the departments table, else the key."""
    departments = companions.departments
    if departments is None:
        return key
    name = departments.get(key, "departmentname", "name", "unitname", "deptname")
    if not name:
        missing = _("department '{key}' is not in {file}").format(key=key, file=departments.display)
        source.problem(row, missing, file)

        return key
    return name
