"""BO108 hierarchy-depth."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.rules.base import POSITION, Finding, LintContext, Rule, RuleOptions


class Options(RuleOptions):
    max_layers: int = Field(default=8, ge=1)
    """The most layers a reporting line may have, the top of the organisation being layer 1."""


class HierarchyDepth(Rule[Options]):
    """Reporting lines with too many layers.

    ## What it checks
    Counts each position's layer from the top of the organisation (the top is layer 1, its
    direct reports layer 2, and so on) and reports the positions at the first layer beyond
    `max_layers`, at their `id`: one finding where each line crosses the limit, not one for
    every position below it. Positions whose line never reaches the top are left to
    `orphan-position` (BO103).

    ## Why it matters
    Every layer is a desk that decisions, escalations and information pass through. A deep
    back office is slow to approve, costly in management overhead, and the top hears of
    problems in processing late and filtered.

    ## How to fix
    Remove a layer of management somewhere in the line above the position: merge layers
    with a single report (see `single-report-manager`, BO107) or let teams report higher
    up. If the depth is intended, raise `max_layers`.

    ## Options
    - `max_layers` (default 8): the most layers a reporting line may have, the top of the
      organisation being layer 1.

    ## Failing example
    ```yaml
    # with max_layers: 3
    positions:
      - {id: ceo, title: Chief executive officer}
      - {id: coo, title: Chief operating officer, reports_to: ceo}
      - {id: it-head, title: IT manager, reports_to: coo}
      - {id: it-technician, title: IT technician, reports_to: it-head}  # layer 4
    ```

    ## Passing example
    ```yaml
    # with max_layers: 3
    positions:
      - {id: ceo, title: Chief executive officer}
      - {id: coo, title: Chief operating officer, reports_to: ceo}
      - {id: it-head, title: IT manager, reports_to: coo}
      - {id: it-technician, title: IT technician, reports_to: coo}
    ```
    """

    code = "BO108"
    name = "hierarchy-depth"
    severity = Severity.WARNING
    summary = N_("Reporting lines with too many layers.")
    options_model = Options

    def check(self, context: LintContext, options: Options) -> Iterator[Finding]:
        reporting = context.structure.reporting
        limit = options.max_layers
        beyond = limit + 1
        # Translated once: a deep generated organisation has hundreds of thousands of these.
        message = _(
            "position '{position}' is at layer {layer} counting from '{top}' at the "
            "top (layer 1): more than the {limit} layers allowed"
        )
        hint = _(
            "remove a layer of management between '{top}' and '{position}', or raise max_layers"
        )
        # Every post with a depth reaches a root: with one root (the usual case) it is the top
        # of each, and 420,000 findings at a million positions need not look it up.
        only_top = reporting.roots[0] if len(reporting.roots) == 1 else None
        for position in sorted(p for p, d in reporting.depth.items() if d == beyond):
            top = only_top or reporting.root_of.get(position)
            yield Finding(
                POSITION,
                position,
                message.format(position=position, layer=beyond, top=top, limit=limit),
                hint.format(top=top, position=position),
                ("id",),
            )
