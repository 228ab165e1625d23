"""BO101 reporting-cycle."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.i18n import N_
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions
from boconf.rules.cycle_findings import cycle_finding


class ReportingCycle(Rule[RuleOptions]):
    """Reporting lines that go round in a circle.

    ## What it checks
    Follows every position's `reports_to` line upwards and reports each cycle once: one
    mistake, one finding. It is reported at the `reports_to` that most likely closed it, the
    one that points outside the position's unit line (a unit's manager answering to someone
    not in a unit above, anyone else to someone outside their unit and the units above), with
    the whole cycle from there (a cycle of more than 40 positions is shortened to its first
    members and its length). The finding also counts the positions below the cycle, which are
    cut off from the top with it, and names the largest lines among them; they get no
    finding of their own (`orphan-position`, BO103, lists them one by one when enabled). The
    hint names the manager to report to instead: the nearest unit manager up the unit line
    who is outside the cycle and reaches the top. A position reporting to itself is left to
    `self-report` (BO104).

    ## Why it matters
    In a cycle nobody is at the top: escalations never reach a decision maker, approvals
    loop, and every position below the cycle has no chain of command either.

    ## How to fix
    Break the cycle where the hint says: point that `reports_to` at the manager it names,
    or at the position's real manager outside the cycle.

    ## Options
    None.

    ## Failing example
    ```yaml
    positions:
      - {id: credit-manager, title: Credit manager, reports_to: credit-analyst}
      - {id: credit-analyst, title: Credit analyst, reports_to: credit-manager}
    ```

    ## Passing example
    ```yaml
    positions:
      - {id: credit-manager, title: Credit manager, reports_to: coo}
      - {id: credit-analyst, title: Credit analyst, reports_to: credit-manager}
    ```
    """

    code = "BO101"
    name = "reporting-cycle"
    severity = Severity.ERROR
    summary = N_("Reporting lines that go round in a circle.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        for cycle in context.structure.reporting.cycles:
            if len(cycle) >= 2:
                yield cycle_finding(context, cycle)
