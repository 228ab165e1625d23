"""BO203 back-office-outside-head-line."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import ClassVar

from boconf.diagnostics import Severity
from boconf.i18n import N_, _, ngettext
from boconf.model.entities import Office
from boconf.model.functions import GENERAL_FUNCTIONS
from boconf.rules.base import GUESSED, UNIT, Finding, LintContext, Rule, RuleOptions
from boconf.rules.cycle_findings import organisation_top

# Units named in a finding that reports the units below its own; the rest are counted.
SHOWN = 5


class BackOfficeOutsideHeadLine(Rule[RuleOptions]):
    """A back-office manager who does not roll up to the back-office head.

    ## What it checks
    For every back-office unit with a `manager`, follows the manager's `reports_to` line
    upwards and reports the unit, at its `manager`, when the line never reaches the
    organisation's `back_office_head` (the head itself is in its own line). Units whose
    function is `executive` or `general_management` are the top of the company and are
    exempt. Units without a manager are left to `back-office-unit-without-manager`.

    One misplaced manager is one finding: back-office units whose manager's line leaves the
    head's line through another reported manager are named in that manager's finding, not
    reported again. Managers cut off from the top by a reporting cycle or a second top are
    left to that finding (`reporting-cycle`, `self-report`, `multiple-roots`).

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
    # Off in the settings an import writes, and when to turn it back on (see GUESSED in rules.base).
    off_when_imported: ClassVar[Mapping[str, str]] = {
        GUESSED: ("judges lines against that chosen back-office head; re-enable with BO202."),
    }
    summary = N_("A back-office manager who does not roll up to the back-office head.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        head = context.tree.organisation.back_office_head
        line = context.structure.back_office_line
        reporting = context.structure.reporting
        top = organisation_top(context)
        outside: dict[str, str] = {}  # manager -> its unit, for every unit outside the line
        for unit_id, unit in sorted(context.tree.units.items()):
            if (
                unit.office is not Office.BACK
                or unit.manager is None
                or unit.function in GENERAL_FUNCTIONS
                or unit.manager in line
                # Cut off from the top by a cycle or a second top: that finding (BO101,
                # BO104, BO102) covers it.
                or reporting.root_of.get(unit.manager) != top
            ):
                continue
            outside.setdefault(unit.manager, unit_id)
        # One misplaced manager takes every back-office unit below it out of the line: the
        # units whose manager's line passes another one's are reported with that one.
        below: dict[str, list[str]] = defaultdict(list)
        for manager, unit_id in outside.items():
            above = [p for p in reporting.chain(manager)[1:] if p in outside]
            if above:
                below[outside[above[-1]]].append(unit_id)
        for manager, unit_id in sorted(outside.items(), key=lambda item: item[1]):
            if any(unit_id in units for units in below.values()):
                continue
            message = _(
                "the manager of back-office unit '{unit}', position '{manager}', "
                "does not roll up to the back-office head '{head}'"
            ).format(unit=unit_id, manager=manager, head=head)
            if below.get(unit_id):
                units = sorted(below[unit_id])
                names = ", ".join(f"'{u}'" for u in units[:SHOWN])
                if len(units) > SHOWN:
                    names = _("{names} and {n} more").format(names=names, n=len(units) - SHOWN)
                message += ngettext(
                    ", and takes the back-office unit below it with it: {names}",
                    ", and takes the back-office units below it with it: {names}",
                    len(units),
                ).format(names=names)
            yield Finding(
                UNIT,
                unit_id,
                message,
                _("point '{manager}' reports_to at '{head}' or at a manager in its line").format(
                    manager=manager, head=head
                ),
                ("manager",),
            )
