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

from collections.abc import Iterable, Sequence

from boconf.interop.plain_org import PlainUnit, PositionTable


def _children(pairs: Iterable[tuple[str, str | None]]) -> dict[str, list[str]]:
    """Each position's direct reports, from (id, reports_to) pairs."""
    children: dict[str, list[str]] = {}
    for identifier, boss in pairs:
        if boss is not None and boss != identifier:
            children.setdefault(boss, []).append(identifier)
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


def infer_managers(units: Sequence[PlainUnit], positions: PositionTable) -> None:
    """Give every unit that has positions and no manager its most senior position."""
    ids, bosses = positions.id, positions.reports_to
    for unit in units:
        staff = positions.by_unit.get(unit.id)
        if unit.manager is not None or not staff:
            continue
        inside = set(map(ids.__getitem__, staff))
        candidates = [
            index for index in staff if bosses[index] not in inside or bosses[index] == ids[index]
        ]
        if len(candidates) == 1:  # the usual unit: one head, nothing to count
            unit.manager = ids[candidates[0]]
            continue
        children = _children((ids[index], bosses[index]) for index in staff)
        best: tuple[int, str] | None = None
        for index in candidates:
            below = _count_below(ids[index], children, inside)
            if best is None or below > best[0]:
                best = (below, ids[index])
        unit.manager = best[1] if best else ids[staff[0]]


def infer_parents(units: Sequence[PlainUnit], positions: PositionTable) -> None:
    """Set each unit's parent to the unit its manager reports into, never making a cycle."""
    index_of = dict(zip(positions.id, range(len(positions)), strict=True))
    parent: dict[str, str | None] = {unit.id: unit.parent for unit in units}
    for unit in units:
        if unit.parent is not None or unit.manager is None:
            continue
        manager = index_of.get(unit.manager)
        boss_id = positions.reports_to[manager] if manager is not None else None
        boss = index_of.get(boss_id) if boss_id is not None else None
        candidate = positions.unit[boss] if boss is not None else None
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


def top_position(positions: PositionTable) -> str:
    """The organisation's top: the root heading the most positions, else the first position."""
    ids, bosses = positions.id, positions.reports_to
    roots = [index for index, boss in enumerate(bosses) if boss is None]
    if len(roots) == 1:  # the usual organisation: one top, nothing to count
        return ids[roots[0]]
    children = _children(zip(ids, bosses, strict=True))
    best: tuple[int, str] | None = None
    for index in roots:
        below = _count_below(ids[index], children, None)
        if best is None or below > best[0]:
            best = (below, ids[index])
    return best[1] if best else ids[0]
