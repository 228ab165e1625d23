"""BO115 position-without-unit."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.rules.base import POSITION, Finding, LintContext, Rule, RuleOptions


class PositionWithoutUnit(Rule[RuleOptions]):
    """A position that belongs to no unit.

    ## What it checks
    Reports, at its `id`, every position in its own document (`kind: Position`) without a
    `unit`. Positions listed under a unit's `positions:` always belong to that unit.

    ## Why it matters
    A post outside every unit has no department: it is missing from unit head counts,
    costs and charts, no unit manager answers for it, and the back-office analysis
    (which functions are staffed, where, by whom) cannot see it. HR exports often hold
    such rows (an employee whose department was never set); an import keeps them, so that
    this rule reports them instead of them being lost.

    ## How to fix
    Give the position a `unit:` (the department it works in), or move it under its unit's
    `positions:`.

    ## Options
    None.

    ## Failing example
    ```yaml
    kind: Position
    id: sales-rep-178
    title: Sales representative
    reports_to: sales-manager-149
    ```

    ## Passing example
    ```yaml
    kind: Position
    id: sales-rep-178
    title: Sales representative
    unit: sales
    reports_to: sales-manager-149
    ```
    """

    code = "BO115"
    name = "position-without-unit"
    severity = Severity.ERROR
    summary = N_("A position that belongs to no unit.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        positions = context.tree.positions
        # Sorting only the posts without a unit: the same order, a fraction of the work.
        for position_id in sorted(p for p, post in positions.items() if post.unit is None):
            yield Finding(
                POSITION,
                position_id,
                _("position '{position}' belongs to no unit").format(position=position_id),
                _("add 'unit: <unit id>', or list the position under its unit's 'positions:'"),
                ("id",),
            )
