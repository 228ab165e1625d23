"""BO202 no-back-office-head."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class NoBackOfficeHead(Rule[RuleOptions]):
    """The back-office head post is vacant or heads no back-office unit.

    TODO: documentation.
    """

    code = "BO202"
    name = "no-back-office-head"
    severity = Severity.ERROR
    summary = "The back-office head post is vacant or heads no back-office unit."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
