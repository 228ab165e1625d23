"""BO101 reporting-cycle."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import (
    CYCLE_SHOWN_WHOLE,
    POSITION,
    Finding,
    LintContext,
    Rule,
    RuleOptions,
    cycle_path,
)


class ReportingCycle(Rule[RuleOptions]):
    """Reporting lines that go round in a circle.

    ## What it checks
    Follows every position's `reports_to` line upwards and reports each cycle once, at the
    `reports_to` of its first position (by id), with the whole cycle in the message (a
    cycle of more than 40 positions is shortened to its first members and its length). A
    position reporting to itself is left to `self-report` (BO104).

    ## Why it matters
    In a cycle nobody is at the top: escalations never reach a decision maker, approvals
    loop, and every position below the cycle has no chain of command either.

    ## How to fix
    Break the cycle: point one of the positions' `reports_to` at its real manager, outside
    the cycle.

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
    summary = "Reporting lines that go round in a circle."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        for cycle in context.structure.reporting.cycles:
            if len(cycle) < 2:
                continue
            path = cycle_path(cycle, shown=CYCLE_SHOWN_WHOLE)
            yield Finding(
                POSITION,
                cycle[0],
                f"position '{cycle[0]}' is in a reporting cycle: {path}",
                "point one reports_to in the cycle at a manager outside it",
                ("reports_to",),
            )
