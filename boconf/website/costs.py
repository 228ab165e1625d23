"""What the organisation's work costs, and what is missing to know it.

The arithmetic is boconf.economics.cost's (the same report as `boconf report cost`): each own
post costs its FTE times the annual cost per FTE of the location where it works; a vendor
costs its contracts' annual cost, never per FTE as well. Anything unpriced is listed rather
than counted as zero, so a partial total is never mistaken for the whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from boconf.economics.cost import CostReport
from boconf.model.entities import IN_HOUSE
from boconf.model.tree import OrgTree
from boconf.website.refs import Ref, contract_ref, location_ref


@dataclass
class CostSummary:
    currency: str
    own_staff: Decimal = Decimal(0)  # priced own-staff FTE
    contracts: Decimal = Decimal(0)  # contracts with an annual cost
    unpriced_fte: Decimal = Decimal(0)  # own-staff FTE at locations without a cost per FTE
    unpriced_locations: list[Ref] = field(default_factory=list)
    contracts_without_cost: list[Ref] = field(default_factory=list)
    # Vendor work that no contract covers: nothing says what it costs.
    uncontracted_fte: Decimal = Decimal(0)
    own_fte: Decimal = Decimal(0)
    vendor_fte: Decimal = Decimal(0)  # contracted or derived (see boconf.graph.work)

    @property
    def total(self) -> Decimal:
        return self.own_staff + self.contracts

    @property
    def known(self) -> bool:
        """Whether any cost is given at all (else the site says there is no cost data)."""
        return bool(self.own_staff or self.contracts)

    @property
    def complete(self) -> bool:
        return not (self.unpriced_fte or self.contracts_without_cost or self.uncontracted_fte)


def summarise_costs(report: CostReport, tree: OrgTree) -> CostSummary:
    """The overview's cost figures, from the same report as ``boconf report cost``."""
    summary = CostSummary(tree.organisation.currency)
    unpriced: set[str] = set()
    summary.own_fte, summary.vendor_fte = report.own_fte, report.vendor_fte
    for line in report.lines:
        if line.provider == IN_HOUSE:
            if line.cost is not None:
                summary.own_staff += line.cost
            elif line.fte:
                summary.unpriced_fte += line.fte
                unpriced.add(line.location)
        elif line.cost is not None:
            summary.contracts += line.cost  # attributed shares and contracts no unit uses
        elif not line.contract:
            summary.uncontracted_fte += line.fte
    summary.contracts_without_cost = [
        contract_ref(contract_id)
        for contract_id, contract in sorted(tree.contracts.items())
        if contract.annual_cost is None
    ]
    summary.unpriced_locations = [location_ref(tree, place) for place in sorted(unpriced)]
    return summary
