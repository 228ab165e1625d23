"""Who supports whom, as a matrix: back-office units down (grouped by function), front-office
units across, a mark where one supports the other.

The gaps are the lint rules' own findings, so the matrix and ``boconf check`` never disagree:
front-office units that BO204 front-office-unsupported reports (no support, or none of a
required function) and back-office units that BO205 back-office-supports-nothing reports.
A finding suppressed on the unit (``lint: {ignore: {rule: reason}}``) is an accepted
exception: shown as such, with its reason, not as a gap.

A support mark is direct (the back-office unit lists the front-office unit in ``supports``) or
inherited: support given to a parent unit covers its sub-units, as BO204 counts it.

Which drawing reads better is measured, not guessed: the edge chart (back-office units on the
left, front-office units on the right) is kept while it can be drawn without a crossing;
once its edges must cross, the matrix replaces it (see :func:`prefers_matrix`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from boconf.graph.structure import OrgStructure
from boconf.model.entities import Office
from boconf.rules.back_office_supports_nothing import BackOfficeSupportsNothing
from boconf.rules.base import UNIT, LintContext, RuleOptions
from boconf.rules.front_office_unsupported import FrontOfficeUnsupported
from boconf.rules.registry import find_rule

# Neither rule reads the date; LintContext needs one. A constant keeps the matrix deterministic.
_ANY_DATE = dt.date(2000, 1, 1)
# Past this many edges the crossing count (quadratic) is not worth it: such a chart is a wall.
MAX_EDGES_FOR_CHART = 200
SWEEPS = 4  # barycentre passes; each side reordered in turn


class Mark(StrEnum):
    DIRECT = "direct"  # the back-office unit lists the front-office unit in `supports`
    INHERITED = "inherited"  # it lists a parent unit of the front-office unit


class Status(StrEnum):
    GAP = "gap"  # the rule reports it
    ACCEPTED = "accepted"  # the rule finds it, and a suppression on the unit accepts it


@dataclass(frozen=True)
class Flag:
    code: str  # BO204 or BO205
    status: Status
    message: str  # the rule's message
    reason: str = ""  # the suppression's reason, for an accepted exception


@dataclass
class SupportMatrix:
    rows: list[tuple[str, list[str]]]  # (back-office function, its units), in order
    columns: list[str]  # front-office units, grouped by function
    marks: dict[tuple[str, str], Mark] = field(default_factory=dict)  # (back, front)
    flags: dict[str, Flag] = field(default_factory=dict)  # unit -> its gap or exception

    @property
    def row_units(self) -> list[str]:
        return [unit for _, units in self.rows for unit in units]

    def column_groups(self, structure: OrgStructure) -> list[tuple[str, int]]:
        """(front-office function, how many columns) in column order."""
        groups: list[tuple[str, int]] = []
        for unit in self.columns:
            function = structure.tree.units[unit].function
            if groups and groups[-1][0] == function:
                groups[-1] = (function, groups[-1][1] + 1)
            else:
                groups.append((function, 1))
        return groups


def _by_function(structure: OrgStructure, units: Iterable[str]) -> list[str]:
    tree = structure.tree
    return sorted(units, key=lambda u: (tree.units[u].function, tree.units[u].name, u))


def rule_flags(
    structure: OrgStructure, options: Mapping[str, RuleOptions] | None = None
) -> dict[str, Flag]:
    """BO204's and BO205's findings by unit, each a gap or (suppressed on the unit) accepted.

    ``options`` are the settings' rule options by code; a rule not in it runs with its defaults.
    """
    options = options or {}
    tree = structure.tree
    context = LintContext(tree, structure, _ANY_DATE)
    flags: dict[str, Flag] = {}
    for rule in (FrontOfficeUnsupported, BackOfficeSupportsNothing):
        chosen = options.get(rule.code) or rule.options_model()
        for finding in rule().check(context, chosen):  # type: ignore[arg-type]
            if finding.kind != UNIT or finding.id in flags:
                continue
            lint = tree.units[finding.id].lint
            reasons = [
                reason
                for reference, reason in (lint.ignore.items() if lint is not None else ())
                if (found := find_rule(reference)) is not None and found.code == rule.code
            ]
            status = Status.ACCEPTED if reasons else Status.GAP
            flags[finding.id] = Flag(
                rule.code, status, finding.message, str(reasons[0]) if reasons else ""
            )
    return flags


def build_matrix(
    structure: OrgStructure,
    back: Iterable[str],
    front: Iterable[str],
    options: Mapping[str, RuleOptions] | None = None,
) -> SupportMatrix:
    """The matrix of the back-office units ``back`` (those that support one of ``front`` or
    that BO205 flags) against the front-office units ``front``."""
    tree = structure.tree
    flags = rule_flags(structure, options)
    columns = _by_function(structure, (u for u in front if tree.units[u].office is Office.FRONT))
    shown = set(columns)
    marks: dict[tuple[str, str], Mark] = {}
    for column in columns:
        # The unit itself first, then its parents upwards: direct support wins.
        for depth, unit in enumerate(structure.unit_tree.chain(column)):
            for supporter in structure.supporters_of(unit):
                if tree.units[supporter].office is Office.BACK:
                    mark = Mark.DIRECT if depth == 0 else Mark.INHERITED
                    marks.setdefault((supporter, column), mark)
    supporting = {b for b, _ in marks}
    rows_units = _by_function(
        structure,
        (
            u
            for u in back
            if tree.units[u].office is Office.BACK
            and (
                u in supporting or (u in flags and flags[u].code == BackOfficeSupportsNothing.code)
            )
        ),
    )
    rows: list[tuple[str, list[str]]] = []
    for unit in rows_units:
        function = tree.units[unit].function
        if rows and rows[-1][0] == function:
            rows[-1][1].append(unit)
        else:
            rows.append((function, [unit]))
    kept = set(rows_units)
    return SupportMatrix(
        rows,
        columns,
        {key: mark for key, mark in marks.items() if key[0] in kept and key[1] in shown},
        {u: flag for u, flag in flags.items() if u in kept or u in shown},
    )


def crossings(left: list[str], right: list[str], edges: list[tuple[str, str]]) -> int:
    """How many pairs of edges cross when both sides are drawn in these orders."""
    at_left = {node: index for index, node in enumerate(left)}
    at_right = {node: index for index, node in enumerate(right)}
    placed = sorted((at_left[a], at_right[b]) for a, b in edges)
    count = 0
    for index, (a1, b1) in enumerate(placed):
        for a2, b2 in placed[index + 1 :]:
            if a1 != a2 and b1 != b2 and (a1 < a2) != (b1 < b2):
                count += 1
    return count


def _barycentre_order(
    side: list[str], other: list[str], neighbours: dict[str, list[str]]
) -> list[str]:
    at = {node: index for index, node in enumerate(other)}

    def key(node: str) -> tuple[float, int]:
        places = [at[n] for n in neighbours.get(node, ()) if n in at]
        return (sum(places) / len(places) if places else float(side.index(node)), side.index(node))

    return sorted(side, key=key)


def least_crossings(left: list[str], right: list[str], edges: list[tuple[str, str]]) -> int:
    """The fewest crossings the barycentre heuristic finds (a good ordering, not always the
    best; 0 means a drawing without crossings exists)."""
    out: dict[str, list[str]] = {}
    into: dict[str, list[str]] = {}
    for a, b in edges:
        out.setdefault(a, []).append(b)
        into.setdefault(b, []).append(a)
    best = crossings(left, right, edges)
    for _ in range(SWEEPS):
        if best == 0:
            break
        right = _barycentre_order(right, left, into)
        left = _barycentre_order(left, right, out)
        best = min(best, crossings(left, right, edges))
    return best


def prefers_matrix(left: list[str], right: list[str], edges: list[tuple[str, str]]) -> bool:
    """Whether the support relation should be drawn as a matrix: its edge chart cannot be
    drawn without crossings (under a good ordering), or has too many edges to be worth trying."""
    if len(edges) > MAX_EDGES_FOR_CHART:
        return True
    return least_crossings(left, right, edges) > 0
