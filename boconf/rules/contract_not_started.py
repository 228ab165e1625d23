"""BO218 contract-not-started."""

from __future__ import annotations

from collections.abc import Iterator

from boconf import numbers
from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.rules.base import CONTRACT, Finding, LintContext, Rule, RuleOptions, contracts_in_use


class ContractNotStarted(Rule[RuleOptions]):
    """A vendor contract that has not started yet while work already depends on it.

    ## What it checks
    Reports every contract whose `start` is after the reference date while at least one
    unit's `sourcing` already names it as the `contract` of an allocation. The message gives
    the start date and lists the units that depend on it. On its start date the contract is
    in force and is not reported; a future contract that no unit uses yet is not reported.

    ## Why it matters
    The tree says the vendor does this work today, but no contract is in force for it yet:
    no agreed service levels, prices or data-protection terms, and nothing for the internal
    owner to hold the vendor to. Usually the sourcing was changed ahead of a planned move
    (a new vendor, a renewal under a new contract), so the tree describes tomorrow's back
    office as today's and the cost report counts a contract that is not yet paid.

    ## How to fix
    Keep the current sourcing until the start date and change it then (or describe the move
    as a what-if scenario), or correct the contract's `start` if the contract is already
    signed and in force.

    ## Options
    None.

    ## Failing example
    ```yaml
    # reference date 2026-01-01
    contracts:
      - {id: helpco-desk, services: [it_support], start: 2026-03-01, end: 2028-12-31, owner: it-head}
    # unit it
    sourcing:
      - {provider: helpco, location: manila, share: 1, contract: helpco-desk}
    ```

    ## Passing example
    ```yaml
    contracts:
      - {id: helpco-desk, services: [it_support], start: 2025-01-01, end: 2028-12-31, owner: it-head}
    ```
    """

    code = "BO218"
    name = "contract-not-started"
    severity = Severity.WARNING
    summary = N_("A vendor contract that has not started yet while work already depends on it.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        tree = context.tree
        future = {
            contract_id
            for contract_id, contract in tree.contracts.items()
            if contract.start > context.reference_date
        }
        if not future:
            return
        for contract_id, named in contracts_in_use(context, future):
            start = tree.contracts[contract_id].start
            yield Finding(
                CONTRACT,
                contract_id,
                _(
                    "contract '{contract}' of vendor '{vendor}' starts on {start} but work "
                    "already depends on it: {units}"
                ).format(
                    contract=contract_id,
                    vendor=tree.contract_vendor[contract_id],
                    start=numbers.date(start),
                    units=named,
                ),
                _(
                    "keep the units' current sourcing until {start}, or correct the contract's "
                    "start if it is already in force"
                ).format(start=numbers.date(start)),
                ("start",),
            )
