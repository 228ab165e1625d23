"""BO205 back-office-supports-nothing."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class BackOfficeSupportsNothing(Rule[RuleOptions]):
    """A back-office unit that supports no front-office unit.

    TODO: documentation.
    """

    code = "BO205"
    name = "back-office-supports-nothing"
    severity = Severity.INFO
    summary = "A back-office unit that supports no front-office unit."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
