"""BO217 office-function-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.model.entities import Office
from boconf.model.functions import BACK_OFFICE_FUNCTIONS, FRONT_OFFICE_FUNCTIONS
from boconf.rules.base import UNIT, Finding, LintContext, Rule, RuleOptions

_BACK = frozenset(BACK_OFFICE_FUNCTIONS)
_FRONT = frozenset(FRONT_OFFICE_FUNCTIONS)


class OfficeFunctionMismatch(Rule[RuleOptions]):
    """A unit whose office contradicts its function.

    ## What it checks
    Reports, at its `office`, every `office: front` unit whose `function` is a built-in
    back-office function (administration, it_support, credit, hr, ...) and every
    `office: back` unit whose `function` is a built-in front-office function (sales,
    customer_support, marketing, ...). The general functions (executive,
    general_management) and the organisation's own `functions` are never reported.

    ## Why it matters
    The office decides which rules and reports a unit falls under: back-office units must
    roll up to the back-office head and support the front office, front-office units need
    back-office support. A unit in the wrong office escapes those checks and skews the
    back office's size, cost and sourcing figures.

    ## How to fix
    Set `office` to the one the function belongs to, or give the unit the function it really
    performs. If the unit is an exception, declare an organisation-specific function for it.

    ## Options
    None.

    ## Failing example
    ```yaml
    id: credit
    office: front
    function: credit
    ```

    ## Passing example
    ```yaml
    id: credit
    office: back
    function: credit
    ```
    """

    code = "BO217"
    name = "office-function-mismatch"
    severity = Severity.WARNING
    summary = N_("A unit whose office contradicts its function.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        for unit_id, unit in sorted(context.tree.units.items()):
            if unit.office is Office.FRONT and unit.function in _BACK:
                belongs = "back"
                message = _(
                    "unit '{unit}' is in the front office but its function "
                    "'{function}' is a back-office function"
                )
            elif unit.office is Office.BACK and unit.function in _FRONT:
                belongs = "front"
                message = _(
                    "unit '{unit}' is in the back office but its function "
                    "'{function}' is a front-office function"
                )
            else:
                continue
            yield Finding(
                UNIT,
                unit_id,
                message.format(unit=unit_id, function=unit.function),
                _(
                    "set 'office: {office}', or give the unit the function it really performs"
                ).format(office=belongs),
                ("office",),
            )
