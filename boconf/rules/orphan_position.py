"""BO103 orphan-position."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class OrphanPosition(Rule[RuleOptions]):
    """Positions whose reporting line never reaches the top.

    TODO: documentation.
    """

    code = "BO103"
    name = "orphan-position"
    severity = Severity.ERROR
    summary = "Positions whose reporting line never reaches the top."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
