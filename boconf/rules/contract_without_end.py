"""BO210 contract-without-end."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.rules.base import CONTRACT, Finding, LintContext, Rule, RuleOptions


class ContractWithoutEnd(Rule[RuleOptions]):
    """A vendor contract with no end date.

    ## What it checks
    Reports every contract that has no `end`, at its `id`.

    ## Why it matters
    An open-ended contract is never up for review: the back office keeps paying for the
    service without ever checking price, quality or whether the work should come back
    in-house, and the date-based checks (`contract-expiring`, `notice-deadline`) cannot
    warn about it.

    ## How to fix
    Set `end` to the last day of the contract (and `notice_days` to its notice period). If
    the contract really is open-ended (tacit renewal), suppress the finding with the reason
    and the date it is next reviewed.

    ## Options
    None.

    ## Failing example
    ```yaml
    contracts:
      - {id: helpco-desk, services: [it_support], start: 2025-01-01, owner: it-head}
    ```

    ## Passing example
    ```yaml
    contracts:
      - {id: helpco-desk, services: [it_support], start: 2025-01-01, end: 2027-12-31, owner: it-head}
    ```
    """

    code = "BO210"
    name = "contract-without-end"
    severity = Severity.INFO
    summary = N_("A vendor contract with no end date.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        tree = context.tree
        for contract_id, contract in sorted(tree.contracts.items()):
            if contract.end is None:
                yield Finding(
                    CONTRACT,
                    contract_id,
                    _("contract '{contract}' of vendor '{vendor}' has no end date").format(
                        contract=contract_id, vendor=tree.contract_vendor[contract_id]
                    ),
                    _(
                        "set 'end:' to the contract's last day, or suppress with the reason it "
                        "is open-ended"
                    ),
                    ("id",),
                )
