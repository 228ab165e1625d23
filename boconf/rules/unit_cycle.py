"""BO105 unit-cycle."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.graph.cutoff import cut_off_below
from boconf.i18n import N_, _
from boconf.rules.base import (
    CYCLE_SHOWN_WHOLE,
    UNIT,
    Finding,
    LintContext,
    Rule,
    RuleOptions,
    cycle_path,
)


class UnitCycle(Rule[RuleOptions]):
    """Units whose parent chain goes round in a circle.

    ## What it checks
    Follows every unit's `parent` upwards and reports each cycle once, at the `parent` that
    most likely closed it: the one of a unit whose manager reports to a position in a unit
    outside the cycle (the reporting line says where the unit belongs; else the cycle's first
    unit by id). The message gives the whole cycle from there and how many units below it
    are cut off from the top; the hint names the unit to make the parent instead. A unit that
    is its own parent is a cycle of one.

    ## Why it matters
    Units in a cycle belong to no top unit: they drop out of the organisation chart, of
    every cost, head count and sourcing figure rolled up the unit tree, and any unit under
    them goes with them. Their location, inherited from the parent, is undefined.

    ## How to fix
    Break the cycle: point one of the units' `parent` at its real parent unit, outside the
    cycle, or remove it from the unit at the top.

    ## Options
    None.

    ## Failing example
    ```yaml
    kind: Unit
    id: finance
    office: back
    function: finance
    parent: payroll
    ---
    kind: Unit
    id: payroll
    office: back
    function: payroll
    parent: finance
    ```

    ## Passing example
    ```yaml
    kind: Unit
    id: finance
    office: back
    function: finance
    parent: exec
    ---
    kind: Unit
    id: payroll
    office: back
    function: payroll
    parent: finance
    ```
    """

    code = "BO105"
    name = "unit-cycle"
    severity = Severity.ERROR
    summary = N_("Units whose parent chain goes round in a circle.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        unit_tree = context.structure.unit_tree
        for cycle in unit_tree.cycles:
            member, instead, boss = _closing_link(context, cycle)
            start = cycle.index(member)
            path = cycle_path(cycle[start:] + cycle[:start], "units", shown=CYCLE_SHOWN_WHOLE)
            if len(cycle) == 1:
                message = _("unit '{unit}' is its own parent").format(unit=member)
            else:
                parent = unit_tree.parent[member]
                message = _(
                    "unit '{unit}' has parent '{parent}', closing the cycle of parent units {path}"
                ).format(unit=member, parent=parent, path=path)
            cut = cut_off_below(unit_tree, cycle).describe("units")
            if cut:
                message += f"; {cut}"
            if instead is not None and boss is not None:
                manager = context.tree.units[member].manager
                hint = _(
                    "point the parent of '{unit}' at '{parent}', the unit of '{boss}', to "
                    "whom its manager '{manager}' reports"
                ).format(unit=member, parent=instead, boss=boss, manager=manager)
            else:
                hint = _(
                    "point the parent of '{unit}' at its real parent unit outside the cycle, "
                    "or remove it if it is the top unit"
                ).format(unit=member)
            yield Finding(UNIT, member, message, hint, ("parent",))


def _closing_link(context: LintContext, cycle: list[str]) -> tuple[str, str | None, str | None]:
    """The unit whose ``parent`` most likely closed the cycle: the one whose manager reports
    to a position in a unit outside it (the reporting line says where the unit belongs);
    with that unit and position. Else the cycle's first unit, and no way out."""
    tree = context.tree
    inside = set(cycle)
    in_cycle = context.structure.unit_tree.in_cycle
    for member in cycle:
        manager = tree.units[member].manager
        boss = tree.positions[manager].reports_to if manager in tree.positions else None
        boss_unit = tree.positions[boss].unit if boss in tree.positions else None
        if boss_unit is not None and boss_unit not in inside and boss_unit not in in_cycle:
            return member, boss_unit, boss
    return cycle[0], None, None
