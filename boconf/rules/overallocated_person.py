"""BO112 overallocated-person."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class OverallocatedPerson(Rule[RuleOptions]):
    """A person whose posts add up to more than one FTE.

    TODO: documentation.
    """

    code = "BO112"
    name = "overallocated-person"
    severity = Severity.ERROR
    summary = "A person whose posts add up to more than one FTE."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
