"""BO209 contract-expiring."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class ContractExpiring(Rule[RuleOptions]):
    """A vendor contract that ends soon.

    TODO: documentation.
    """

    code = "BO209"
    name = "contract-expiring"
    severity = Severity.WARNING
    summary = "A vendor contract that ends soon."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
