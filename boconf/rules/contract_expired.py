"""BO208 contract-expired."""

from __future__ import annotations

from collections.abc import Iterator

from boconf import numbers
from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.rules.base import CONTRACT, Finding, LintContext, Rule, RuleOptions, contracts_in_use


class ContractExpired(Rule[RuleOptions]):
    """A vendor contract that has already ended while work still depends on it.

    ## What it checks
    Reports every contract whose `end` is before the reference date (the last day of the
    contract has passed) while at least one unit's `sourcing` still names it as the
    `contract` of an allocation. The message lists the units that depend on it. A contract
    that has lapsed and that no unit uses any more is not reported.

    ## Why it matters
    The back office work in those units is being done by a vendor with no contract in force:
    no agreed service levels, prices, liability or data-protection terms. Invoices cannot be
    matched to a contract, and the internal owner has nothing to hold the vendor to.

    ## How to fix
    Renew the contract and set its new `end`, or move the units' work to a contract in force
    (or in-house) and update their `sourcing`.

    ## Options
    None.

    ## Failing example
    ```yaml
    # reference date 2026-01-01
    contracts:
      - {id: helpco-desk, services: [it_support], start: 2023-01-01, end: 2025-12-31, owner: it-head}
    # unit it
    sourcing:
      - {provider: helpco, location: manila, share: 1, contract: helpco-desk}
    ```

    ## Passing example
    ```yaml
    contracts:
      - {id: helpco-desk, services: [it_support], start: 2023-01-01, end: 2027-12-31, owner: it-head}
    ```
    """

    code = "BO208"
    name = "contract-expired"
    severity = Severity.ERROR
    summary = N_("A vendor contract that has already ended while work still depends on it.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        tree = context.tree
        expired = {
            contract_id
            for contract_id, contract in tree.contracts.items()
            if contract.end is not None and contract.end < context.reference_date
        }
        if not expired:
            return
        for contract_id, named in contracts_in_use(context, expired):
            end = tree.contracts[contract_id].end
            yield Finding(
                CONTRACT,
                contract_id,
                _(
                    "contract '{contract}' of vendor '{vendor}' ended on {end} but work still "
                    "depends on it: {units}"
                ).format(
                    contract=contract_id,
                    vendor=tree.contract_vendor[contract_id],
                    end=numbers.date(end) if end is not None else end,
                    units=named,
                ),
                _(
                    "renew the contract and set its new end, or move the units' sourcing to a "
                    "contract in force"
                ),
                ("end",),
            )
