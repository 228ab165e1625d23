"""BO107 single-report-manager."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.rules.base import BACKSTAGE, POSITION, Finding, LintContext, Rule, RuleOptions


class SingleReportManager(Rule[RuleOptions]):
    """A manager with a single direct report.

    ## What it checks
    Reports, at its `id`, every position whose only direct report is one position of
    headcount 1: a span of control of exactly one. A position reporting to itself is not
    counted among its own reports, and a single report that is the manager's own link in a
    reporting cycle is left to `reporting-cycle` (BO101).

    ## Why it matters
    A manager of one is a layer that adds cost and slows decisions without widening
    anyone's reach: every approval passes two desks. It often hides a deputy modelled as a
    manager, or a team that was never staffed.

    ## How to fix
    Merge the two layers (let the report answer to the manager's own manager), or give the
    manager the team the post was meant for. A deliberate one-to-one line (an executive and
    their assistant) can be suppressed with a reason.

    ## Options
    None.

    ## Failing example
    ```yaml
    positions:
      - {id: payroll-manager, title: Payroll manager, reports_to: cfo}
      - {id: payroll-clerk, title: Payroll clerk, reports_to: payroll-manager}
    ```

    ## Passing example
    ```yaml
    positions:
      - {id: payroll-manager, title: Payroll manager, reports_to: cfo}
      - {id: payroll-clerk, title: Payroll clerk, reports_to: payroll-manager, headcount: 3}
    ```
    """

    code = "BO107"
    name = "single-report-manager"
    severity = Severity.INFO
    # Off in the settings an import writes, and when to turn it back on (see GUESSED in rules.base).
    off_when_imported: ClassVar[Mapping[str, str]] = {
        BACKSTAGE: ("reports the stand-in leads of one-member groups; re-enable with BO109."),
    }
    summary = N_("A manager with a single direct report.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        positions = context.tree.positions
        in_cycle = context.structure.reporting.in_cycle
        for manager, reports in sorted(context.structure.reporting.children.items()):
            others = [p for p in reports if p != manager]  # a self-report is BO104's
            if len(others) != 1 or positions[others[0]].headcount != 1:
                continue
            report = others[0]
            if report in in_cycle and manager in in_cycle:
                continue  # the report is the manager's link in a cycle: BO101 reports it
            boss = positions[manager].reports_to
            # In a cycle of two the report is also the boss: never propose a self-report.
            if boss is not None and boss not in (manager, report):
                hint = _(
                    "let '{report}' report to '{boss}' and drop the layer, or give '{manager}' "
                    "a team"
                ).format(report=report, boss=boss, manager=manager)
            else:
                hint = _("give '{manager}' a team, or merge the two posts").format(manager=manager)
            yield Finding(
                POSITION,
                manager,
                _("position '{manager}' has a single direct report: '{report}'").format(
                    manager=manager, report=report
                ),
                hint,
                ("id",),
            )
