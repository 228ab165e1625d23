"""BO206 missing-function."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class MissingFunction(Rule[RuleOptions]):
    """The organisation lacks a function it needs.

    TODO: documentation.
    """

    code = "BO206"
    name = "missing-function"
    severity = Severity.WARNING
    summary = "The organisation lacks a function it needs."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
