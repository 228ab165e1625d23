"""BO204 front-office-unsupported."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class FrontOfficeUnsupported(Rule[RuleOptions]):
    """A front-office unit without the back-office support it needs.

    TODO: documentation.
    """

    code = "BO204"
    name = "front-office-unsupported"
    severity = Severity.WARNING
    summary = "A front-office unit without the back-office support it needs."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
