"""Filling in what an organisation needs and imported data does not say.

* A unit's **manager**, when the data names none: its most senior position, the one whose
  line inside the unit has the most of the unit's positions below it (ties: the first in
  the source). Only positions whose manager is outside the unit, or who have none, qualify;
  a unit whose positions all report round a cycle gets its first position.
* A unit's **parent**: the unit of the position its manager reports to, unless that would
  make units go round in a circle (a reporting cycle across units stays a reporting cycle,
  for ``boconf check`` to report, without also becoming a unit cycle).
* The organisation's **back-office head**: the top of the organisation (the position without
  ``reports_to`` heading the most positions; ties: the first). Data with no top at all gets
  its first position. The rules that judge the back-office head are off in the import's
  settings until an admin names the real one.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from boconf.interop.plain_org import PlainPosition, PlainUnit


def _children(positions: Sequence[PlainPosition]) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {}
    for position in positions:
        if position.reports_to is not None and position.reports_to != position.id:
            children.setdefault(position.reports_to, []).append(position.id)
    return children


def _count_below(start: str, children: dict[str, list[str]], allowed: set[str] | None) -> int:
    seen = {start}
    stack = [start]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in seen and (allowed is None or child in allowed):
                seen.add(child)
                stack.append(child)
    return len(seen)


def group_by_unit(positions: Sequence[PlainPosition]) -> dict[str, list[PlainPosition]]:
    """Each unit's positions, in order; positions without a unit are left out."""
    members: dict[str, list[PlainPosition]] = {}
    for position in positions:
        if position.unit is not None:
            members.setdefault(position.unit, []).append(position)
    return members


def infer_managers(units: Sequence[PlainUnit], members: dict[str, list[PlainPosition]]) -> None:
    """Give every unit that has positions and no manager its most senior position.

    ``members`` is :func:`group_by_unit` of the positions."""
    for unit in units:
        staff = members.get(unit.id)
        if unit.manager is not None or not staff:
            continue
        inside = {position.id for position in staff}
        candidates = [
            position
            for position in staff
            if position.reports_to not in inside or position.reports_to == position.id
        ]
        if len(candidates) == 1:  # the usual unit: one head, nothing to count
            unit.manager = candidates[0].id
            continue
        children = _children(staff)
        best: tuple[int, str] | None = None
        for position in candidates:
            below = _count_below(position.id, children, inside)
            if best is None or below > best[0]:
                best = (below, position.id)
        unit.manager = best[1] if best else staff[0].id


def infer_parents(units: Sequence[PlainUnit], positions: Sequence[PlainPosition]) -> None:
    """Set each unit's parent to the unit its manager reports into, never making a cycle."""
    by_id = dict(zip(map(attrgetter("id"), positions), positions, strict=True))
    parent: dict[str, str | None] = {unit.id: unit.parent for unit in units}
    for unit in units:
        if unit.parent is not None or unit.manager is None:
            continue
        manager = by_id.get(unit.manager)
        boss = by_id.get(manager.reports_to) if manager and manager.reports_to else None
        candidate = boss.unit if boss else None
        if candidate is None or candidate == unit.id or candidate not in parent:
            continue
        ancestor: str | None = candidate
        seen: set[str] = set()
        while ancestor is not None and ancestor not in seen and ancestor != unit.id:
            seen.add(ancestor)
            ancestor = parent.get(ancestor)
        if ancestor == unit.id:
            continue  # the manager's line loops back into this unit
        unit.parent = parent[unit.id] = candidate


def top_position(positions: Sequence[PlainPosition]) -> str:
    """The organisation's top: the root heading the most positions, else the first position."""
    roots = [position for position in positions if position.reports_to is None]
    if len(roots) == 1:  # the usual organisation: one top, nothing to count
        return roots[0].id
    children = _children(positions)
    best: tuple[int, str] | None = None
    for position in roots:
        below = _count_below(position.id, children, None)
        if best is None or below > best[0]:
            best = (below, position.id)
    return best[1] if best else positions[0].id
