"""BO107 single-report-manager."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class SingleReportManager(Rule[RuleOptions]):
    """A manager with a single direct report.

    TODO: documentation.
    """

    code = "BO107"
    name = "single-report-manager"
    severity = Severity.INFO
    summary = "A manager with a single direct report."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
