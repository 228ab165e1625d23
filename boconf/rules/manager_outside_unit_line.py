"""BO110 manager-outside-unit-line."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class ManagerOutsideUnitLine(Rule[RuleOptions]):
    """A unit manager who reports outside the unit's parent chain.

    TODO: documentation.
    """

    code = "BO110"
    name = "manager-outside-unit-line"
    severity = Severity.WARNING
    summary = "A unit manager who reports outside the unit's parent chain."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
