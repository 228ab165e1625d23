"""The registers: vendors and their contracts, locations, and function coverage."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from boconf.economics.cost import CostLine, CostReport
from boconf.graph.structure import OrgStructure
from boconf.graph.work import Work
from boconf.model.entities import IN_HOUSE, Contract, Location, Office, SourcingModel, Vendor
from boconf.website.findings import FindingRow
from boconf.website.overview import model_label
from boconf.website.refs import Ref, contract_ref, location_ref, position_ref, unit_ref

MISSING_FUNCTION = "BO206"


@dataclass(frozen=True)
class ContractEntry:
    contract: Ref
    terms: Contract
    services: list[str]
    owner: Ref
    notice_by: dt.date | None  # the last day to give notice before the end
    units: list[Ref]  # whose work it covers
    fte: Decimal  # outsourced under it


@dataclass(frozen=True)
class VendorEntry:
    vendor: Vendor
    contracts: list[ContractEntry]
    fte: Decimal
    units: list[Ref]


@dataclass(frozen=True)
class LocationEntry:
    location: Location
    ref: Ref
    units: list[Ref]
    fte: Decimal
    own_fte: Decimal
    cost: Decimal | None  # own staff there, when the location has a cost per FTE


@dataclass
class FunctionRow:
    function: str
    offices: set[str] = field(default_factory=set)
    units: list[Ref] = field(default_factory=list)
    fte: dict[str, Decimal] = field(default_factory=dict)  # model label -> FTE

    @property
    def total(self) -> Decimal:
        return sum(self.fte.values(), Decimal(0))


@dataclass(frozen=True)
class FunctionCoverage:
    models: list[str]  # the column labels
    rows: list[FunctionRow]
    missing: list[FindingRow]  # the missing-function rule's findings
    rule_enabled: bool


def vendor_register(structure: OrgStructure, work: list[Work]) -> list[VendorEntry]:
    tree = structure.tree
    by_contract: dict[str, list[Work]] = defaultdict(list)
    by_vendor: dict[str, list[Work]] = defaultdict(list)
    for item in work:
        if not item.own_staff:
            by_vendor[item.provider].append(item)
            if item.contract is not None:
                by_contract[item.contract].append(item)
    entries = []
    for vendor_id, vendor in sorted(tree.vendors.items(), key=lambda kv: (kv[1].name, kv[0])):
        contracts = []
        for contract in sorted(vendor.contracts, key=lambda c: c.id):
            covered = by_contract.get(contract.id, [])
            contracts.append(
                ContractEntry(
                    contract_ref(contract.id),
                    contract,
                    sorted(contract.services),
                    position_ref(tree, contract.owner),
                    contract.end - dt.timedelta(days=contract.notice_days)
                    if contract.end is not None
                    else None,
                    sorted(unit_ref(tree, u) for u in {w.unit for w in covered}),
                    sum((w.fte for w in covered), Decimal(0)),
                )
            )
        done = by_vendor.get(vendor_id, [])
        entries.append(
            VendorEntry(
                vendor,
                contracts,
                sum((w.fte for w in done), Decimal(0)),
                sorted(unit_ref(tree, u) for u in {w.unit for w in done}),
            )
        )
    return entries


def location_register(structure: OrgStructure, report: CostReport) -> list[LocationEntry]:
    """Each location with the units and FTE there, and its own staff's cost (from the cost
    report's lines, so the figures are those of `boconf report cost`)."""
    tree = structure.tree
    here: dict[str, list[CostLine]] = defaultdict(list)
    for line in report.lines:
        if line.location and line.unit:
            here[line.location].append(line)
    entries = []
    for location_id, place in sorted(tree.locations.items(), key=lambda kv: (kv[1].name, kv[0])):
        items = here.get(location_id, [])
        own = [line for line in items if line.provider == IN_HOUSE]
        costs = [line.cost for line in own]
        entries.append(
            LocationEntry(
                place,
                location_ref(tree, location_id),
                sorted(unit_ref(tree, u) for u in {line.unit for line in items}),
                sum((line.fte for line in items), Decimal(0)),
                sum((line.fte for line in own), Decimal(0)),
                sum((c for c in costs if c is not None), Decimal(0))
                if own and all(c is not None for c in costs)
                else None,
            )
        )
    return entries


def function_coverage(
    structure: OrgStructure, findings: list[FindingRow], rule_enabled: bool
) -> FunctionCoverage:
    """FTE per function and sourcing model (each unit's own model, as on the overview)."""
    tree = structure.tree
    rows: dict[str, FunctionRow] = {}
    for unit_id in sorted(tree.units):
        unit = tree.units[unit_id]
        row = rows.setdefault(unit.function, FunctionRow(unit.function))
        row.offices.add(unit.office.value)
        row.units.append(unit_ref(tree, unit_id))
        label = model_label(tree.sourcing_model(unit_id))
        row.fte[label] = row.fte.get(label, Decimal(0)) + structure.unit_fte(unit_id)

    def order(row: FunctionRow) -> tuple[bool, str]:
        return (Office.BACK.value not in row.offices, row.function)  # back office first

    for row in rows.values():
        row.units.sort()
    return FunctionCoverage(
        [model_label(model) for model in SourcingModel],
        sorted(rows.values(), key=order),
        [row for row in findings if row.code == MISSING_FUNCTION],
        rule_enabled,
    )
