"""BO102 multiple-roots."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import POSITION, Finding, LintContext, Rule, RuleOptions

# Tops named in a message; beyond this the message says how many more there are.
SHOWN = 5


class MultipleRoots(Rule[RuleOptions]):
    """More than one position at the top of the organisation.

    ## What it checks
    Counts the positions without a `reports_to`: the tops of the organisation. When there
    are two or more, reports every one of them, at its `id`, with the other tops in the
    message. A position reporting to itself or inside a reporting cycle is not a top: see
    `reporting-cycle` (BO101) and `self-report` (BO104).

    ## Why it matters
    A back office has one chain of command ending at one person. A second top is usually a
    forgotten `reports_to`: its whole line falls outside the organisation chart, escalations
    and approvals from it reach nobody, and head counts and costs rolled up from the top
    miss it.

    ## How to fix
    Give every position except the real top a `reports_to`: the position it answers to.

    ## Options
    None.

    ## Failing example
    ```yaml
    positions:
      - {id: ceo, title: Chief executive officer}
      - {id: coo, title: Chief operating officer}  # no reports_to: a second top
    ```

    ## Passing example
    ```yaml
    positions:
      - {id: ceo, title: Chief executive officer}
      - {id: coo, title: Chief operating officer, reports_to: ceo}
    ```
    """

    code = "BO102"
    name = "multiple-roots"
    severity = Severity.ERROR
    summary = "More than one position at the top of the organisation."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        roots = context.structure.reporting.roots  # sorted
        if len(roots) < 2:
            return
        names = ", ".join(roots[:SHOWN])
        if len(roots) > SHOWN:
            names += f", and {len(roots) - SHOWN} more"
        for root in roots:
            yield Finding(
                POSITION,
                root,
                f"position '{root}' is one of {len(roots)} tops of the organisation ({names})",
                "give it a reports_to: the position it answers to; only the real top has none",
                ("id",),
            )
