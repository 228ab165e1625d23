"""What a change does to the numbers: posts and FTE by office, the sourcing mix, the cost."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from boconf.economics.cost import cost_report
from boconf.graph.structure import OrgStructure


@dataclass(frozen=True)
class Figure:
    name: str
    before: Decimal
    after: Decimal

    @property
    def delta(self) -> Decimal:
        return self.after - self.before


def _figures(structure: OrgStructure, today: dt.date) -> dict[str, Decimal]:
    tree = structure.tree
    figures: dict[str, Decimal] = defaultdict(Decimal)
    for unit_id, unit in tree.units.items():
        office = unit.office.value
        figures[f"posts, {office} office"] += structure.unit_posts(unit_id)
        figures[f"FTE, {office} office"] += structure.unit_fte(unit_id)
    report = cost_report(structure, today, 0)
    for model, fte, _ in report.by("model"):
        figures[f"FTE, {model.replace('_', '-')}"] += fte
    figures[f"annual cost ({tree.organisation.currency})"] = report.total
    figures["positions"] = Decimal(len(tree.positions))
    depth = structure.reporting.depth
    figures["reporting layers"] = Decimal(max(depth.values(), default=0))
    return figures


def impact(base: OrgStructure, head: OrgStructure, today: dt.date) -> list[Figure]:
    before, after = _figures(base, today), _figures(head, today)
    names = sorted(set(before) | set(after))
    return [
        Figure(name, before.get(name, Decimal(0)), after.get(name, Decimal(0))) for name in names
    ]
