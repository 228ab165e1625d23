"""BO207 outsourced-without-owner."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class OutsourcedWithoutOwner(Rule[RuleOptions]):
    """Outsourced or captive work with nobody inside accountable for it.

    TODO: documentation.
    """

    code = "BO207"
    name = "outsourced-without-owner"
    severity = Severity.ERROR
    summary = "Outsourced or captive work with nobody inside accountable for it."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
