"""BO103 orphan-position."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.rules.base import POSITION, Finding, LintContext, Rule, RuleOptions, cycle_path


class OrphanPosition(Rule[RuleOptions]):
    """Positions whose reporting line never reaches the top.

    ## What it checks
    Follows every position's `reports_to` line upwards and reports the positions whose line
    ends in a reporting cycle instead of at the top of the organisation, at their
    `reports_to`, naming the cycle. The members of the cycle are reported by
    `reporting-cycle` (BO101) and `self-report` (BO104), not here.

    Off in every preset: one mistake gets one finding, and the cycle's finding already counts
    the positions it cuts off and names the largest lines among them. Enable this rule with
    `select: [orphan-position]` to list them one by one (for instance to suppress one).

    ## Why it matters
    A position below a cycle has no chain of command: its escalations, approvals and
    expense sign-offs go round the cycle and never reach a decision maker, and it is left
    out of every head count rolled up from the top.

    ## How to fix
    Break the cycle the line ends in, so that it reaches the top; or point the position's
    `reports_to` at a manager whose line does.

    ## Options
    None.

    ## Failing example
    ```yaml
    positions:
      - {id: credit-manager, title: Credit manager, reports_to: credit-deputy}
      - {id: credit-deputy, title: Deputy manager, reports_to: credit-manager}
      - {id: credit-analyst, title: Credit analyst, reports_to: credit-deputy}
    ```

    ## Passing example
    ```yaml
    positions:
      - {id: credit-manager, title: Credit manager, reports_to: coo}
      - {id: credit-deputy, title: Deputy manager, reports_to: credit-manager}
      - {id: credit-analyst, title: Credit analyst, reports_to: credit-deputy}
    ```
    """

    code = "BO103"
    name = "orphan-position"
    severity = Severity.ERROR
    summary = N_("Positions whose reporting line never reaches the top.")
    # The cycle's own finding summarises these: listing them is opt-in.
    presets = frozenset[str]()

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        reporting = context.structure.reporting
        orphans = reporting.orphans  # sorted
        if not orphans:
            return
        parent = reporting.parent
        # The cycle each orphan's line ends in, found once per position (linear overall).
        ends: dict[str, int] = dict(reporting.in_cycle)
        for orphan in orphans:
            walk: list[str] = []
            current: str | None = orphan
            while current is not None and current not in ends:
                walk.append(current)
                current = parent.get(current)
            if current is not None:  # always: an orphan's line ends in a cycle
                for node in walk:
                    ends[node] = ends[current]
        described: dict[int, str] = {}
        for orphan in orphans:
            index = ends.get(orphan)
            if index is None:  # pragma: no cover - see above
                continue
            where = described.get(index)
            if where is None:
                where = described[index] = _describe(reporting.cycles[index])
            yield Finding(
                POSITION,
                orphan,
                _(
                    "position '{position}' never reaches the top of the organisation: "
                    "its line ends {where}"
                ).format(position=orphan, where=where),
                _("break that cycle, or point reports_to at a manager whose line reaches the top"),
                ("reports_to",),
            )


def _describe(cycle: list[str]) -> str:
    if len(cycle) == 1:
        return _("at '{position}', which reports to itself").format(position=cycle[0])
    return _("in the reporting cycle {path}").format(path=cycle_path(cycle))
