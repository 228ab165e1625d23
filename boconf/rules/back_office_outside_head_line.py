"""BO203 back-office-outside-head-line."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class BackOfficeOutsideHeadLine(Rule[RuleOptions]):
    """A back-office manager who does not roll up to the back-office head.

    TODO: documentation.
    """

    code = "BO203"
    name = "back-office-outside-head-line"
    severity = Severity.WARNING
    summary = "A back-office manager who does not roll up to the back-office head."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
