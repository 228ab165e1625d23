"""BO208 contract-expired."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class ContractExpired(Rule[RuleOptions]):
    """A vendor contract that has already ended while work still depends on it.

    TODO: documentation.
    """

    code = "BO208"
    name = "contract-expired"
    severity = Severity.ERROR
    summary = "A vendor contract that has already ended while work still depends on it."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
