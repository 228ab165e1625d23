"""BO216 contract-service-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class ContractServiceMismatch(Rule[RuleOptions]):
    """Work sourced under a contract that does not cover the unit's function.

    TODO: documentation.
    """

    code = "BO216"
    name = "contract-service-mismatch"
    severity = Severity.WARNING
    summary = "Work sourced under a contract that does not cover the unit's function."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
