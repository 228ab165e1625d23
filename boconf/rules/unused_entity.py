"""BO113 unused-entity."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class UnusedEntity(Rule[RuleOptions]):
    """A person, location or vendor that nothing references.

    TODO: documentation.
    """

    code = "BO113"
    name = "unused-entity"
    severity = Severity.WARNING
    summary = "A person, location or vendor that nothing references."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
