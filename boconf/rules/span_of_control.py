"""BO106 span-of-control."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from boconf.diagnostics import Severity
from boconf.i18n import N_, _, ngettext
from boconf.rules.base import POSITION, Finding, LintContext, Rule, RuleOptions


class Options(RuleOptions):
    max_reports: int = Field(default=12, ge=1)
    """The most direct reports one position may have, counting headcount."""


class SpanOfControl(Rule[Options]):
    """A manager with too many direct reports.

    ## What it checks
    Counts each position's direct reports (the positions whose `reports_to` names it), each
    counted with its `headcount`, and reports the positions with more than `max_reports`,
    at their `id`. A position reporting to itself is not counted among its own reports.

    ## Why it matters
    A manager with too wide a span cannot coach, review or approve the work of everyone
    below: approvals queue up, errors in transaction processing go unchecked, and absences
    leave the team without anyone to turn to.

    ## How to fix
    Add a layer of team leads between the manager and the team, or split the team into two
    units with their own managers. If the span is intended (a large team of identical,
    routine posts), raise `max_reports` or suppress the rule on the position with a reason.

    ## Options
    - `max_reports` (default 12): the most direct reports one position may have, counting
      headcount.

    ## Failing example
    ```yaml
    positions:
      - {id: ap-manager, title: Accounts payable manager, reports_to: cfo}
      - {id: ap-clerk, title: Accounts payable clerk, reports_to: ap-manager, headcount: 14}
    ```

    ## Passing example
    ```yaml
    positions:
      - {id: ap-manager, title: Accounts payable manager, reports_to: cfo}
      - {id: ap-lead, title: Team lead, reports_to: ap-manager, headcount: 2}
      - {id: ap-clerk, title: Accounts payable clerk, reports_to: ap-lead, headcount: 14}
    ```
    """

    code = "BO106"
    name = "span-of-control"
    severity = Severity.WARNING
    summary = N_("A manager with too many direct reports.")
    options_model = Options

    def check(self, context: LintContext, options: Options) -> Iterator[Finding]:
        structure = context.structure
        positions = context.tree.positions
        limit = options.max_reports
        wide: list[tuple[str, int, int]] = []  # (manager, span, its entries)
        for manager, reports in structure.reporting.children.items():
            span = structure.span_of_control(manager)
            if span <= limit:
                continue  # (a self-report only adds to a span: no need to look for one)
            if positions[manager].reports_to == manager:  # left to self-report (BO104)
                span -= positions[manager].headcount
                if span <= limit:
                    continue
            wide.append((manager, span, len(reports) - (manager in reports)))
        # Sorted once found: a few managers, not every one (200,000 at a million positions).
        for manager, span, entries in sorted(wide):
            yield Finding(
                POSITION,
                manager,
                _(
                    "position '{position}' has {span} direct reports ({entries}, counting "
                    "headcount), more than {limit}"
                ).format(
                    position=manager,
                    span=span,
                    entries=ngettext("{n} position", "{n} positions", entries).format(n=entries),
                    limit=limit,
                ),
                _(
                    "add a layer of team leads or split the team; "
                    "raise max_reports if this span is intended"
                ),
                ("id",),
            )
