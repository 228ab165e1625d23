"""BO109 vacant-manager."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.rules.base import BACKSTAGE, UNIT, UNITS_ONLY, Finding, LintContext, Rule, RuleOptions


class VacantManager(Rule[RuleOptions]):
    """A unit whose manager post is vacant.

    ## What it checks
    Reports every unit whose `manager` position has no `holder`, at the unit's `manager`.
    Units without a `manager` are left to `back-office-unit-without-manager` (BO201).

    ## Why it matters
    A unit without a manager in post has nobody to approve its work, own its processes and
    vendors, or answer for it: approvals escalate past the gap or stall, and the unit's
    controls exist only on paper until the post is filled.

    ## How to fix
    Name the manager: set the `holder` of the manager position. While the post is open,
    make the interim manager's position the unit's `manager`, or suppress the rule on the
    unit with the reason and the expected hiring date.

    ## Options
    None.

    ## Failing example
    ```yaml
    kind: Unit
    id: payroll
    manager: payroll-manager
    positions:
      - {id: payroll-manager, title: Payroll manager, reports_to: cfo}
    ```

    ## Passing example
    ```yaml
    kind: Unit
    id: payroll
    manager: payroll-manager
    positions:
      - {id: payroll-manager, title: Payroll manager, reports_to: cfo, holder: sara-conti}
    ```
    """

    code = "BO109"
    name = "vacant-manager"
    severity = Severity.WARNING
    # Off in the settings an import writes, and when to turn it back on (see GUESSED in rules.base).
    off_when_imported: ClassVar[Mapping[str, str]] = {
        UNITS_ONLY: (
            "the one post, 'head-to-be-named', is vacant by design; re-enable once\n"
            "the back-office head is named and units have managers."
        ),
        BACKSTAGE: (
            "Backstage names no group leads; each unit's lead post is a vacant stand-in.\n"
            "Re-enable once the leads are filled in (holder:)."
        ),
    }
    summary = N_("A unit whose manager post is vacant.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        positions = context.tree.positions
        for unit_id, unit in sorted(context.tree.units.items()):
            manager = unit.manager
            if manager is None or positions[manager].holder is not None:
                continue
            yield Finding(
                UNIT,
                unit_id,
                _("unit '{unit}' is headed by position '{manager}', which is vacant").format(
                    unit=unit_id, manager=manager
                ),
                _(
                    "set the holder of '{manager}', or make an interim manager's position "
                    "the unit's manager"
                ).format(manager=manager),
                ("manager",),
            )
