"""BO205 back-office-supports-nothing."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from pydantic import Field

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.model.entities import Office
from boconf.rules.base import GUESSED, UNIT, Finding, LintContext, Rule, RuleOptions


def _default_exempt_functions() -> list[str]:
    return ["executive", "general_management"]


class Options(RuleOptions):
    exempt_functions: list[str] = Field(
        default_factory=_default_exempt_functions,
        description="Functions of back-office units that need not support anything.",
    )


class BackOfficeSupportsNothing(Rule[Options]):
    """A back-office unit that supports no front-office unit.

    ## What it checks
    Reports, at its `id`, every unit with `office: back` whose `supports` list is empty,
    unless its function is one of `exempt_functions` or it is the unit the back-office head
    manages (which runs the back office as a whole). Support given by a parent or child unit
    does not count: each unit says whom it serves.

    ## Why it matters
    The back office is there to support the front office. A back-office unit that says it
    serves nobody is either missing its support relations (so the front office's support
    gaps look worse than they are) or is doing work nobody in the front office relies on,
    which is worth a second look. Informational: some units (HR, legal) serve the whole
    company rather than particular front-office units.

    ## How to fix
    List the front-office units the unit serves in `supports`; for a unit that serves the
    whole company, suppress the rule on it with a reason, or add its function to
    `exempt_functions`.

    ## Options
    - `exempt_functions` (default `[executive, general_management]`): functions of
      back-office units that are not expected to support particular front-office units.

    ## Failing example
    ```yaml
    kind: Unit
    id: credit
    office: back
    function: credit
    manager: credit-manager
    ```

    ## Passing example
    ```yaml
    kind: Unit
    id: credit
    office: back
    function: credit
    manager: credit-manager
    supports: [sales]
    ```
    """

    code = "BO205"
    name = "back-office-supports-nothing"
    severity = Severity.INFO
    # Off in the settings an import writes, and when to turn it back on (see GUESSED in rules.base).
    off_when_imported: ClassVar[Mapping[str, str]] = {
        GUESSED: ("the same: re-enable once `supports` is filled in."),
    }
    summary = N_("A back-office unit that supports no front-office unit.")
    options_model = Options

    def check(self, context: LintContext, options: Options) -> Iterator[Finding]:
        exempt = frozenset(options.exempt_functions)
        head = context.tree.organisation.back_office_head
        for unit_id, unit in sorted(context.tree.units.items()):
            if unit.office is not Office.BACK or unit.supports or unit.function in exempt:
                continue
            if unit.manager == head:
                continue  # the back-office head's own unit runs the back office as a whole
            yield Finding(
                UNIT,
                unit_id,
                _("back-office unit '{unit}' ({function}) supports no front-office unit").format(
                    unit=unit_id, function=unit.function
                ),
                _("list the front-office units it serves in 'supports'"),
                ("id",),
            )
