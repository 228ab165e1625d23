"""BO106 span-of-control."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class SpanOfControl(Rule[RuleOptions]):
    """A manager with too many direct reports.

    TODO: documentation.
    """

    code = "BO106"
    name = "span-of-control"
    severity = Severity.WARNING
    summary = "A manager with too many direct reports."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
