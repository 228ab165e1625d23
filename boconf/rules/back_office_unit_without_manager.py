"""BO201 back-office-unit-without-manager."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class BackOfficeUnitWithoutManager(Rule[RuleOptions]):
    """A back-office unit with nobody in charge.

    TODO: documentation.
    """

    code = "BO201"
    name = "back-office-unit-without-manager"
    severity = Severity.ERROR
    summary = "A back-office unit with nobody in charge."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
