"""BO217 office-function-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class OfficeFunctionMismatch(Rule[RuleOptions]):
    """A unit whose office contradicts its function.

    TODO: documentation.
    """

    code = "BO217"
    name = "office-function-mismatch"
    severity = Severity.WARNING
    summary = "A unit whose office contradicts its function."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
