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
"""

from __future__ import annotations

import operator
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import cast

from boconf.interop.countries import CountryResolver
from boconf.interop.csv_columns import FIELDS, ColumnMap, map_columns, normalise
from boconf.interop.csv_source import MAX_BYTES, CsvTable, read_table
from boconf.interop.enrichment import (
    ENRICHMENT_RULES,
    SETTINGS_COMMENT,
    UNITS_ONLY_COMMENT,
    UNITS_ONLY_RULES,
)
from boconf.interop.import_problems import ImportProblem, ImportUsageError
from boconf.interop.import_summary import ImportSummary
from boconf.interop.lookup_tables import LookupTable, load_table, sibling
from boconf.interop.org_inference import infer_managers, infer_parents, top_position
from boconf.interop.places import read_place
from boconf.interop.plain_org import (
    ImportResult,
    PersonTable,
    PlainLocation,
    PlainOrg,
    PlainPosition,
    PlainUnit,
    PositionTable,
)
from boconf.interop.row_filter import apply_where, find_period
from boconf.interop.slugs import IdAllocator, all_ids, is_id, slugify
from boconf.interop.unit_functions import guess_function, office_of
from boconf.interop.unit_paths import UnitTree, build_parent_tree, build_path_tree
from boconf.loading.gc_pause import no_cyclic_gc
from boconf.util.suggest import did_you_mean

ALL_STAFF = "All staff"
UNTITLED = "Untitled position"
HEADQUARTERS = "Headquarters"
MANAGES_SEPARATOR = ";"
HEAD_TO_NAME = "head-to-be-named"
HEAD_TITLE = "Head (to be named)"


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


@dataclass(slots=True)
class _Rows:
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


# Cells that mean "no value": the literal NULL of SQL exports, \\N of database dumps.
_NULLS = frozenset({"", "NULL", "null", "Null", "\\N"})

# A place: (name, country code). A tuple, so that whole columns of them hash in C.
_Place = tuple[str, str]
FALLBACK_COUNTRY = "US"


def _absent(column: list[str | None]) -> bool:
    return column.count(None) == len(column)


class _Importer:
    def __init__(
        self,
        path: Path,
        display: str,
        options: CsvImportOptions,
        table: CsvTable | None = None,
        kind: str = "csv",
    ) -> None:
        self.path = path
        self.display = display
        self.options = options
        self.table = table  # already read (a records file), else read from path
        self.kind = kind
        self.row_word = "line" if kind == "records" else "row"  # what FILE:ROW counts
        self.summary = ImportSummary(display, "units" if options.units_only else "positions")
        self.markers = frozenset(options.root_markers)
        self.problems: list[ImportProblem] = []
        self.notes: list[str] = []
        self.departments: LookupTable | None = None
        self.locations: LookupTable | None = None
        self.jobs: LookupTable | None = None
        self.countries: CountryResolver = CountryResolver()
        self._places: dict[tuple[str, str | None], _Place | None] = {}
        self.declared: list[tuple[int, str, dict[str, str]]] = []
        self.has_unit_column = self.has_title_column = False
        self._folded: dict[str, list[str]] | None = None
        self.self_reports = 0

    def problem(self, row: int, message: str, file: str | None = None) -> None:
        self.problems.append(ImportProblem(file or self.display, row, message))

    # -- reading --------------------------------------------------------------------------

    def _table(self, given: Path | None, name: str, wanted: bool) -> LookupTable | None:
        path = given or (sibling(self.path, name) if self.options.siblings and wanted else None)
        if path is None:
            return None
        if not path.is_file():
            raise ImportUsageError(f"{path}: no such file")
        self.notes.append(f"read {name.removesuffix('.csv')} from {path}")
        return load_table(
            path, str(path), self.options.encoding, self.problems, self.options.max_bytes
        )

    def _companions(self, columns: ColumnMap) -> None:
        def id_column(field: str) -> bool:
            if field not in columns:
                return False
            header = columns.header_of(field).casefold()
            return header.endswith(("id", "_no", "code"))

        self.departments = self._table(
            self.options.departments, "departments.csv", id_column("unit")
        )
        self.jobs = self._table(self.options.jobs, "jobs.csv", id_column("title"))
        self.locations = self._table(
            self.options.locations,
            "locations.csv",
            self.departments is not None or id_column("location"),
        )
        countries = (
            sibling(self.path, "countries.csv")
            if self.options.siblings and self.locations is not None
            else None
        )
        if countries is not None:
            table = load_table(
                countries,
                str(countries),
                self.options.encoding,
                self.problems,
                self.options.max_bytes,
            )
            names = {key: table.get(key, "countryname", "name") for key in table.records}
            self.countries = CountryResolver(names)

    def read_source(self) -> ColumnMap:
        """Read the table (unless given), apply ``--where`` and map its columns."""
        options = self.options
        table = self.table or read_table(
            self.path,
            self.display,
            delimiter=options.delimiter,
            encoding=options.encoding,
            max_bytes=options.max_bytes,
        )
        self.problems.extend(table.problems)
        self.summary.read = len(table.numbers) + table.skipped
        self.summary.skipped += table.skipped
        table, self.summary.left_out = apply_where(table, options.where)
        columns = map_columns(table.header, options.columns, self.display, options.unit_path)
        self.table = table
        self.columns = columns
        return columns

    def read(self) -> _Rows:
        columns = self.read_source()
        table = cast(CsvTable, self.table)
        if "id" not in columns:
            raise ImportUsageError(
                f"{self.display}: no id column among {', '.join(table.header)}; "
                "name it with --column id=HEADER"
            )
        self.notes.append(
            "columns: "
            + ", ".join(f"{field}={columns.header_of(field)}" for field in columns.columns)
        )
        if self.kind == "csv":
            self._companions(columns)
        self.has_unit_column = "unit" in columns or bool(self.options.unit_path)
        self.has_title_column = "title" in columns
        numbers = table.numbers
        values = columns.values(table.columns, len(numbers), _NULLS)
        if None in values["id"]:  # rare: rows without an id are dropped, or declare a unit
            values = self._keep(values, self._rows_with_id(numbers, values))
        raw = cast(list[str], values["id"])
        if len(set(raw)) != len(raw):  # rare: exact repeats are merged, periods spotted
            values = self._keep(values, self._merge_repeats(raw))
            raw = cast(list[str], values["id"])
            if len(set(raw)) != len(raw):
                period = find_period(cast(CsvTable, self.table), list(raw))
                if period is not None:
                    self.notes.append(period.advice())
        numbers = cast(CsvTable, self.table).numbers
        return _Rows(numbers, raw, raw, *(values[field] for field in FIELDS[1:]))

    def _keep(
        self, values: dict[str, list[str | None]], keep: list[int]
    ) -> dict[str, list[str | None]]:
        """Only the rows at ``keep``, in the values and in the table (which stay aligned)."""
        table = cast(CsvTable, self.table)
        self.table = CsvTable(
            table.display,
            table.header,
            [table.numbers[index] for index in keep],
            [[column[index] for index in keep] for column in table.columns],
            table.problems,
            table.skipped,
        )
        return {field: [column[index] for index in keep] for field, column in values.items()}

    def _merge_repeats(self, raw: list[str]) -> list[int]:
        """The indices of the rows to keep: a row that repeats an earlier one cell for cell
        (the same post exported twice) is merged into it, and said so."""
        table = cast(CsvTable, self.table)
        counts = Counter(raw)
        first: dict[tuple[str, ...], int] = {}
        keep: list[int] = []
        for index, identifier in enumerate(raw):
            if counts[identifier] > 1:
                cells = tuple(column[index] for column in table.columns)
                earlier = first.setdefault(cells, index)
                if earlier != index:
                    self.summary.merged += 1
                    self.problem(
                        table.numbers[index],
                        f"'{identifier}' repeats {self.row_word} {table.numbers[earlier]} "
                        "exactly: merged",
                    )
                    continue
            keep.append(index)
        return keep

    def _rows_with_id(self, numbers: list[int], values: dict[str, list[str | None]]) -> list[int]:
        """The indices of the rows with an id; a row with only a unit (and its place)
        declares that unit, any other row without an id is reported."""
        keep: list[int] = []
        for index, raw_id in enumerate(values["id"]):
            if raw_id is not None:
                keep.append(index)
                continue
            value = {f: v for f in FIELDS if (v := values[f][index]) is not None}
            if value.get("unit") and not any(
                value.get(name) for name in ("name", "title", "reports_to", "holder")
            ):
                self.declared.append((numbers[index], value["unit"], value))
                continue
            self.summary.skipped += 1
            self.problem(numbers[index], f"blank {self.columns.header_of('id')}: row skipped")
        return keep

    # -- building -------------------------------------------------------------------------

    def assign_ids(self, rows: _Rows) -> dict[str | None, str]:
        """Raw id -> position id; duplicates renamed, invalid ids slugged, both reported.

        Ids are claimed in row order, so a renamed id never takes one a later row has."""
        raw_ids = rows.raw_id
        if len(set(raw_ids)) == len(raw_ids) and all_ids(raw_ids):
            return dict(zip(raw_ids, raw_ids, strict=True))  # the common case: nothing to do
        first: dict[str, int] = {}
        by_raw: dict[str | None, str] = {}
        ids = IdAllocator()
        taken = ids.taken
        written = list(raw_ids)
        for index, (number, raw) in enumerate(zip(rows.number, raw_ids, strict=True)):
            if raw in first:
                written[index] = ids.claim(raw if is_id(raw) else slugify(raw, "post"))
                self.problem(
                    number,
                    f"duplicate id '{raw}' (first on {self.row_word} {first[raw]}): "
                    f"this one renamed '{written[index]}'",
                )
                continue
            first[raw] = number
            if raw not in taken and is_id(raw):  # a valid id, not yet taken
                taken.add(raw)
            else:
                written[index] = ids.claim(raw if is_id(raw) else slugify(raw, "post"))
                if written[index] != raw:
                    self.problem(
                        number, f"'{raw}' is not a valid id: written as '{written[index]}'"
                    )
            by_raw[raw] = written[index]
        rows.id = written
        return by_raw

    def managers(self, rows: _Rows, by_raw: dict[str | None, str]) -> list[str | None]:
        """Each row's manager: the position its reports_to names (a renamed duplicate's
        manager id means the kept row, not itself)."""
        bosses = rows.reports_to
        managers: list[str | None] = list(map(by_raw.get, bosses))
        if (
            managers.count(None) == bosses.count(None)  # every manager is in the file
            and not any(map(operator.eq, managers, rows.id))  # nobody reports to themselves
            and not any(marker in by_raw for marker in self.markers)
        ):
            return managers
        return [self.resolve_manager(rows, index, by_raw) for index in range(len(bosses))]

    def resolve_manager(self, rows: _Rows, index: int, by_raw: dict[str | None, str]) -> str | None:
        boss = rows.reports_to[index]
        if boss is None or boss in self.markers:
            return None
        target = by_raw.get(boss)
        raw_id = rows.raw_id[index]
        if target == rows.id[index]:
            if self.options.self_report_is_top:
                self.self_reports += 1
                return None
            self.problem(
                rows.number[index], f"'{raw_id}' reports to itself: kept, for check to report"
            )
            return target
        if target is None:
            target = self._by_case(rows.number[index], raw_id, boss, by_raw)
        return target

    def _by_case(
        self, row: int, raw_id: str, boss: str, by_raw: dict[str | None, str]
    ) -> str | None:
        """The position ``boss`` names but for case (``CEO`` for ``ceo``), said so; else
        None, the reporting line dropped, said so."""
        if self._folded is None:
            self._folded = {}
            for raw in by_raw:
                if raw is not None:
                    self._folded.setdefault(raw.casefold(), []).append(raw)
        found = self._folded.get(boss.casefold(), [])
        if len(found) == 1:
            self.summary.guessed["references matched ignoring case"] += 1
            self.problem(
                row,
                f"'{raw_id}' reports to '{boss}', which is not in the file: read as "
                f"'{found[0]}', which differs only in case",
            )
            return by_raw[found[0]]
        if found:
            named = " and ".join(f"'{raw}'" for raw in found)
            self.problem(
                row,
                f"'{raw_id}' reports to '{boss}', which is not in the file, and {named} differ "
                "from it only in case: ambiguous, reporting line dropped",
            )
            return None
        self.problem(
            row,
            f"'{raw_id}' reports to '{boss}', which is not in the file: reporting line dropped",
        )
        return None

    def resolve_refs(self, rows: _Rows) -> None:
        """``--ref reports_to=FIELD``: each reports_to value names the row whose FIELD holds
        it (a manager given by role slug); it is replaced by that row's id. A value two rows
        hold is ambiguous, a value that matches only ignoring case is taken but said: both
        name the rows involved."""
        for target, header in self.options.refs:
            if target != "reports_to":
                raise ImportUsageError(
                    f"--ref {target}={header}: only reports_to can be resolved through a field"
                )
            table = cast(CsvTable, self.table)
            column = _header_index(table, header, f"--ref {target}={header}")
            cells = table.columns[column]
            rows_of: dict[str, list[int]] = {}
            folded: dict[str, list[int]] = {}
            for index, cell in enumerate(cells):
                if cell not in _NULLS:
                    rows_of.setdefault(cell, []).append(index)
                    folded.setdefault(cell.casefold(), []).append(index)
            resolved: list[str | None] = []
            for index, value in enumerate(rows.reports_to):
                if value is None or value in self.markers:
                    resolved.append(value)
                    continue
                resolved.append(self._ref(rows, index, value, header, cells, rows_of, folded))
            rows.reports_to = resolved

    def _ref(
        self,
        rows: _Rows,
        index: int,
        value: str,
        header: str,
        cells: list[str],
        rows_of: dict[str, list[int]],
        folded: dict[str, list[int]],
    ) -> str | None:
        number, raw_id = rows.number[index], rows.raw_id[index]

        def listed(found: list[int]) -> str:
            return ", ".join(
                f"{self.row_word} {rows.number[at]} ('{rows.raw_id[at]}')" for at in found
            )

        found = rows_of.get(value)
        if found is not None and len(found) == 1:
            return rows.raw_id[found[0]]
        if found is not None:
            self.problem(
                number,
                f"'{raw_id}' reports to {header} '{value}', which several rows have: "
                f"{listed(found)}: ambiguous, reporting line dropped",
            )
            return None
        near = folded.get(value.casefold(), [])
        if len({rows.raw_id[at] for at in near}) == 1:
            actual = cells[near[0]]
            self.summary.guessed["references matched ignoring case"] += 1
            self.problem(
                number,
                f"'{raw_id}' reports to {header} '{value}', which no row has; "
                f"{listed(near[:1])} has '{actual}', the same but for case: read as that",
            )
            return rows.raw_id[near[0]]
        if near:
            self.problem(
                number,
                f"'{raw_id}' reports to {header} '{value}', which no row has, and "
                f"{listed(near)} have it but for case: ambiguous, reporting line dropped",
            )
            return None
        self.problem(
            number,
            f"'{raw_id}' reports to {header} '{value}', which no row has: reporting line dropped",
        )
        return None

    def unit_name(self, row: int, key: str, file: str | None = None) -> str:
        if self.departments is None:
            return key
        name = self.departments.get(key, "departmentname", "name", "unitname", "deptname")
        if not name:
            self.problem(row, f"department '{key}' is not in {self.departments.display}", file)
            return key
        return name

    def place(self, row: int, value: str | None, country: str | None) -> _Place | None:
        """A location from a cell (a name, or a key of locations.csv) and a country cell."""
        if value is None:
            return None
        if (value, country) in self._places:
            return self._places[(value, country)]
        place = self._place(row, value, country)
        self._places[(value, country)] = place
        return place

    def _place(self, row: int, value: str, country: str | None) -> _Place | None:
        name = value
        if self.locations is not None and value in self.locations.records:
            name = self.locations.get(value, "city", "name", "locationname") or value
            country = country or self.locations.get(value, "countryid", "country", "countrycode")
            told = None
        else:
            # A free-text place: its city, and its country when the text says one.
            place = read_place(value, self.countries)
            name, told = place.city, place.country
            if country is None and told is None and place.doubt is not None:
                self.problem(
                    row,
                    f"cannot tell the country of location '{value}' ({place.doubt}): written "
                    "without a location; add the country to the cell (e.g. 'Paris, FR') or "
                    "a country column",
                )
                return None
            if country is None and place.how == "state":
                self.summary.guessed["countries from a US state code"] += 1
        code = self.countries.resolve(country) if country else told
        if country and code is None:
            self.problem(
                row,
                f"unknown country '{country}' of location '{name}': written without a "
                "location; give an ISO code or an English name",
            )
            return None
        if code is None:
            if self.options.country is None:
                self.problem(
                    row,
                    f"location '{value}' names no country and the row gives none: written "
                    "without a location; pass --country to place such places, or add a "
                    "country column",
                )
                return None
            code = self.options.country
        return (name, code)

    def _known_units(
        self,
    ) -> tuple[dict[str, str], dict[str, _Place | None], dict[str, tuple[int, str]]]:
        """The units of the departments table and of the rows that declare one: source key
        -> unit name, unit name -> place, unit name -> (row, raw id of its head)."""
        unit_keys: dict[str, str] = {}
        unit_places: dict[str, _Place | None] = {}
        heads: dict[str, tuple[int, str]] = {}
        if self.departments is not None:
            for key, record in self.departments.records.items():
                name = self.unit_name(record.row, key)
                unit_keys[key] = name
                location = self.departments.get(key, "locationid", "location")
                unit_places[name] = self.place(record.row, location or None, None)
                head = self.departments.get(key, "managerid", "manager", "headid", "head")
                if head:
                    heads[name] = (record.row, head)
        for number, key, value in self.declared:
            name = unit_keys.setdefault(key, self.unit_name(number, key))
            place = self.place(number, value.get("location"), value.get("country"))
            if unit_places.get(name) is None:
                unit_places[name] = place
        return unit_keys, unit_places, heads

    def _titles(self, rows: _Rows) -> list[str]:
        titles = rows.title
        if self.jobs is not None:
            jobs = self.jobs
            named: dict[str | None, str] = {
                title: jobs.get(title, "jobtitle", "title", "name") or title
                for title in set(titles)
                if title is not None
            }
            titles = list(map(named.get, titles))
        if None in titles:
            titles = list(titles)
            for index, title in enumerate(titles):
                if title is None:
                    titles[index] = UNTITLED
                    if self.has_title_column:
                        self.problem(
                            rows.number[index],
                            f"'{rows.raw_id[index]}' has no title: written as '{UNTITLED}'",
                        )
        return cast(list[str], titles)

    def _holders(self, rows: _Rows) -> tuple[list[str | None], PersonTable]:
        """Each row's holder (the holder column, else the position's id when the row names
        someone) and the people, each from the first row that holds them."""
        ids, names, given = rows.id, rows.name, rows.holder
        holders: list[str | None]
        if _absent(given):
            holders = (
                cast(list[str | None], ids)
                if None not in names
                else [i if name is not None else None for i, name in zip(ids, names, strict=True)]
            )
        else:
            slugs = {
                holder: holder if is_id(holder) else slugify(holder, "person")
                for holder in set(given)
                if holder is not None
            }
            holders = [
                slugs[holder] if holder is not None else (i if name is not None else None)
                for holder, i, name in zip(given, ids, names, strict=True)
            ]
        if None not in holders and len(set(holders)) == len(holders):
            # The usual export: one person per row, so the columns are the people's.
            shown = names if None not in names else list(map(_or, names, cast(list[str], holders)))
            return holders, PersonTable(
                cast(list[str], holders), cast(list[str], shown), rows.email
            )
        people = PersonTable([], [], [])
        seen: set[str] = set()
        for holder, name, email in zip(holders, names, rows.email, strict=True):
            if holder is not None and holder not in seen:
                seen.add(holder)
                people.id.append(holder)
                people.name.append(name or holder)
                people.email.append(email)
        return holders, people

    def _unit_ids(
        self, rows: _Rows, unit_keys: dict[str, str]
    ) -> tuple[dict[str, str], list[str | None]]:
        """Unit name -> unit id, and each row's unit id. ``unit_keys`` (source key -> unit
        name) gains the units the rows name, each reported at the row that first names it."""
        first_rows = dict(zip(reversed(rows.unit), reversed(rows.number), strict=True))
        for key, number in first_rows.items():
            if key is not None and key not in unit_keys:
                unit_keys[key] = self.unit_name(number, key)
        if not self.has_unit_column:
            unit_keys[ALL_STAFF] = ALL_STAFF
        unit_ids: dict[str, str] = {}
        allocator = IdAllocator()
        for name in sorted(set(unit_keys.values())):
            unit_ids[name] = allocator.claim(slugify(name, "unit"))
        if not self.has_unit_column:
            return unit_ids, [unit_ids[ALL_STAFF]] * len(rows.number)
        by_key: dict[str | None, str] = {key: unit_ids[name] for key, name in unit_keys.items()}
        for index in [index for index, key in enumerate(rows.unit) if key is None]:
            self.problem(
                rows.number[index],
                f"'{rows.raw_id[index]}' has no {self.columns.header_of('unit')}: "
                "the post belongs to no unit",
            )
        return unit_ids, list(map(by_key.get, rows.unit))

    def _place_column(self, rows: _Rows) -> list[_Place | None]:
        """Each row's place; each distinct one worked out (and reported) once, at the row
        that first names it."""
        pairs = list(zip(rows.location, rows.country, strict=True))
        first_rows = dict(zip(reversed(pairs), reversed(rows.number), strict=True))
        place_of = {
            pair: self.place(number, *pair)
            for pair, number in first_rows.items()
            if pair[0] is not None
        }
        return list(map(place_of.get, pairs))

    def _managed_units(
        self,
        rows: _Rows,
        unit_keys: dict[str, str],
        unit_ids: dict[str, str],
        heads: dict[str, tuple[int, str]],
    ) -> None:
        """Heads named by the rows' ``manages`` column (the last row naming a unit wins)."""
        if _absent(rows.manages):
            return
        for number, raw_id, manages in zip(rows.number, rows.raw_id, rows.manages, strict=True):
            for managed in (manages or "").split(MANAGES_SEPARATOR):
                managed = managed.strip()
                if not managed:
                    continue
                name = unit_keys.get(managed, managed)
                if name in unit_ids:
                    heads[name] = (number, raw_id)
                else:
                    self.problem(number, f"manages '{managed}': no such unit")

    def _name_heads(
        self,
        units: list[PlainUnit],
        heads: dict[str, tuple[int, str]],
        by_raw: dict[str | None, str],
    ) -> None:
        by_name = {unit.name: unit for unit in units}
        departments_file = self.departments.display if self.departments else None
        for name, (number, head) in sorted(heads.items()):
            target = by_raw.get(head)
            if target is None:
                self.problem(
                    number,
                    f"the head of '{name}', '{head}', is not in {self.display}: "
                    "the unit's most senior post is its manager",
                    departments_file,
                )
            else:
                by_name[name].manager = target

    def build(self) -> ImportResult:
        if self.options.units_only:
            return self.build_units()
        rows = self.read()
        count = len(rows.number)
        if not count:
            raise ImportUsageError(f"{self.display}: no rows to import")
        by_raw = self.assign_ids(rows)
        self.resolve_refs(rows)
        options = self.options

        # Units: every department of the departments table and of the rows (or the levels
        # of --unit-path), each with its function and office guessed from its name.
        heads: dict[str, tuple[int, str]] = {}
        if options.unit_path:
            tree = self._path_tree()
            units = tree.row_units
            plain_units = self._plain_units(tree)
            unit_places: dict[str, _Place | None] = {}
            for index in [index for index, unit in enumerate(units) if unit is None]:
                self.problem(
                    rows.number[index],
                    f"'{rows.raw_id[index]}' has no unit in {', '.join(options.unit_path)}: "
                    "the post belongs to no unit",
                )
        else:
            unit_keys, unit_places, heads = self._known_units()
            unit_ids, units = self._unit_ids(rows, unit_keys)
            self._managed_units(rows, unit_keys, unit_ids, heads)
            functions = {name: guess_function(name) for name in unit_ids}
            plain_units = [
                PlainUnit(unit_ids[name], name, office_of(functions[name]), functions[name])
                for name in sorted(unit_ids, key=lambda name: unit_ids[name])
            ]

        # Positions and people, a column at a time.
        holders, people = self._holders(rows)
        locations, position_locations = self._locations(
            plain_units, units, self._place_column(rows), unit_places
        )
        positions = PositionTable(
            rows.id,
            self._titles(rows),
            units,
            self.managers(rows, by_raw),
            holders,
            [1] * count
            if _absent(rows.headcount)
            else list(map(self._headcount, rows.number, rows.headcount)),
            [None] * count if _absent(rows.fte) else list(map(self._fte, rows.number, rows.fte)),
            position_locations,
        )
        if self.self_reports:
            self.notes.append(
                f"{self.self_reports} post(s) reporting to themselves read as tops "
                "(--self-report-is-top)"
            )

        # What the data does not say: managers, parents, the top and the headquarters.
        self._name_heads(plain_units, heads, by_raw)
        self._infer(plain_units, positions)
        top = top_position(positions)
        headquarters = self._headquarters(top, plain_units, positions, locations)
        self.summary.kept = count
        return self._result(
            PlainOrg(
                slugify(options.name, "organisation"),
                options.name,
                options.currency,
                headquarters,
                top,
                # No source file name here: an exported and re-imported tree stays identical.
                f"Imported by boconf import {self.kind}.",
                locations,
                plain_units,
                positions,
                people,
                list(ENRICHMENT_RULES),
                SETTINGS_COMMENT,
            )
        )

    def build_units(self) -> ImportResult:
        """``--units``: a register of units (agencies and bureaus, a department tree) with
        no people. Each row is a unit, placed by --unit-path or by its parent column."""
        columns = self.read_source()
        table = cast(CsvTable, self.table)
        options = self.options
        if not table.numbers:
            raise ImportUsageError(f"{self.display}: no rows to import")
        values = columns.values(table.columns, len(table.numbers), _NULLS)
        if options.unit_path:
            tree = self._path_tree()
            self._count_path_rows(tree)
        else:
            tree = self._parent_tree(columns, values)
            self.summary.kept = len(tree.names)
        units = self._plain_units(tree)
        self.summary.guessed["unit functions from unit names"] += len(units)
        # Each unit's place: that of the first row that is the unit's own.
        places: dict[str, _Place | None] = {}
        for number, unit, location, country in zip(
            table.numbers, tree.row_units, values["location"], values["country"], strict=True
        ):
            if unit is not None and unit not in places:
                places[unit] = self.place(number, location, country)
        locations, _ = self._locations(units, list(places), list(places.values()), {})
        head = self._placeholder_head(units, tree)
        positions = PositionTable(
            [head.id], [head.title], [head.unit], [None], [None], [1], [None], [None]
        )
        self.summary.guessed["back-office head (a vacant post to be named)"] += 1
        headquarters = self._headquarters(head.id, units, positions, locations)
        return self._result(
            PlainOrg(
                slugify(options.name, "organisation"),
                options.name,
                options.currency,
                headquarters,
                head.id,
                f"Imported by boconf import {self.kind} --units: a register of units, no posts.",
                locations,
                units,
                positions,
                PersonTable([], [], []),
                [*ENRICHMENT_RULES, *UNITS_ONLY_RULES],
                SETTINGS_COMMENT + "\n" + UNITS_ONLY_COMMENT,
            )
        )

    def _count_path_rows(self, tree: UnitTree) -> None:
        """Kept: the rows that name a unit first; merged: those naming one again."""
        table = cast(CsvTable, self.table)
        named: set[str] = set()
        for number, unit in zip(table.numbers, tree.row_units, strict=True):
            if unit is None:
                self.summary.skipped += 1
                levels = ", ".join(self.options.unit_path)
                self.problem(number, f"no unit in {levels}: row skipped")
            elif unit in named:
                self.summary.merged += 1
            else:
                named.add(unit)
        self.summary.kept = len(named)
        if self.summary.merged:
            self.notes.append(
                f"{self.summary.merged} row(s) name a unit an earlier row named: merged into it"
            )
        implied = len(tree.names) - len(named)
        if implied:
            self.notes.append(
                f"{implied} unit(s) named only as a level above others: written as their parents"
            )

    def _parent_tree(self, columns: ColumnMap, values: dict[str, list[str | None]]) -> UnitTree:
        """Units from id/parent rows: the id column keys them, ``parent`` (or reports_to)
        names the parent's key, ``name`` (or ``title``, or ``unit``) names them."""
        table = cast(CsvTable, self.table)
        # A register's key column is often its unit column (unit_id, department_id).
        key_field = "id" if "id" in columns else "unit" if "unit" in columns else None
        if key_field is None:
            raise ImportUsageError(
                f"{self.display}: no id column among {', '.join(table.header)}; name it with "
                "--column id=HEADER, or give the levels with --unit-path COL1,COL2,..."
            )
        name_cells = self._unit_names(columns, values, key_field)
        parent_field = "parent" if "parent" in columns else "reports_to"
        parent_header = columns.header_of(parent_field) if parent_field in columns else "parent"
        numbers: list[int] = []
        keys: list[str] = []
        names: list[str | None] = []
        parents: list[str | None] = []
        first: dict[str, tuple[int, tuple[str, ...]]] = {}
        for index, number in enumerate(table.numbers):
            key = values[key_field][index]
            row = tuple(column[index] for column in table.columns)
            if key is None:
                self.summary.skipped += 1
                self.problem(number, f"blank {columns.header_of(key_field)}: row skipped")
                continue
            if key in first:
                earlier, cells = first[key]
                if cells == row:
                    self.summary.merged += 1
                    self.problem(
                        number, f"unit '{key}' repeats {self.row_word} {earlier} exactly: merged"
                    )
                else:
                    self.summary.skipped += 1
                    self.problem(
                        number,
                        f"unit '{key}' is already on {self.row_word} {earlier}, with other values: "
                        "this row skipped",
                    )
                continue
            first[key] = (number, row)
            numbers.append(number)
            keys.append(key)
            names.append(name_cells[index])
            parents.append(values[parent_field][index])
        tree = build_parent_tree(numbers, keys, names, parents, self.display, parent_header)
        self.problems.extend(tree.problems)
        # Rows skipped above have no unit: row_units must follow the table's rows.
        unit_of = dict(zip(numbers, tree.row_units, strict=True))
        tree.row_units = [unit_of.get(number) for number in table.numbers]
        return tree

    def _unit_names(
        self, columns: ColumnMap, values: dict[str, list[str | None]], key_field: str
    ) -> list[str | None]:
        """Each unit row's name: the name or title column, else a column named like a
        unit's name (unit_name, agency_name...), else none (the key is the name)."""
        for wanted in ("name", "title", "unit"):
            if wanted in columns and wanted != key_field:
                return values[wanted]
        table = cast(CsvTable, self.table)
        used = {index for indices in columns.columns.values() for index in indices}
        for index, header in enumerate(table.header):
            if index not in used and normalise(header).endswith("name"):
                self.notes.append(f"unit names from column '{header}'")
                return [None if cell in _NULLS else cell for cell in table.columns[index]]
        return [None] * len(table.numbers)

    def _placeholder_head(self, units: list[PlainUnit], tree: UnitTree) -> PlainPosition:
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
        self.notes.append(
            f"no posts in a register of units: a vacant post '{identifier}' in "
            f"'{tree.names.get(chosen, chosen)}' stands in for the back-office head"
        )
        return PlainPosition(identifier, HEAD_TITLE, chosen)

    def _result(self, org: PlainOrg) -> ImportResult:
        return ImportResult(org, sorted(self.problems, key=_order), self.notes, self.summary)

    def _infer(self, units: list[PlainUnit], positions: PositionTable) -> None:
        """Managers and parents the data does not give, counted as guesses."""
        guessed = self.summary.guessed
        guessed["unit functions from unit names"] += len(units)
        guessed["back-office head (the top of the organisation)"] += 1
        managers = sum(unit.manager is None for unit in units)
        infer_managers(units, positions)
        guessed["unit managers (the most senior post)"] += managers - sum(
            unit.manager is None for unit in units
        )
        if self.options.unit_path:
            return  # the path gives every unit's parent: a top level is a top unit
        parents = sum(unit.parent is None for unit in units)
        infer_parents(units, positions)
        guessed["unit parents (where their managers report)"] += parents - sum(
            unit.parent is None for unit in units
        )

    def _path_tree(self) -> UnitTree:
        table = cast(CsvTable, self.table)
        headers = self.options.unit_path
        indices = [_header_index(table, header, f"--unit-path {header}") for header in headers]
        levels = [
            [None if cell in _NULLS else cell for cell in table.columns[index]] for index in indices
        ]
        tree = build_path_tree(
            table.numbers, levels, [table.header[index] for index in indices], self.display
        )
        self.problems.extend(tree.problems)
        self.notes.extend(tree.notes)
        return tree

    def _plain_units(self, tree: UnitTree) -> list[PlainUnit]:
        units = []
        for unit in sorted(tree.names):
            function = guess_function(tree.names[unit])
            units.append(
                PlainUnit(unit, tree.names[unit], office_of(function), function, tree.parents[unit])
            )
        return units

    def _headcount(self, row: int, value: str | None) -> int:
        if value is None:
            return 1
        try:
            count = int(value)
        except ValueError:
            count = 0
        if not 1 <= count <= 100_000:
            self.problem(row, f"headcount '{value}' is not a number from 1: ignored")
            return 1
        return count

    def _fte(self, row: int, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            fte = Decimal(value)
        except InvalidOperation:
            fte = Decimal(-1)
        if not (0 < fte <= 1) or not fte.is_finite():
            self.problem(row, f"fte '{value}' is not a number in (0, 1]: ignored")
            return None
        return None if fte == 1 else f"{fte.normalize():f}"

    def _locations(
        self,
        units: list[PlainUnit],
        unit_column: list[str | None],
        places: list[_Place | None],
        unit_places: dict[str, _Place | None],
    ) -> tuple[list[PlainLocation], list[str | None]]:
        """Locations, with ids, and each position's location (``unit_column`` and ``places``
        hold each position's unit and place). A unit without a place of its own takes the
        place all its posts share; a post's place is left to its unit when they agree."""
        pairs = set(zip(unit_column, places, strict=True))  # a few per unit: the rest is C
        spots: dict[str | None, set[_Place | None]] = {}
        for unit_id, place in pairs:
            spots.setdefault(unit_id, set()).add(place)
        effective: dict[str | None, _Place | None] = {}
        for unit in units:
            own = unit_places.get(unit.name)
            shared = spots.get(unit.id, set())
            if own is None and len(shared) == 1:
                (own,) = shared
            effective[unit.id] = own
        keys = {place for _, place in pairs if place} | {
            place for place in effective.values() if place
        }
        ids = IdAllocator()
        location_ids: dict[_Place | None, str | None] = {None: None}
        names = Counter(name for name, _ in keys)
        for key in sorted(keys):
            name, country = key
            wanted = slugify(name, "location")
            if names[name] > 1:
                wanted = f"{wanted}-{country.lower()}"
            location_ids[key] = ids.claim(wanted)
        for unit in units:
            unit.location = location_ids[effective[unit.id]]
        written = {
            (unit_id, place): None if place == effective.get(unit_id) else location_ids[place]
            for unit_id, place in pairs
        }
        locations = [
            PlainLocation(identifier, name, country, name)
            for (name, country), identifier in sorted(
                ((key, cast(str, location_ids[key])) for key in keys), key=lambda pair: pair[1]
            )
        ]
        return locations, list(map(written.__getitem__, zip(unit_column, places, strict=True)))

    def _headquarters(
        self,
        top: str,
        units: list[PlainUnit],
        positions: PositionTable,
        locations: list[PlainLocation],
    ) -> str:
        """Where the top works; else the location with most posts; else a placeholder."""
        unit_location = {unit.id: unit.location for unit in units}

        def where(index: int) -> str | None:
            return positions.location[index] or unit_location.get(positions.unit[index] or "")

        chosen = where(positions.id.index(top))
        if chosen is None:
            counts = Counter(map(where, range(len(positions))))
            counts.pop(None, None)
            if counts:
                chosen = min(counts, key=lambda key: (-counts[key], key or ""))
            elif locations:
                chosen = locations[0].id
        if chosen is None:
            country = self.options.country or FALLBACK_COUNTRY
            place = PlainLocation(slugify(HEADQUARTERS), HEADQUARTERS, country, HEADQUARTERS)
            locations.append(place)
            chosen = place.id
            self.notes.append(
                f"no locations in the data: a '{HEADQUARTERS}' location in "
                f"{country} stands in for the headquarters"
                + ("" if self.options.country else " (--country chooses another)")
            )
        for location in locations:
            if location.id == chosen:
                location.type = "headquarters"
        return chosen


def _header_index(table: CsvTable, wanted: str, option: str) -> int:
    if wanted in table.header:
        return table.header.index(wanted)
    for index, name in enumerate(table.header):
        if normalise(name) == normalise(wanted):
            return index
    hint = did_you_mean(wanted, table.header)
    raise ImportUsageError(
        f"{option}: {table.display} has no column '{wanted}'"
        + (f"; {hint}" if hint else f" (its columns: {', '.join(table.header)})")
    )


def _or(value: str | None, default: str) -> str:
    return value or default


def _order(problem: ImportProblem) -> tuple[str, int, str]:
    return (problem.file, problem.row, problem.message)


def import_csv(path: Path, options: CsvImportOptions, display: str | None = None) -> ImportResult:
    """Read ``path`` (and its companion tables) into an organisation; never writes."""
    # Hundreds of thousands of long-lived objects and no cycles: the collector would only
    # rescan them (a third of the time of a large import).
    with no_cyclic_gc():
        return _Importer(path, display or str(path), options).build()


def import_table(
    path: Path, options: CsvImportOptions, display: str, table: CsvTable, kind: str
) -> ImportResult:
    """Import a table read from another format (``kind``: records) as a CSV file is."""
    with no_cyclic_gc():
        return _Importer(path, display, options, table, kind).build()
