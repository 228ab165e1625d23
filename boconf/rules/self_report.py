"""BO104 self-report."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class SelfReport(Rule[RuleOptions]):
    """A position that reports to itself.

    TODO: documentation.
    """

    code = "BO104"
    name = "self-report"
    severity = Severity.ERROR
    summary = "A position that reports to itself."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
