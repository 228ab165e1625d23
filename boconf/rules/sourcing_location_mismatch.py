"""BO214 sourcing-location-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class SourcingLocationMismatch(Rule[RuleOptions]):
    """Sourcing that contradicts the type of its location.

    TODO: documentation.
    """

    code = "BO214"
    name = "sourcing-location-mismatch"
    severity = Severity.WARNING
    summary = "Sourcing that contradicts the type of its location."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())
