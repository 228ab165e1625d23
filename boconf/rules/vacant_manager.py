"""BO109 vacant-manager."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class VacantManager(Rule[RuleOptions]):
    """A unit whose manager post is vacant.

    TODO: documentation.
    """

    code = "BO109"
    name = "vacant-manager"
    severity = Severity.WARNING
    summary = "A unit whose manager post is vacant."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
