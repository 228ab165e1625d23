"""Every unit's work, allocation by allocation: the one source of every FTE mix and cost.

A unit's FTE is its posts' (headcount x fte); each sourcing allocation takes its share of it.
A unit without ``sourcing`` is one in-house allocation at its location. Units without posts
are kept (they still sit somewhere), so that registers list every unit; concentration measures
take ``back_office_work``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from boconf.graph.structure import OrgStructure
from boconf.model.entities import IN_HOUSE, Office, SourcingModel


@dataclass(frozen=True)
class Work:
    unit: str
    office: Office
    provider: str  # IN_HOUSE or a vendor id
    location: str | None  # None: a vendor's work with no site given
    share: Decimal
    fte: Decimal  # the unit's FTE times the share
    model: SourcingModel  # of this allocation: in-house, captive or outsourced
    contract: str | None

    @property
    def own_staff(self) -> bool:
        return self.provider == IN_HOUSE


def unit_work(structure: OrgStructure, unit_id: str) -> Iterator[Work]:
    tree = structure.tree
    unit = tree.units[unit_id]
    total = structure.unit_fte(unit_id)
    if not unit.sourcing:
        model = tree.allocation_model(unit_id, IN_HOUSE, None)
        home = structure.unit_locations[unit_id]
        yield Work(unit_id, unit.office, IN_HOUSE, home, Decimal(1), total, model, None)
        return
    for allocation in unit.sourcing:
        where = allocation.location
        if where is None and allocation.provider == IN_HOUSE:
            where = structure.unit_locations[unit_id]
        yield Work(
            unit_id,
            unit.office,
            allocation.provider,
            where,
            allocation.share,
            total * allocation.share,
            tree.allocation_model(unit_id, allocation.provider, allocation.location),
            allocation.contract,
        )


def all_work(structure: OrgStructure) -> list[Work]:
    return [
        work for unit_id in sorted(structure.tree.units) for work in unit_work(structure, unit_id)
    ]


def back_office_work(structure: OrgStructure) -> Iterator[Work]:
    """The back office's work with FTE, in any order: for shares of back-office FTE."""
    for unit_id, unit in structure.tree.units.items():
        if unit.office is Office.BACK and structure.unit_fte(unit_id):
            yield from unit_work(structure, unit_id)
