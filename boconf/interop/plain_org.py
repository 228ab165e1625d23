"""An organisation as plain data: what an importer builds and the tree writer writes.

Plain dataclasses rather than the pydantic models: importers assemble them piece by piece,
and the writer decides how they are laid out in files. Lists keep the order the writer
should use, so the same input always gives the same files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple, TypeVar

from boconf.interop.import_problems import ImportProblem


@dataclass
class PlainLocation:
    id: str
    name: str
    country: str
    city: str
    type: str = "office"  # headquarters, office, remote_centre, vendor_site


class PlainPerson(NamedTuple):
    # A named tuple: an import makes one per employee, and tuple.__new__ over a zip of
    # columns makes them all in C (see :func:`plain_tuples`).
    id: str
    name: str
    email: str | None = None


class PlainPosition(NamedTuple):
    # A named tuple, like PlainPerson: made a hundred thousand at a time, never changed.
    id: str
    title: str
    unit: str | None
    reports_to: str | None = None
    holder: str | None = None
    headcount: int = 1
    fte: str | None = None  # as written in the source, e.g. "0.5"; None for a full post
    location: str | None = None


T = TypeVar("T", PlainPerson, PlainPosition)


def plain_tuples(kind: type[T], *columns: Iterable[object]) -> list[T]:
    """``[kind(*values) for values in zip(*columns)]``, without a Python call per item:
    every column must be given (no defaults)."""
    return list(map(partial(tuple.__new__, kind), zip(*columns, strict=True)))


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
    positions: list[PlainPosition] = field(default_factory=list)
    people: list[PlainPerson] = field(default_factory=list)
    ignored_rules: list[IgnoredRule] = field(default_factory=list)
    settings_comment: str = ""


@dataclass
class ImportResult:
    """An importer's outcome: the organisation, the data's problems, and notes on what it did."""

    org: PlainOrg
    problems: list[ImportProblem]
    notes: list[str]
