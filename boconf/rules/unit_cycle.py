"""BO105 unit-cycle."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import UNIT, Finding, LintContext, Rule, RuleOptions, cycle_path


class UnitCycle(Rule[RuleOptions]):
    """Units whose parent chain goes round in a circle.

    ## What it checks
    Follows every unit's `parent` upwards and reports each cycle once, at the `parent` of
    its first unit (by id), with the whole cycle in the message. A unit that is its own
    parent is a cycle of one.

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
    summary = "Units whose parent chain goes round in a circle."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        for cycle in context.structure.unit_tree.cycles:
            path = cycle_path(cycle, "units")
            if len(cycle) == 1:
                message = f"unit '{cycle[0]}' is its own parent: {path}"
            else:
                message = f"unit '{cycle[0]}' is in a cycle of parent units: {path}"
            yield Finding(
                UNIT,
                cycle[0],
                message,
                "point one parent in the cycle at a unit outside it, or remove it at the top",
                ("parent",),
            )
