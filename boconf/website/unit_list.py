"""The list of every unit, in tree order (each unit under its parent), for the units page."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from boconf.graph.structure import OrgStructure
from boconf.website.overview import model_label
from boconf.website.refs import Ref, position_ref, unit_ref


@dataclass(frozen=True)
class UnitRow:
    unit: Ref
    level: int  # 0 at a root of the unit tree
    office: str
    function: str
    manager: Ref | None
    posts: int
    fte: Decimal
    model: str
    findings: int


def tree_order(structure: OrgStructure) -> list[tuple[str, int]]:
    """Units depth-first from the roots, siblings by name; units in a cycle of parents last."""
    units = structure.tree.units

    def by_name(unit_id: str) -> tuple[str, str]:
        return (units[unit_id].name, unit_id)

    ordered: list[tuple[str, int]] = []
    seen: set[str] = set()
    stack = [(root, 0) for root in sorted(structure.unit_tree.roots, key=by_name, reverse=True)]
    while stack:  # iterative: a deep tree must not hit the recursion limit
        unit_id, level = stack.pop()
        if unit_id in seen:
            continue
        seen.add(unit_id)
        ordered.append((unit_id, level))
        children = structure.unit_tree.children.get(unit_id, [])
        stack.extend((child, level + 1) for child in sorted(children, key=by_name, reverse=True))
    ordered.extend((u, 0) for u in sorted(set(units) - seen, key=by_name))
    return ordered


def unit_rows(structure: OrgStructure, findings: dict[str, int]) -> list[UnitRow]:
    tree = structure.tree
    rows = []
    for unit_id, level in tree_order(structure):
        unit = tree.units[unit_id]
        manager = unit.manager if unit.manager in tree.positions else None
        rows.append(
            UnitRow(
                unit_ref(tree, unit_id),
                level,
                unit.office.value,
                unit.function,
                position_ref(tree, manager) if manager is not None else None,
                structure.unit_posts(unit_id),
                structure.unit_fte(unit_id),
                model_label(tree.sourcing_model(unit_id)),
                findings.get(unit_id, 0),
            )
        )
    return rows
