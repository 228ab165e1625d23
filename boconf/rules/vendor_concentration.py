"""BO211 vendor-concentration."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class VendorConcentration(Rule[RuleOptions]):
    """Too much of the back office with one vendor.

    TODO: documentation.
    """

    code = "BO211"
    name = "vendor-concentration"
    severity = Severity.WARNING
    summary = "Too much of the back office with one vendor."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
