"""BO210 contract-without-end."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class ContractWithoutEnd(Rule[RuleOptions]):
    """A vendor contract with no end date.

    TODO: documentation.
    """

    code = "BO210"
    name = "contract-without-end"
    severity = Severity.INFO
    summary = "A vendor contract with no end date."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
