"""BO209 contract-expiring."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from boconf import numbers
from boconf.diagnostics import Severity
from boconf.i18n import N_, _, ngettext
from boconf.rules.base import CONTRACT, Finding, LintContext, Rule, RuleOptions


class Options(RuleOptions):
    within_days: int = Field(
        default=90,
        ge=0,
        le=3650,
        description="Report contracts that end within this many days of the reference date.",
    )


class ContractExpiring(Rule[Options]):
    """A vendor contract that ends soon.

    ## What it checks
    Reports every contract whose `end` falls on the reference date or within `within_days`
    days after it, with the number of days left. Contracts that have already ended are left
    to `contract-expired` (BO208); open-ended contracts to `contract-without-end` (BO210).

    ## Why it matters
    Renewing, retendering or bringing outsourced back-office work back in-house takes months:
    a contract that ends unnoticed leaves the work without a contract, or forces a rushed
    renewal on the vendor's terms.

    ## How to fix
    Start the renewal or the exit now. Once it is agreed, set the new `end` (or move the work
    to another contract); suppress the finding with a reason if the end is intended.

    ## Options
    - `within_days` (default 90): how many days ahead of the reference date to look.

    ## Failing example
    ```yaml
    # reference date 2027-11-01
    contracts:
      - {id: helpco-desk, services: [it_support], start: 2025-01-01, end: 2027-12-31, owner: it-head}
    ```

    ## Passing example
    ```yaml
    # reference date 2026-01-01
    contracts:
      - {id: helpco-desk, services: [it_support], start: 2025-01-01, end: 2027-12-31, owner: it-head}
    ```
    """

    code = "BO209"
    name = "contract-expiring"
    severity = Severity.WARNING
    summary = N_("A vendor contract that ends soon.")
    options_model = Options

    def check(self, context: LintContext, options: Options) -> Iterator[Finding]:
        tree = context.tree
        for contract_id, contract in sorted(tree.contracts.items()):
            if contract.end is None:
                continue
            left = (contract.end - context.reference_date).days
            if not 0 <= left <= options.within_days:
                continue
            when = (
                _("today")
                if left == 0
                else _("tomorrow")
                if left == 1
                else ngettext("in {n} day", "in {n} days", left).format(n=left)
            )
            yield Finding(
                CONTRACT,
                contract_id,
                _("contract '{contract}' of vendor '{vendor}' ends on {end}, {when}").format(
                    contract=contract_id,
                    vendor=tree.contract_vendor[contract_id],
                    end=numbers.date(contract.end),
                    when=when,
                ),
                _("renew or retender the contract, or plan the exit, and then update its end"),
                ("end",),
            )
