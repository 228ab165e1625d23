"""BO104 self-report."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.i18n import N_
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions
from boconf.rules.cycle_findings import cycle_finding


class SelfReport(Rule[RuleOptions]):
    """A position that reports to itself.

    ## What it checks
    Reports every position whose `reports_to` is its own id, at that `reports_to`, with the
    number of positions below it (cut off from the top with it) and the largest lines among
    them; those get no finding of their own. The hint names the nearest unit manager up the
    unit line who reaches the top. Longer cycles are left to `reporting-cycle` (BO101).

    ## Why it matters
    A position reporting to itself has no manager: nobody approves its decisions or hears
    its escalations, and every position below it has no chain of command either. It is
    usually a copy-paste slip, or a top of the organisation given a `reports_to` by mistake.

    ## How to fix
    Point `reports_to` at the position's real manager; at the top of the organisation,
    remove `reports_to`.

    ## Options
    None.

    ## Failing example
    ```yaml
    positions:
      - {id: credit-manager, title: Credit manager, reports_to: credit-manager}
    ```

    ## Passing example
    ```yaml
    positions:
      - {id: credit-manager, title: Credit manager, reports_to: coo}
    ```
    """

    code = "BO104"
    name = "self-report"
    severity = Severity.ERROR
    summary = N_("A position that reports to itself.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        # A position reporting to itself is a reporting cycle of one (cycles are sorted).
        for cycle in context.structure.reporting.cycles:
            if len(cycle) == 1:
                yield cycle_finding(context, cycle)
