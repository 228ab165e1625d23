"""BO301 unused-suppression."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.i18n import N_
from boconf.rules.base import Finding, LintContext, Rule, RuleOptions


class UnusedSuppression(Rule[RuleOptions]):
    """A suppression that silences nothing.

    ## What it checks
    Every `lint: {ignore: {RULE: reason}}` on an entity and every
    `# boconf: ignore[RULE] reason` comment must silence at least one finding of an enabled
    rule (a comment covers its own line and the next one). The engine reports the others,
    since only it knows which suppressions were used; this entry configures them.

    ## Why it matters
    A suppression outlives the problem it was written for. Left in place it hides the next,
    real problem of the same kind on that entity, and its reason misleads readers.

    ## How to fix
    Delete the suppression, or move the comment next to the line the finding points at.

    ## Options
    None.

    ## Failing example
    ```yaml
    id: credit
    lint:
      ignore: {vacant-manager: "the post is being filled"}   # but the manager post is held
    ```

    ## Passing example
    ```yaml
    id: credit
    # no suppression: nothing to silence
    ```
    """

    code = "BO301"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = N_("A suppression that silences nothing.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        return iter(())  # reported by the engine
