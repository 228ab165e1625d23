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
from boconf.interop.csv_columns import FIELDS, ColumnMap, map_columns
from boconf.interop.csv_source import MAX_BYTES, read_table
from boconf.interop.enrichment import ENRICHMENT_RULES, SETTINGS_COMMENT
from boconf.interop.import_problems import ImportProblem, ImportUsageError
from boconf.interop.lookup_tables import LookupTable, load_table, sibling
from boconf.interop.org_inference import infer_managers, infer_parents, top_position
from boconf.interop.plain_org import (
    ImportResult,
    PersonTable,
    PlainLocation,
    PlainOrg,
    PlainUnit,
    PositionTable,
)
from boconf.interop.slugs import IdAllocator, all_ids, is_id, slugify
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


# Cells that mean "no value": the literal NULL of SQL exports, \\N of database dumps.
_NULLS = frozenset({"", "NULL", "null", "Null", "\\N"})

# A place: (name, country code). A tuple, so that whole columns of them hash in C.
_Place = tuple[str, str]


def _absent(column: list[str | None]) -> bool:
    return column.count(None) == len(column)


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

    def read(self) -> _Rows:
        options = self.options
        table = read_table(
            self.path,
            self.display,
            delimiter=options.delimiter,
            encoding=options.encoding,
            max_bytes=options.max_bytes,
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
        self.columns = columns
        self.has_unit_column = "unit" in columns
        self.has_title_column = "title" in columns
        numbers = table.numbers
        values = columns.values(table.columns, len(numbers), _NULLS)
        if None in values["id"]:  # rare: rows without an id are dropped, or declare a unit
            keep = self._rows_with_id(numbers, values)
            values = {field: [column[index] for index in keep] for field, column in values.items()}
            numbers = [numbers[index] for index in keep]
        raw = cast(list[str], values["id"])
        return _Rows(numbers, raw, raw, *(values[field] for field in FIELDS[1:]))

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
                    f"duplicate id '{raw}' (first on row {first[raw]}): "
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
        marker = self.options.root_marker
        if (
            managers.count(None) == bosses.count(None)  # every manager is in the file
            and not any(map(operator.eq, managers, rows.id))  # nobody reports to themselves
            and (marker is None or marker not in by_raw)
        ):
            return managers
        return [self.resolve_manager(rows, index, by_raw) for index in range(len(bosses))]

    def resolve_manager(self, rows: _Rows, index: int, by_raw: dict[str | None, str]) -> str | None:
        boss = rows.reports_to[index]
        if boss is None or boss == self.options.root_marker:
            return None
        target = by_raw.get(boss)
        raw_id = rows.raw_id[index]
        if target == rows.id[index]:
            self.problem(
                rows.number[index], f"'{raw_id}' reports to itself: kept, for check to report"
            )
            return target
        if target is None:
            self.problem(
                rows.number[index],
                f"'{raw_id}' reports to '{boss}', which is not in the file: reporting line dropped",
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
        return (name, code or self.options.country)

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
        rows = self.read()
        count = len(rows.number)
        if not count:
            raise ImportUsageError(f"{self.display}: no rows to import")
        by_raw = self.assign_ids(rows)
        options = self.options

        # Units: every department of the departments table and of the rows, each with its
        # function and office guessed from its name.
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

        # What the data does not say: managers, parents, the top and the headquarters.
        self._name_heads(plain_units, heads, by_raw)
        infer_managers(plain_units, positions)
        infer_parents(plain_units, positions)
        top = top_position(positions)
        headquarters = self._headquarters(top, plain_units, positions, locations)
        org = PlainOrg(
            slugify(options.name, "organisation"),
            options.name,
            options.currency,
            headquarters,
            top,
            # No source file name here: an exported and re-imported tree stays identical.
            "Imported by boconf import csv.",
            locations,
            plain_units,
            positions,
            people,
            list(ENRICHMENT_RULES),
            SETTINGS_COMMENT,
        )
        return ImportResult(org, sorted(self.problems, key=_order), self.notes)

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
