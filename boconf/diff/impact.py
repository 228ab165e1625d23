"""What a change does to the numbers: posts and FTE by office and function, the sourcing mix,
the cost, spans and layers, and the back-office head's line."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from boconf.economics.cost import cost_report
from boconf.graph.structure import OrgStructure
from boconf.model.entities import SourcingModel


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
        figures[f"FTE, function {unit.function}"] += structure.unit_fte(unit_id)
    report = cost_report(structure, today, 0)
    for model, fte, _ in report.by("model"):
        if model == SourcingModel.OUTSOURCED:  # the vendors' FTE, contracted or derived
            figures["vendor FTE (outsourced)"] += fte
        else:
            figures[f"FTE, {model.replace('_', '-')}"] += fte
    figures[f"annual cost ({tree.organisation.currency})"] = report.total
    figures["positions"] = Decimal(len(tree.positions))
    depth = structure.reporting.depth
    figures["reporting layers"] = Decimal(max(depth.values(), default=0))
    spans = [structure.span_of_control(p) for p in tree.positions if structure.direct_reports(p)]
    figures["managers"] = Decimal(len(spans))
    figures["widest span of control"] = Decimal(max(spans, default=0))
    figures["posts in the back-office head's line"] = Decimal(
        sum(tree.positions[p].headcount for p in structure.back_office_line)
    )
    return figures


@dataclass(frozen=True)
class Shift:
    """A change that is not a number: who heads the back office, and to whom they report."""

    name: str
    before: str
    after: str


def head_line(structure: OrgStructure) -> str:
    """The back-office head and the chain above them: ``coo -> ceo``."""
    head = structure.tree.organisation.back_office_head
    if head not in structure.tree.positions:
        return f"{head} (not a position)"
    return " -> ".join(structure.chain_of_command(head))


def shifts(base: OrgStructure, head: OrgStructure) -> list[Shift]:
    before, after = head_line(base), head_line(head)
    return [Shift("back-office head's line", before, after)] if before != after else []


def impact(base: OrgStructure, head: OrgStructure, today: dt.date) -> list[Figure]:
    before, after = _figures(base, today), _figures(head, today)
    names = sorted(set(before) | set(after))
    return [
        Figure(name, before.get(name, Decimal(0)), after.get(name, Decimal(0))) for name in names
    ]
