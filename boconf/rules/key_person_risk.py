"""BO213 key-person-risk."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class KeyPersonRisk(Rule[RuleOptions]):
    """A back-office function that rests on one person.

    TODO: documentation.
    """

    code = "BO213"
    name = "key-person-risk"
    severity = Severity.WARNING
    summary = "A back-office function that rests on one person."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
