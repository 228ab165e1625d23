"""BO201 back-office-unit-without-manager."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.model.entities import Office
from boconf.rules.base import GUESSED, UNIT, Finding, LintContext, Rule, RuleOptions


class BackOfficeUnitWithoutManager(Rule[RuleOptions]):
    """A back-office unit with nobody in charge.

    ## What it checks
    Reports every unit with `office: back` that has no `manager`, at the unit's `id`. A
    manager post that exists but is vacant is left to `vacant-manager`.

    ## Why it matters
    Each back-office department is expected to have its own manager: without one nobody
    answers for the support it gives the front office, nobody owns its people and budget,
    and the department cannot roll up to the back-office head.

    ## How to fix
    Set `manager:` to the position that heads the unit (add the post if it does not exist
    yet), or merge the unit into the department that actually runs it.

    ## Options
    None.

    ## Failing example
    ```yaml
    kind: Unit
    id: credit
    office: back
    function: credit
    positions:
      - {id: credit-analyst, title: Credit analyst, reports_to: coo}
    ```

    ## Passing example
    ```yaml
    kind: Unit
    id: credit
    office: back
    function: credit
    manager: credit-manager
    positions:
      - {id: credit-manager, title: Credit manager, reports_to: coo}
      - {id: credit-analyst, title: Credit analyst, reports_to: credit-manager}
    ```
    """

    code = "BO201"
    name = "back-office-unit-without-manager"
    severity = Severity.ERROR
    # Off in the settings an import writes, and when to turn it back on (see GUESSED in rules.base).
    off_when_imported: ClassVar[Mapping[str, str]] = {
        GUESSED: (
            "the office of each unit was guessed from its name (and empty units are\n"
            "already reported by empty-unit); re-enable once offices are set."
        ),
    }
    summary = N_("A back-office unit with nobody in charge.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        for unit_id, unit in sorted(context.tree.units.items()):
            if unit.office is not Office.BACK or unit.manager is not None:
                continue
            yield Finding(
                UNIT,
                unit_id,
                _("back-office unit '{unit}' has no manager").format(unit=unit_id),
                _("set 'manager:' to the position that heads the unit"),
                ("id",),
            )
