"""Every unit's work, line by line: the one source of every FTE mix and cost.

Two kinds of line, because own staff and vendors are known in different ways:

- **Own staff** are the unit's posts. Each post works at its own ``location``, else at its
  unit's (the unit's own, else its parent's, else the headquarters); the unit's posts are
  grouped by that place into one line each, with their FTE (headcount x fte). Sourcing shares
  never scale them: the posts *are* the in-house part of the work.
- **Vendor work** is one line per vendor allocation. Its FTE is what the allocation says
  (``fte``, contracted seats) or an equivalent derived from the shares: the unit's own FTE
  do the own share of the work, so a vendor's FTE-equivalent = own FTE x vendor share / own
  share (rounded to 0.01). With no own share to derive from and no ``fte`` given, it is
  unknown (0, and said so).

A unit's ``sourcing`` says how its work is split. The share of an own-staff line is what the
unit's in-house allocations declare for that place (None where none names it); a unit without
``sourcing`` does all its work in-house. A place an in-house allocation names where no post
works is kept as a line with no FTE, so every declared allocation shows, and so are units
without posts (they still sit somewhere), so that registers list every unit; a fully
outsourced unit without posts has only its vendor lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from boconf.model.entities import IN_HOUSE, Office, SourcingModel

if TYPE_CHECKING:
    from boconf.graph.structure import OrgStructure

FTE_STEP = Decimal("0.01")


class FteBasis(StrEnum):
    """Where a line's FTE comes from."""

    POSTS = "posts"  # own staff: the unit's posts
    CONTRACTED = "contracted"  # vendor: the allocation's fte
    DERIVED = "derived"  # vendor: own FTE x vendor share / own share
    UNKNOWN = "unknown"  # vendor: no fte given and no own share to derive it from


@dataclass(frozen=True)
class Work:
    unit: str
    office: Office
    provider: str  # IN_HOUSE or a vendor id
    location: str | None  # None: a vendor's work with no site given
    share: Decimal | None  # of the unit's work, as declared; None: no allocation names it
    fte: Decimal  # own staff: the posts'; vendor: contracted or derived (0 when unknown)
    model: SourcingModel  # of this line: in-house, captive or outsourced
    contract: str | None
    basis: FteBasis = FteBasis.POSTS

    @property
    def own_staff(self) -> bool:
        return self.provider == IN_HOUSE


def post_location(structure: OrgStructure, position_id: str) -> str:
    """Where a post works: its own location, else its unit's, else the headquarters."""
    tree = structure.tree
    post = tree.positions[position_id]
    if post.location is not None:
        return post.location
    if post.unit is not None and post.unit in structure.unit_locations:
        return structure.unit_locations[post.unit]
    return tree.organisation.headquarters


def own_allocation_shares(
    structure: OrgStructure, unit_id: str, staffed: dict[str, Decimal]
) -> dict[str, Decimal]:
    """The share of the unit's work its in-house allocations declare, by place.

    A unit without ``sourcing`` does all its work in-house: at its one place when its posts
    all work in one (or it has none), else split in a way nothing declares.
    """
    unit = structure.tree.units[unit_id]
    home = structure.unit_locations[unit_id]
    if not unit.sourcing:
        places = set(staffed) or {home}
        return {places.pop(): Decimal(1)} if len(places) == 1 else {}
    declared: dict[str, Decimal] = {}
    for allocation in unit.sourcing:
        if allocation.provider == IN_HOUSE:
            where = allocation.location or home
            declared[where] = declared.get(where, Decimal(0)) + allocation.share
    return declared


def own_fte_by_location(structure: OrgStructure, unit_id: str) -> dict[str, Decimal]:
    """The unit's posts' FTE (headcount x fte) by the place each post works."""
    positions = structure.tree.positions
    found: dict[str, Decimal] = {}
    for position_id in structure.positions_by_unit.get(unit_id, ()):
        post = positions[position_id]
        where = post_location(structure, position_id)
        found[where] = found.get(where, Decimal(0)) + post.fte * post.headcount
    return found


def _own_fte_by_unit(structure: OrgStructure) -> dict[str, dict[str, Decimal]]:
    """:func:`own_fte_by_location` of every unit with posts, in one pass (post_location
    inlined: a unit's posts all share its place unless they name their own)."""
    positions = structure.tree.positions
    unit_locations = structure.unit_locations
    headquarters = structure.tree.organisation.headquarters
    zero = Decimal(0)
    by_unit: dict[str, dict[str, Decimal]] = {}
    for unit_id, members in structure.positions_by_unit.items():
        home = unit_locations.get(unit_id, headquarters)
        found: dict[str, Decimal] = {}
        for position_id in members:
            post = positions[position_id]
            where = home if post.location is None else post.location
            found[where] = found.get(where, zero) + post.fte * post.headcount
        by_unit[unit_id] = found
    return by_unit


def unit_work(
    structure: OrgStructure, unit_id: str, staffed: dict[str, Decimal] | None = None
) -> Iterator[Work]:
    """The unit's work lines; ``staffed``: its :func:`own_fte_by_location`, when known."""
    tree = structure.tree
    unit = tree.units[unit_id]
    if staffed is None:
        staffed = own_fte_by_location(structure, unit_id)
    declared = own_allocation_shares(structure, unit_id, staffed)
    # Every place own staff work or an in-house allocation names; a fully outsourced unit
    # without posts has none.
    places = sorted(set(staffed) | set(declared))
    for where in places:
        yield Work(
            unit_id,
            unit.office,
            IN_HOUSE,
            where,
            declared.get(where),
            staffed.get(where, Decimal(0)),
            tree.allocation_model(unit_id, IN_HOUSE, where),
            None,
        )
    own_fte = sum(staffed.values(), Decimal(0))
    own_share = sum(declared.values(), Decimal(0)) if unit.sourcing else Decimal(1)
    for allocation in unit.sourcing or ():
        if allocation.provider == IN_HOUSE:
            continue
        if allocation.fte is not None:
            fte, basis = allocation.fte, FteBasis.CONTRACTED
        elif own_share > 0:
            fte, basis = (
                (own_fte * allocation.share / own_share).quantize(FTE_STEP),
                FteBasis.DERIVED,
            )
        else:
            fte, basis = Decimal(0), FteBasis.UNKNOWN
        yield Work(
            unit_id,
            unit.office,
            allocation.provider,
            allocation.location,
            allocation.share,
            fte,
            SourcingModel.OUTSOURCED,
            allocation.contract,
            basis,
        )


def compute_all_work(structure: OrgStructure) -> list[Work]:
    staffed = _own_fte_by_unit(structure)
    return [
        work
        for unit_id in sorted(structure.tree.units)
        for work in unit_work(structure, unit_id, staffed.get(unit_id, {}))
    ]


def all_work(structure: OrgStructure) -> list[Work]:
    """Every unit's work by unit id, computed once per structure (rules, cost and pages)."""
    return structure.work


def back_office_work(structure: OrgStructure) -> Iterator[Work]:
    """The back office's work: for shares of back-office FTE."""
    return (work for work in structure.work if work.office is Office.BACK)
