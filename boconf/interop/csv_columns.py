"""Which CSV column holds which field: ``--column FIELD=HEADER``, else common header names.

A field may join several columns (``name=first_name+last_name``): their non-blank cells are
joined with a space. Headers are matched case- and punctuation-insensitively
(``ReportsTo``, ``reports_to`` and ``Reports To`` are the same header). The field names
themselves are always recognised, so the CSV that ``boconf export csv`` writes reads back
without options.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from boconf.i18n import _
from boconf.interop.import_problems import ImportUsageError
from boconf.util.suggest import did_you_mean

FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "title",
    "reports_to",
    "unit",
    "location",
    "country",
    "email",
    "fte",
    "headcount",
    "holder",
    "manages",
    "parent",
)
# The fields of a position (what `boconf export csv` writes); ``parent`` is a unit's.
POST_FIELDS = FIELDS[:-1]

# Normalised header names that mean each field, best first (after the field's own name).
ALIASES: dict[str, tuple[str, ...]] = {
    "id": (
        "employeeid",
        "employeeno",
        "employeenumber",
        "empid",
        "empno",
        "staffid",
        "staffnumber",
        "workerid",
        "personid",
        "positionid",
        "postid",
        "postuniquereference",
        "userid",
        "uid",
        "slug",  # handbook and records files: the person's or post's slug
    ),
    "name": ("fullname", "employeename", "displayname", "personname", "staffname"),
    "title": (
        "jobtitle",
        "positiontitle",
        "position",
        "role",
        "jobname",
        "job",
        "jobid",
        "jobcode",
        "grade",
    ),
    "reports_to": (
        "reportsto",
        "reportstoid",
        "managerid",
        "manager",
        "managerno",
        "reportstoseniorpost",
        "supervisor",
        "supervisorid",
        "linemanager",
        "linemanagerid",
        "bossid",
        "parentid",
        "mgr",
    ),
    "unit": (
        "department",
        "departmentid",
        "departmentname",
        "dept",
        "deptid",
        "deptno",
        "deptname",
        "unitid",
        "unitname",
        "team",
        "division",
        "departments",  # a records file's list of one department
        "orgunit",
        "organisationalunit",
        "organizationalunit",
    ),
    "location": ("locationid", "locationname", "office", "site", "worklocation", "city", "town"),
    "country": ("countryid", "countrycode", "countryname"),
    "email": ("emailaddress", "mail", "workemail"),
    "fte": ("fulltimeequivalent",),
    "headcount": ("posts", "numberofposts"),
    "holder": ("holderid",),
    "manages": ("heads",),
    # A unit's parent, for registers of units (--units); ``parentid`` is reports_to's.
    "parent": ("parentunit", "parentunitid", "parentdepartment", "parentorganisation"),
}
FIRST_NAMES = ("firstname", "givenname", "forename", "forenames", "first")
LAST_NAMES = ("lastname", "surname", "familyname", "last")


def normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.casefold())


@dataclass(frozen=True)
class ColumnMap:
    """field -> the header indices it reads (several when joined)."""

    columns: dict[str, tuple[int, ...]]
    header: tuple[str, ...]

    def __contains__(self, field: str) -> bool:
        return field in self.columns

    def header_of(self, field: str) -> str:
        return "+".join(self.header[index] for index in self.columns[field])

    def values(
        self, columns: list[list[str]], count: int, nulls: frozenset[str]
    ) -> dict[str, list[str | None]]:
        """Every field of :data:`FIELDS` -> its value on each of ``count`` rows: None for a
        no-value cell (``nulls``) and on every row for a field without a column.

        Whole columns at a time, in C-level calls: a column without a no-value cell is taken
        as it is, and joined columns are joined by one map unless a part is blank."""
        to_none: dict[str, str | None] = dict.fromkeys(nulls)

        def column(index: int) -> list[str | None]:
            cells: list[str | None] = columns[index]  # type: ignore[assignment]
            if nulls.isdisjoint(cells):
                return cells
            return list(map(to_none.get, cells, cells))  # type: ignore[arg-type]

        values: dict[str, list[str | None]] = {}
        for field in FIELDS:
            indices = self.columns.get(field)
            if indices is None:
                values[field] = [None] * count
            elif len(indices) == 1:
                values[field] = column(indices[0])
            else:
                parts = [columns[index] for index in indices]
                if all(map(nulls.isdisjoint, parts)):
                    values[field] = list(map(" ".join, zip(*parts, strict=True)))
                else:
                    values[field] = [
                        " ".join(cell for cell in cells if cell not in nulls) or None
                        for cells in zip(*parts, strict=True)
                    ]
        return values


def parse_column_option(text: str, option: str = "--column") -> tuple[str, str]:
    """``FIELD=HEADER`` -> (field, header); raises :class:`ImportUsageError`."""
    field, equals, header = text.partition("=")
    field = field.strip()
    if not equals or not header.strip():
        raise ImportUsageError(
            _("{option} '{text}': expected FIELD=HEADER, e.g. id=employee_id").format(
                option=option, text=text
            )
        )
    if field not in FIELDS:
        hint = did_you_mean(field, FIELDS)
        raise ImportUsageError(
            _("{option} '{text}': unknown field '{field}' (one of {fields})").format(
                option=option, text=text, field=field, fields=", ".join(FIELDS)
            )
            + (f"; {hint}" if hint else "")
        )
    return field, header.strip()


def _find(header: list[str], wanted: str) -> int | None:
    if wanted in header:
        return header.index(wanted)
    target = normalise(wanted)
    for index, name in enumerate(header):
        if normalise(name) == target:
            return index
    return None


def column_index(header: list[str], wanted: str, option: str, display: str) -> int:
    """The column ``wanted`` names (exactly, else ignoring case and punctuation); raises
    :class:`ImportUsageError` naming ``option``, with the nearest header or all of them."""
    index = _find(header, wanted)
    if index is None:
        hint = did_you_mean(wanted, header)
        raise ImportUsageError(
            _("{option}: {file} has no column '{wanted}'").format(
                option=option, file=display, wanted=wanted
            )
            + (
                f"; {hint}"
                if hint
                else " " + _("(its columns: {columns})").format(columns=", ".join(header))
            )
        )
    return index


def map_columns(
    header: list[str],
    explicit: Iterable[tuple[str, str]],
    display: str,
    reserved: Iterable[str] = (),
) -> ColumnMap:
    """Each field's columns; ``reserved`` headers (the --unit-path levels) are never
    matched by name."""
    columns: dict[str, tuple[int, ...]] = {}
    for field, spec in explicit:
        indices = []
        for part in spec.split("+"):
            indices.append(column_index(header, part.strip(), f"--column {field}={spec}", display))
        columns[field] = tuple(indices)
    used = {index for indices in columns.values() for index in indices}
    used.update(index for index in map(partial(_find, header), reserved) if index is not None)
    normalised = [normalise(name) for name in header]

    def take(candidates: Iterable[str]) -> int | None:
        for candidate in candidates:
            for index, name in enumerate(normalised):
                if name == candidate and index not in used:
                    return index
        return None

    for field in FIELDS:
        if field in columns:
            continue
        index = take((normalise(field), *ALIASES[field]))
        if index is None and field == "name":
            first, last = take(FIRST_NAMES), take(LAST_NAMES)
            if first is not None and last is not None:
                columns[field] = (first, last)
                used.update((first, last))
            continue
        if index is not None:
            columns[field] = (index,)
            used.add(index)
    return ColumnMap(columns, tuple(header))
