"""An organisation as plain data: what an importer builds and the tree writer writes.

Plain dataclasses rather than the pydantic models: importers assemble them piece by piece,
and the writer decides how they are laid out in files. Positions and people are tables of
columns (an HR export brings a hundred thousand of them). Lists keep the order the writer
should use, so the same input always gives the same files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

from boconf.interop.import_problems import ImportProblem
from boconf.interop.import_summary import ImportSummary
from boconf.interop.slugs import slugify

T = TypeVar("T")


@dataclass
class PlainLocation:
    id: str
    name: str
    country: str
    city: str
    type: str = "office"  # headquarters, office, remote_centre, vendor_site


class PlainPerson(NamedTuple):
    """One person: a row of a :class:`PersonTable`."""

    id: str
    name: str
    email: str | None = None


class PlainPosition(NamedTuple):
    """One position: a row of a :class:`PositionTable`."""

    id: str
    title: str
    unit: str | None
    reports_to: str | None = None
    holder: str | None = None
    headcount: int = 1
    fte: str | None = None  # as written in the source, e.g. "0.5"; None for a full post
    location: str | None = None


@dataclass
class PositionTable:
    """Positions by column: position ``i`` is ``id[i]``, ``title[i]``, and so on.

    By column because an HR export brings a hundred thousand of them: the importer builds
    each column in a few C-level passes and the writer writes a field of all of a unit's
    positions at once, with no object per position in between. Never changed once built."""

    id: list[str]
    title: list[str]
    unit: list[str | None]
    reports_to: list[str | None]
    holder: list[str | None]
    headcount: list[int]
    fte: list[str | None]
    location: list[str | None]
    # Further fields some sources hold (an organogram's grade, pay band, missing manager):
    # field name -> a value per position, already YAML text (None: not written). Written after
    # the fields above, in this order.
    extra: dict[str, list[str | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, positions: Sequence[PlainPosition]) -> PositionTable:
        if not positions:
            return cls([], [], [], [], [], [], [], [])
        ids, titles, units, bosses, holders, counts, ftes, places = map(
            list, zip(*positions, strict=True)
        )
        return cls(ids, titles, units, bosses, holders, counts, ftes, places)

    def __len__(self) -> int:
        return len(self.id)

    def columns(self) -> tuple[list[Any], ...]:
        """The columns in the order of :class:`PlainPosition`'s fields."""
        return (
            self.id,
            self.title,
            self.unit,
            self.reports_to,
            self.holder,
            self.headcount,
            self.fte,
            self.location,
        )

    @cached_property
    def by_unit(self) -> dict[str | None, list[int]]:
        """Each unit's positions as indices, in order; None holds those without a unit."""
        groups: dict[str | None, list[int]] = {}
        for index, unit in enumerate(self.unit):
            groups.setdefault(unit, []).append(index)
        return groups


@dataclass
class PersonTable:
    """People by column, like :class:`PositionTable`."""

    id: list[str]
    name: list[str]
    email: list[str | None]

    @classmethod
    def of(cls, people: Sequence[PlainPerson]) -> PersonTable:
        if not people:
            return cls([], [], [])
        return cls(*map(list, zip(*people, strict=True)))

    def __len__(self) -> int:
        return len(self.id)


def pick(column: list[T], indices: list[int]) -> list[T]:
    """``[column[i] for i in indices]``: a slice when the indices are a run, else one
    C-level map."""
    if indices and indices[-1] - indices[0] == len(indices) - 1:
        return column[indices[0] : indices[-1] + 1]
    return list(map(column.__getitem__, indices))


@dataclass
class PlainUnit:
    id: str
    name: str
    office: str
    function: str
    parent: str | None = None
    manager: str | None = None
    location: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    # Rules not to report on this unit: rule -> the reason, written as its `lint: ignore:`.
    ignore: dict[str, str] = field(default_factory=dict)


@dataclass
class IgnoredRule:
    """A rule the import's settings file switches off, and why."""

    rule: str
    reason: str


@dataclass
class PlainOrg:
    id: str
    name: str
    currency: str
    headquarters: str
    back_office_head: str
    description: str | None = None
    locations: list[PlainLocation] = field(default_factory=list)
    units: list[PlainUnit] = field(default_factory=list)
    positions: PositionTable = field(default_factory=lambda: PositionTable.of([]))
    people: PersonTable = field(default_factory=lambda: PersonTable.of([]))
    ignored_rules: list[IgnoredRule] = field(default_factory=list)
    settings_comment: str = ""

    @classmethod
    def named(
        cls,
        name: str,
        currency: str,
        description: str,
        *,
        headquarters: str,
        head: str,
        locations: list[PlainLocation],
        units: list[PlainUnit],
        positions: PositionTable,
        people: PersonTable,
        ignored_rules: list[IgnoredRule],
        settings_comment: str,
    ) -> PlainOrg:
        """An imported organisation: its id is its name's slug, whichever the source."""
        return cls(
            slugify(name, "organisation"),
            name,
            currency,
            headquarters,
            head,
            description,
            locations,
            units,
            positions,
            people,
            ignored_rules,
            settings_comment,
        )


@dataclass
class ImportResult:
    """An importer's outcome: the organisation, the data's problems, and notes on what it did."""

    org: PlainOrg
    problems: list[ImportProblem]
    notes: list[str]
    summary: ImportSummary | None = None  # what happened to the rows (CSV and records)


def fte_text(fte: Decimal) -> str | None:
    """An FTE as a position's ``fte`` is written: None for a full post, else ``0.5``."""
    return None if fte == 1 else f"{fte.normalize():f}"


def headquarters_placeholder(country: str, city: str = "Headquarters") -> PlainLocation:
    """The location that stands in for the headquarters of a source that names no places."""
    return PlainLocation("headquarters", "Headquarters", country, city, "headquarters")
