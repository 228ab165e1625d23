"""BO114 manager-not-in-unit."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.rules.base import UNIT, Finding, LintContext, Rule, RuleOptions


class ManagerNotInUnit(Rule[RuleOptions]):
    """A unit whose manager is a position of another unit.

    ## What it checks
    Reports every unit whose `manager` names a position that belongs to another unit (its
    `unit`, or the unit it is nested under, is not this one), at the unit's `manager`.

    ## Why it matters
    The manager's post, cost and head count are then counted in another unit, so the unit
    looks cheaper and smaller than it is, and the other unit larger. It is often a manager
    who heads two units, one of them only on paper: the second unit has no real management.

    ## How to fix
    Move the manager position into the unit (nest it under the unit's `positions:` or set
    its `unit`), or name one of the unit's own positions as its `manager`.

    ## Options
    None.

    ## Failing example
    ```yaml
    kind: Unit
    id: payroll
    parent: finance
    manager: cfo  # a position of unit finance
    positions:
      - {id: payroll-clerk, title: Payroll clerk, reports_to: cfo}
    ```

    ## Passing example
    ```yaml
    kind: Unit
    id: payroll
    parent: finance
    manager: payroll-manager
    positions:
      - {id: payroll-manager, title: Payroll manager, reports_to: cfo}
      - {id: payroll-clerk, title: Payroll clerk, reports_to: payroll-manager}
    ```
    """

    code = "BO114"
    name = "manager-not-in-unit"
    severity = Severity.WARNING
    summary = N_("A unit whose manager is a position of another unit.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        positions = context.tree.positions
        for unit_id, unit in sorted(context.tree.units.items()):
            manager = unit.manager
            if manager is None:
                continue
            home = positions[manager].unit
            if home == unit_id:
                continue
            message = (
                _("unit '{unit}' is headed by position '{manager}' of unit '{home}'")
                if home is not None
                else _("unit '{unit}' is headed by position '{manager}' of no unit")
            )
            yield Finding(
                UNIT,
                unit_id,
                message.format(unit=unit_id, manager=manager, home=home),
                _(
                    "move '{manager}' into unit '{unit}', or name one of the unit's own "
                    "positions as its manager"
                ).format(manager=manager, unit=unit_id),
                ("manager",),
            )
