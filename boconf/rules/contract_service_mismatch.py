"""BO216 contract-service-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.model.entities import IN_HOUSE
from boconf.rules.base import UNIT, Finding, LintContext, Rule, RuleOptions


class ContractServiceMismatch(Rule[RuleOptions]):
    """Work sourced under a contract that does not cover the unit's function.

    ## What it checks
    Reports every vendor allocation of a unit's `sourcing` whose `contract` does not list the
    unit's `function` among its `services`, at the allocation's `contract`.

    ## Why it matters
    The vendor is doing work its contract does not cover: no agreed service levels or price
    for it, disputes over invoices, and an internal owner accountable for something else. Or
    the allocation names the wrong contract, and cost and expiry reports are wrong.

    ## How to fix
    Name the vendor's contract that covers the function, add the function to the contract's
    `services` if the contract really covers it, or sign a contract for it.

    ## Options
    None.

    ## Failing example
    ```yaml
    # contract helpco-desk: services [it_support]
    id: credit
    function: credit
    sourcing:
      - {provider: helpco, location: manila, share: 1, contract: helpco-desk}
    ```

    ## Passing example
    ```yaml
    id: it
    function: it_support
    sourcing:
      - {provider: helpco, location: manila, share: 1, contract: helpco-desk}
    ```
    """

    code = "BO216"
    name = "contract-service-mismatch"
    severity = Severity.WARNING
    summary = N_("Work sourced under a contract that does not cover the unit's function.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        tree = context.tree
        for unit_id, unit in sorted(tree.units.items()):
            for index, allocation in enumerate(unit.sourcing or ()):
                if allocation.provider == IN_HOUSE or allocation.contract is None:
                    continue
                contract = tree.contracts[allocation.contract]
                if unit.function in contract.services:
                    continue
                yield Finding(
                    UNIT,
                    unit_id,
                    _(
                        "unit '{unit}' -> sourcing[{index}]: contract '{contract}' "
                        "covers {services}, not the unit's function '{function}'"
                    ).format(
                        unit=unit_id,
                        index=index,
                        contract=allocation.contract,
                        services=", ".join(contract.services),
                        function=unit.function,
                    ),
                    _(
                        "name the contract that covers '{function}', or add it to the "
                        "services of '{contract}' if the contract really covers it"
                    ).format(function=unit.function, contract=allocation.contract),
                    ("sourcing", index, "contract"),
                )
