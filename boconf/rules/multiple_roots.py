"""BO102 multiple-roots."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class MultipleRoots(Rule[RuleOptions]):
    """More than one position at the top of the organisation.

    TODO: documentation.
    """

    code = "BO102"
    name = "multiple-roots"
    severity = Severity.ERROR
    summary = "More than one position at the top of the organisation."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
