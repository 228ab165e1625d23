"""BO203 back-office-outside-head-line."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.model.entities import Office
from boconf.model.functions import GENERAL_FUNCTIONS
from boconf.rules.base import UNIT, Finding, LintContext, Rule, RuleOptions


class BackOfficeOutsideHeadLine(Rule[RuleOptions]):
    """A back-office manager who does not roll up to the back-office head.

    ## What it checks
    For every back-office unit with a `manager`, follows the manager's `reports_to` line
    upwards and reports the unit, at its `manager`, when the line never reaches the
    organisation's `back_office_head` (the head itself is in its own line). Units whose
    function is `executive` or `general_management` are the top of the company and are
    exempt. Units without a manager are left to `back-office-unit-without-manager`.

    ## Why it matters
    The back office is run as a whole by its head. A back-office department whose manager
    reports elsewhere (to sales, straight to the CEO, or nowhere) escapes the head's
    priorities, budget and sourcing decisions, and the head's view of the back office is
    incomplete.

    ## How to fix
    Point the manager's `reports_to` at the back-office head or at a manager in the head's
    line; or, if the unit does not belong to the back office, set `office: front`.

    ## Options
    None.

    ## Failing example
    ```yaml
    # organisation.yaml: back_office_head: coo
    kind: Unit
    id: it
    office: back
    function: it_support
    manager: it-head
    positions:
      - {id: it-head, title: IT manager, reports_to: ceo}
    ```

    ## Passing example
    ```yaml
    kind: Unit
    id: it
    office: back
    function: it_support
    manager: it-head
    positions:
      - {id: it-head, title: IT manager, reports_to: coo}
    ```
    """

    code = "BO203"
    name = "back-office-outside-head-line"
    severity = Severity.WARNING
    summary = "A back-office manager who does not roll up to the back-office head."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        head = context.tree.organisation.back_office_head
        line = context.structure.back_office_line
        for unit_id, unit in sorted(context.tree.units.items()):
            if (
                unit.office is not Office.BACK
                or unit.manager is None
                or unit.function in GENERAL_FUNCTIONS
                or unit.manager in line
            ):
                continue
            yield Finding(
                UNIT,
                unit_id,
                f"the manager of back-office unit '{unit_id}', position '{unit.manager}', "
                f"does not roll up to the back-office head '{head}'",
                f"point '{unit.manager}' reports_to at '{head}' or at a manager in its line",
                ("manager",),
            )
