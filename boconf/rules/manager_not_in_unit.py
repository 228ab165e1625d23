"""BO114 manager-not-in-unit."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class ManagerNotInUnit(Rule[RuleOptions]):
    """A unit whose manager is a position of another unit.

    TODO: documentation.
    """

    code = "BO114"
    name = "manager-not-in-unit"
    severity = Severity.WARNING
    summary = "A unit whose manager is a position of another unit."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
