"""BO212 country-concentration."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class CountryConcentration(Rule[RuleOptions]):
    """Too much of the back office in one foreign country.

    TODO: documentation.
    """

    code = "BO212"
    name = "country-concentration"
    severity = Severity.WARNING
    summary = "Too much of the back office in one foreign country."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
