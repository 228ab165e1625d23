"""BO111 empty-unit."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class EmptyUnit(Rule[RuleOptions]):
    """A unit with no positions and no sub-units.

    TODO: documentation.
    """

    code = "BO111"
    name = "empty-unit"
    severity = Severity.WARNING
    summary = "A unit with no positions and no sub-units."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
