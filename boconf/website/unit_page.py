"""Everything a unit's page shows, gathered from the shared structure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from boconf.economics.cost import CostLine
from boconf.graph.structure import OrgStructure
from boconf.graph.work import Work
from boconf.i18n import _
from boconf.model.entities import Contract, Unit
from boconf.website.findings import FindingRow
from boconf.website.overview import model_label
from boconf.website.refs import (
    Ref,
    contract_ref,
    holder_name,
    location_ref,
    position_ref,
    provider_ref,
    unit_ref,
    vendor_ref,
)


@dataclass(frozen=True)
class PostRow:
    id: str
    title: str
    holder: str | None  # None: vacant
    headcount: int
    fte: Decimal  # headcount x fte
    reports_to: Ref | None
    dotted_to: list[Ref]
    location: Ref
    manager: bool


@dataclass(frozen=True)
class AllocationRow:
    """One line of the unit's work, as `boconf report cost` costs it."""

    provider: Ref
    location: Ref | None
    share: Decimal | None  # as declared; None: no allocation names this place
    fte: Decimal
    basis: str  # where the FTE come from: posts, contracted, derived, unknown
    model: str
    contract: Ref | None
    cost: Decimal | None  # None: unpriced (own staff at a site without a cost per FTE, ...)


@dataclass(frozen=True)
class ContractRow:
    contract: Ref
    vendor: Ref
    services: list[str]
    terms: Contract
    owner: Ref
    roles: list[str]  # why it is on this page


@dataclass(frozen=True)
class UnitPage:
    unit: Unit
    manager: Ref | None
    location: Ref
    posts: int
    fte: Decimal
    subtree_fte: Decimal
    positions: list[PostRow]
    parent: Ref | None
    children: list[Ref]
    supports: list[Ref]
    supported_by: list[Ref]
    sourcing_model: str
    sourcing: list[AllocationRow]
    contracts: list[ContractRow]
    chain: list[Ref]  # from the manager up to the top
    findings: list[FindingRow]

    @property
    def work_fte(self) -> Decimal:
        """Own FTE and vendor FTE together, as the cost report counts the unit's work."""
        return sum((row.fte for row in self.sourcing), Decimal(0))

    @property
    def work_cost(self) -> Decimal | None:
        """The unit's annual cost; None when part of it is unpriced."""
        total = Decimal(0)
        for row in self.sourcing:
            if row.cost is None:
                return None
            total += row.cost
        return total


def _post_row(structure: OrgStructure, position_id: str, manager: str | None) -> PostRow:
    tree = structure.tree
    post = tree.positions[position_id]
    unit_id = post.unit or ""
    where = post.location or structure.unit_locations.get(unit_id, tree.organisation.headquarters)
    return PostRow(
        position_id,
        post.title,
        holder_name(tree, position_id),
        post.headcount,
        structure.fte(position_id),
        position_ref(tree, post.reports_to) if post.reports_to in tree.positions else None,
        [position_ref(tree, target) for target in sorted(post.dotted_to)],
        location_ref(tree, where),
        position_id == manager,
    )


def _contracts(structure: OrgStructure, unit_id: str) -> list[ContractRow]:
    tree = structure.tree
    roles: dict[str, list[str]] = {}
    for allocation in tree.units[unit_id].sourcing or []:
        if allocation.contract is not None:
            roles.setdefault(allocation.contract, []).append(_("covers this unit's work"))
    members = set(structure.positions_by_unit.get(unit_id, ()))
    for contract_id, contract in tree.contracts.items():
        if contract.owner in members:
            roles.setdefault(contract_id, []).append(_("owned in this unit"))
    rows = []
    for contract_id in sorted(roles):
        contract = tree.contracts[contract_id]
        rows.append(
            ContractRow(
                contract_ref(contract_id),
                vendor_ref(tree, tree.contract_vendor[contract_id]),
                sorted(contract.services),
                contract,
                position_ref(tree, contract.owner),
                sorted(set(roles[contract_id])),
            )
        )
    return rows


def build_unit_page(
    structure: OrgStructure,
    unit_id: str,
    findings: list[FindingRow],
    lines: list[tuple[Work, CostLine]],
) -> UnitPage:
    """``findings``: those about the unit or its posts (grouped once for every page);
    ``lines``: the unit's work, each with its line of the cost report."""
    tree = structure.tree
    unit = tree.units[unit_id]
    manager = unit.manager if unit.manager in tree.positions else None
    # Manager first, then by reporting layer and id: the table reads top-down.
    depth = structure.reporting.depth
    members = sorted(
        structure.positions_by_unit.get(unit_id, ()),
        key=lambda p: (p != manager, depth.get(p, 0), p),
    )
    sourcing = [
        AllocationRow(
            provider_ref(tree, work.provider),
            location_ref(tree, work.location) if work.location is not None else None,
            work.share,
            work.fte,
            work.basis.value,
            model_label(work.model),
            contract_ref(work.contract) if work.contract is not None else None,
            line.cost,
        )
        for work, line in lines
    ]
    chain = structure.chain_of_command(manager) if manager is not None else []
    return UnitPage(
        unit,
        position_ref(tree, manager) if manager is not None else None,
        location_ref(tree, structure.unit_locations[unit_id]),
        structure.unit_posts(unit_id),
        structure.unit_fte(unit_id),
        structure.unit_fte(unit_id, subtree=True),
        [_post_row(structure, p, manager) for p in members],
        unit_ref(tree, unit.parent) if unit.parent in tree.units else None,
        # Lists of units read by name.
        sorted(unit_ref(tree, child) for child in structure.unit_tree.children.get(unit_id, [])),
        sorted(unit_ref(tree, target) for target in structure.units_supported_by(unit_id)),
        sorted(unit_ref(tree, source) for source in structure.supporters_of(unit_id)),
        model_label(tree.sourcing_model(unit_id)),
        sourcing,
        _contracts(structure, unit_id),
        [position_ref(tree, p) for p in chain],
        findings,
    )
