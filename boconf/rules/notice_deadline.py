"""BO215 notice-deadline."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class NoticeDeadline(Rule[RuleOptions]):
    """A contract whose notice deadline is near or has passed.

    TODO: documentation.
    """

    code = "BO215"
    name = "notice-deadline"
    severity = Severity.WARNING
    summary = "A contract whose notice deadline is near or has passed."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
