"""BO108 hierarchy-depth."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class HierarchyDepth(Rule[RuleOptions]):
    """Reporting lines with too many layers.

    TODO: documentation.
    """

    code = "BO108"
    name = "hierarchy-depth"
    severity = Severity.WARNING
    summary = "Reporting lines with too many layers."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
