"""BO105 unit-cycle."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class UnitCycle(Rule[RuleOptions]):
    """Units whose parent chain goes round in a circle.

    TODO: documentation.
    """

    code = "BO105"
    name = "unit-cycle"
    severity = Severity.ERROR
    summary = "Units whose parent chain goes round in a circle."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
