"""BO215 notice-deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from boconf import numbers
from boconf.diagnostics import Severity
from boconf.i18n import N_, _, ngettext
from boconf.rules.base import CONTRACT, Finding, LintContext, Rule, RuleOptions


class Options(RuleOptions):
    within_days: int = Field(
        default=30,
        ge=0,
        le=3650,
        description="Report notice deadlines that fall within this many days of the reference date.",
    )


class NoticeDeadline(Rule[Options]):
    """A contract whose notice deadline is near or has passed.

    ## What it checks
    For every contract with an `end` and `notice_days` above zero, the notice deadline is
    `end` minus `notice_days` days: the last day to give notice. Reports the contract, at its
    `notice_days`, when that deadline falls within `within_days` days of the reference date,
    or has already passed while the contract has not ended yet (its `end` is on or after the
    reference date). Ended contracts are left to `contract-expired` (BO208).

    ## Why it matters
    Missing the notice deadline takes the decision out of the back office's hands: the
    contract runs to its end (or renews tacitly) on the vendor's terms, and there is no time
    left to retender or to bring the work back in-house.

    ## How to fix
    Decide before the deadline whether to renew, renegotiate or give notice. Once the
    decision is recorded (a new `end`, a renewed contract), the finding goes away; if the
    deadline has passed, check the contract's renewal terms and update `end`.

    ## Options
    - `within_days` (default 30): how many days ahead of the reference date to warn.

    ## Failing example
    ```yaml
    # reference date 2027-09-20: notice is due by 2027-10-02
    contracts:
      - id: helpco-desk
        services: [it_support]
        start: 2025-01-01
        end: 2027-12-31
        notice_days: 90
        owner: it-head
    ```

    ## Passing example
    ```yaml
    # reference date 2026-01-01: notice is due by 2027-10-02, far ahead
    contracts:
      - id: helpco-desk
        services: [it_support]
        start: 2025-01-01
        end: 2027-12-31
        notice_days: 90
        owner: it-head
    ```
    """

    code = "BO215"
    name = "notice-deadline"
    severity = Severity.WARNING
    summary = N_("A contract whose notice deadline is near or has passed.")
    options_model = Options

    def check(self, context: LintContext, options: Options) -> Iterator[Finding]:
        tree = context.tree
        today = context.reference_date
        for contract_id, contract in sorted(tree.contracts.items()):
            end = contract.end
            if end is None or contract.notice_days <= 0 or end < today:
                continue
            left = (end - today).days - contract.notice_days
            if left > options.within_days:
                continue
            deadline = end - dt.timedelta(days=contract.notice_days)
            if left < 0:
                when = ngettext("passed {n} day ago", "passed {n} days ago", -left).format(n=-left)
            elif left == 0:
                when = _("is today")
            else:
                when = ngettext("is in {n} day", "is in {n} days", left).format(n=left)
            # English has always said "1 days" here; the plural lets a translation say it right.
            notice = ngettext(
                "{n} days before it ends on {end}",
                "{n} days before it ends on {end}",
                contract.notice_days,
            ).format(n=contract.notice_days, end=numbers.date(end))
            yield Finding(
                CONTRACT,
                contract_id,
                _(
                    "contract '{contract}' of vendor '{vendor}': the notice deadline, "
                    "{deadline} ({notice}), {when}"
                ).format(
                    contract=contract_id,
                    vendor=tree.contract_vendor[contract_id],
                    deadline=numbers.date(deadline),
                    notice=notice,
                    when=when,
                ),
                _(
                    "decide now whether to renew, renegotiate or give notice; once decided, "
                    "update the contract's end"
                ),
                ("notice_days",),
            )
