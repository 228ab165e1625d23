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

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from boconf.interop.countries import CountryResolver
from boconf.interop.csv_columns import FIELDS, ColumnMap, map_columns
from boconf.interop.csv_source import read_table
from boconf.interop.enrichment import ENRICHMENT_RULES, SETTINGS_COMMENT
from boconf.interop.import_problems import ImportProblem, ImportUsageError
from boconf.interop.lookup_tables import LookupTable, load_table, sibling
from boconf.interop.org_inference import infer_managers, infer_parents, top_position
from boconf.interop.plain_org import (
    ImportResult,
    PlainLocation,
    PlainOrg,
    PlainPerson,
    PlainPosition,
    PlainUnit,
)
from boconf.interop.slugs import IdAllocator, is_id, slugify
from boconf.interop.unit_functions import guess_function, office_of
from boconf.loading.gc_pause import no_cyclic_gc

ALL_STAFF = "All staff"
UNTITLED = "Untitled position"
HEADQUARTERS = "Headquarters"
MANAGES_SEPARATOR = ";"


@dataclass
class CsvImportOptions:
    columns: list[tuple[str, str]] = field(default_factory=list)
    root_marker: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    departments: Path | None = None
    locations: Path | None = None
    jobs: Path | None = None
    siblings: bool = True
    name: str = "Imported organisation"
    currency: str = "EUR"
    country: str = "US"


@dataclass(slots=True)
class _Row:  # after row, id and raw_id: the fields of csv_columns.FIELDS, in that order
    row: int
    id: str
    raw_id: str
    name: str | None
    title: str | None
    reports_to: str | None
    unit: str | None
    location: str | None
    country: str | None
    email: str | None
    fte: str | None
    headcount: str | None
    holder: str | None
    manages: str | None


# Cells that mean "no value": the literal NULL of SQL exports, \\N of database dumps.
_NULLS = frozenset({"", "NULL", "null", "Null", "\\N"})


@dataclass
class _Place:
    name: str
    country: str


class _Importer:
    def __init__(self, path: Path, display: str, options: CsvImportOptions) -> None:
        self.path = path
        self.display = display
        self.options = options
        self.problems: list[ImportProblem] = []
        self.notes: list[str] = []
        self.departments: LookupTable | None = None
        self.locations: LookupTable | None = None
        self.jobs: LookupTable | None = None
        self.countries: CountryResolver = CountryResolver()
        self._places: dict[tuple[str, str | None], _Place] = {}
        self.declared: list[tuple[int, str, dict[str, str]]] = []
        self.has_unit_column = self.has_title_column = False

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
        return load_table(path, str(path), self.options.encoding, self.problems)

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
            table = load_table(countries, str(countries), self.options.encoding, self.problems)
            names = {key: table.get(key, "countryname", "name") for key in table.records}
            self.countries = CountryResolver(names)

    def read(self) -> list[_Row]:
        options = self.options
        table = read_table(
            self.path, self.display, delimiter=options.delimiter, encoding=options.encoding
        )
        self.problems.extend(table.problems)
        columns = map_columns(table.header, options.columns, self.display)
        if "id" not in columns:
            raise ImportUsageError(
                f"{self.display}: no id column among {', '.join(table.header)}; "
                "name it with --column id=HEADER"
            )
        self.notes.append(
            "columns: "
            + ", ".join(f"{field}={columns.header_of(field)}" for field in columns.columns)
        )
        self._companions(columns)
        self.has_unit_column = "unit" in columns
        self.has_title_column = "title" in columns
        rows: list[_Row] = []
        values_of = columns.reader(_NULLS)
        for number, cells in table.rows:
            values = values_of(cells)
            raw_id = values[0]
            if raw_id is None:
                value = {f: v for f, v in zip(FIELDS, values, strict=True) if v is not None}
                if value.get("unit") and not any(
                    value.get(name) for name in ("name", "title", "reports_to", "holder")
                ):
                    self.declared.append((number, value["unit"] or "", value))
                    continue
                self.problem(number, f"blank {columns.header_of('id')}: row skipped")
                continue
            rows.append(_Row(number, raw_id, raw_id, *values[1:]))
        self.columns = columns
        return rows

    # -- building -------------------------------------------------------------------------

    def assign_ids(self, rows: list[_Row]) -> dict[str, str]:
        """Raw id -> position id; duplicates renamed, invalid ids slugged, both reported.

        Ids are claimed in row order, so a renamed id never takes one a later row has."""
        first: dict[str, int] = {}
        by_raw: dict[str, str] = {}
        ids = IdAllocator()
        taken = ids.taken
        for row in rows:
            raw = row.raw_id
            if raw in first:
                row.id = ids.claim(raw if is_id(raw) else slugify(raw, "post"))
                self.problem(
                    row.row,
                    f"duplicate id '{raw}' (first on row {first[raw]}): "
                    f"this one renamed '{row.id}'",
                )
                continue
            first[raw] = row.row
            if raw not in taken and is_id(raw):  # the common case: a valid id, not yet taken
                taken.add(raw)
            else:
                row.id = ids.claim(raw if is_id(raw) else slugify(raw, "post"))
                if row.id != raw:
                    self.problem(row.row, f"'{raw}' is not a valid id: written as '{row.id}'")
            by_raw[raw] = row.id
        return by_raw

    def resolve_manager(self, row: _Row, by_raw: dict[str, str]) -> str | None:
        boss = row.reports_to
        if boss is None or boss == self.options.root_marker:
            return None
        # A renamed duplicate's manager id means the kept row, not itself.
        target = by_raw.get(boss)
        if target == row.id:
            self.problem(row.row, f"'{row.raw_id}' reports to itself: kept, for check to report")
            return row.id
        if target is None:
            self.problem(
                row.row,
                f"'{row.raw_id}' reports to '{boss}', which is not in the file: "
                "reporting line dropped",
            )
        return target

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
        known = self._places.get((value, country))
        if known is not None:
            return known
        place = self._place(row, value, country)
        self._places[(value, country)] = place
        return place

    def _place(self, row: int, value: str, country: str | None) -> _Place:
        name = value
        if self.locations is not None and value in self.locations.records:
            name = self.locations.get(value, "city", "name", "locationname") or value
            country = country or self.locations.get(value, "countryid", "country", "countrycode")
        code = self.countries.resolve(country) if country else None
        if country and code is None:
            self.problem(
                row,
                f"unknown country '{country}': location '{name}' placed in {self.options.country}",
            )
        return _Place(name, code or self.options.country)

    def build(self) -> ImportResult:
        rows = self.read()
        if not rows:
            raise ImportUsageError(f"{self.display}: no rows to import")
        by_raw = self.assign_ids(rows)
        options = self.options

        # Units: every department of the departments table, then every one named by a row.
        unit_keys: dict[str, str] = {}  # the source's key (or name) -> unit name
        unit_places: dict[str, _Place | None] = {}
        heads: dict[str, tuple[int, str]] = {}  # unit name -> (row, raw head id)
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
        for row in rows:
            if row.unit is not None and row.unit not in unit_keys:
                unit_keys[row.unit] = self.unit_name(row.row, row.unit)
        if not self.has_unit_column:
            unit_keys[ALL_STAFF] = ALL_STAFF
        unit_ids: dict[str, str] = {}
        allocator = IdAllocator()
        for name in sorted(set(unit_keys.values())):
            unit_ids[name] = allocator.claim(slugify(name, "unit"))

        # Positions and people.
        positions: list[PlainPosition] = []
        people: dict[str, PlainPerson] = {}
        places: dict[str, _Place | None] = {}
        for row in rows:
            if row.unit is not None:
                unit: str | None = unit_ids[unit_keys[row.unit]]
            elif self.has_unit_column:
                unit = None
                self.problem(
                    row.row,
                    f"'{row.raw_id}' has no {self.columns.header_of('unit')}: "
                    "the post belongs to no unit",
                )
            else:
                unit = unit_ids[ALL_STAFF]
            title = row.title
            if title is not None and self.jobs is not None:
                title = self.jobs.get(title, "jobtitle", "title", "name") or title
            if title is None:
                title = UNTITLED
                if self.has_title_column:
                    self.problem(row.row, f"'{row.raw_id}' has no title: written as '{UNTITLED}'")
            holder = None
            if row.holder is not None or row.name is not None:
                holder = row.id  # a position id is a valid id already
                if row.holder is not None:
                    holder = row.holder if is_id(row.holder) else slugify(row.holder, "person")
                if holder not in people:
                    people[holder] = PlainPerson(holder, row.name or holder, row.email)
            boss = row.reports_to
            manager = by_raw.get(boss) if boss is not None else None
            if manager is None or manager == row.id or boss == self.options.root_marker:
                manager = self.resolve_manager(row, by_raw)  # the rare cases, reported there
            position = PlainPosition(
                row.id,
                title,
                unit,
                manager,
                holder,
                1 if row.headcount is None else self._headcount(row),
                None if row.fte is None else self._fte(row),
            )
            place = self._places.get((row.location, row.country)) if row.location else None
            if place is None and row.location is not None:
                place = self.place(row.row, row.location, row.country)
            places[row.id] = place
            positions.append(position)
            if row.manages is None:
                continue
            for managed in row.manages.split(MANAGES_SEPARATOR):
                managed = managed.strip()
                if managed:
                    name = unit_keys.get(managed, managed)
                    if name in unit_ids:
                        heads[name] = (row.row, row.raw_id)
                    else:
                        self.problem(row.row, f"manages '{managed}': no such unit")

        units = [
            PlainUnit(
                unit_ids[name],
                name,
                office_of(guess_function(name)),
                guess_function(name),
            )
            for name in sorted(unit_ids, key=lambda name: unit_ids[name])
        ]
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
        infer_managers(units, positions)
        infer_parents(units, positions)

        locations = self._locations(units, positions, places, unit_places)
        top = top_position(positions)
        headquarters = self._headquarters(top, units, positions, locations)
        org = PlainOrg(
            slugify(options.name, "organisation"),
            options.name,
            options.currency,
            headquarters,
            top,
            # No source file name here: an exported and re-imported tree stays identical.
            "Imported by boconf import csv.",
            locations,
            units,
            positions,
            list(people.values()),
            list(ENRICHMENT_RULES),
            SETTINGS_COMMENT,
        )
        return ImportResult(org, sorted(self.problems, key=_order), self.notes)

    def _headcount(self, row: _Row) -> int:
        if row.headcount is None:
            return 1
        try:
            count = int(row.headcount)
        except ValueError:
            count = 0
        if not 1 <= count <= 100_000:
            self.problem(row.row, f"headcount '{row.headcount}' is not a number from 1: ignored")
            return 1
        return count

    def _fte(self, row: _Row) -> str | None:
        if row.fte is None:
            return None
        try:
            fte = Decimal(row.fte)
        except InvalidOperation:
            fte = Decimal(-1)
        if not (0 < fte <= 1) or not fte.is_finite():
            self.problem(row.row, f"fte '{row.fte}' is not a number in (0, 1]: ignored")
            return None
        return None if fte == 1 else f"{fte.normalize():f}"

    def _locations(
        self,
        units: list[PlainUnit],
        positions: list[PlainPosition],
        places: dict[str, _Place | None],
        unit_places: dict[str, _Place | None],
    ) -> list[PlainLocation]:
        """Locations, with ids; a place shared by all of a unit's posts moves to the unit."""
        effective: dict[str, _Place | None] = {}
        members: dict[str, list[PlainPosition]] = {}
        for position in positions:
            if position.unit is not None:
                members.setdefault(position.unit, []).append(position)
        for unit in units:
            own = unit_places.get(unit.name)
            staff = members.get(unit.id, [])
            spots = {_key(places[p.id]) for p in staff}
            if own is None and len(spots) == 1 and staff:
                own = places[staff[0].id]
            effective[unit.id] = own
            for position in staff:
                if own is not None and _key(places[position.id]) == _key(own):
                    places[position.id] = None
        keys = {_key(place): place for place in [*places.values(), *effective.values()] if place}
        ids = IdAllocator()
        location_ids: dict[tuple[str, str], str] = {}
        names = Counter(name for name, _ in keys)
        for key in sorted(keys):
            name, country = key
            wanted = slugify(name, "location")
            if names[name] > 1:
                wanted = f"{wanted}-{country.lower()}"
            location_ids[key] = ids.claim(wanted)
        for unit in units:
            place = effective[unit.id]
            unit.location = location_ids[_key(place)] if place else None
        for position in positions:
            place = places[position.id]
            position.location = location_ids[_key(place)] if place else None
        locations = [
            PlainLocation(location_ids[key], key[0], key[1], key[0])
            for key in sorted(keys, key=lambda key: location_ids[key])
        ]
        return locations

    def _headquarters(
        self,
        top: str,
        units: list[PlainUnit],
        positions: list[PlainPosition],
        locations: list[PlainLocation],
    ) -> str:
        """Where the top works; else the location with most posts; else a placeholder."""
        unit_location = {unit.id: unit.location for unit in units}

        def where(position: PlainPosition) -> str | None:
            return position.location or unit_location.get(position.unit or "")

        by_id = {position.id: position for position in positions}
        chosen = where(by_id[top])
        if chosen is None:
            counts = Counter(where(position) for position in positions)
            counts.pop(None, None)
            if counts:
                chosen = min(counts, key=lambda key: (-counts[key], key or ""))
            elif locations:
                chosen = locations[0].id
        if chosen is None:
            place = PlainLocation(
                slugify(HEADQUARTERS), HEADQUARTERS, self.options.country, HEADQUARTERS
            )
            locations.append(place)
            chosen = place.id
            self.notes.append(
                f"no locations in the data: a '{HEADQUARTERS}' location in "
                f"{self.options.country} stands in for the headquarters"
            )
        for location in locations:
            if location.id == chosen:
                location.type = "headquarters"
        return chosen


def _key(place: _Place | None) -> tuple[str, str]:
    return (place.name, place.country) if place else ("", "")


def _order(problem: ImportProblem) -> tuple[str, int, str]:
    return (problem.file, problem.row, problem.message)


def import_csv(path: Path, options: CsvImportOptions, display: str | None = None) -> ImportResult:
    """Read ``path`` (and its companion tables) into an organisation; never writes."""
    # Hundreds of thousands of long-lived objects and no cycles: the collector would only
    # rescan them (a third of the time of a large import).
    with no_cyclic_gc():
        return _Importer(path, display or str(path), options).build()
