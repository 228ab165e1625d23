"""BO211 vendor-concentration."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from boconf.diagnostics import Severity
from boconf.graph.work import back_office_work
from boconf.i18n import N_, _
from boconf.numbers import tenths
from boconf.rules.base import VENDOR, Finding, LintContext, Rule, RuleOptions


class Options(RuleOptions):
    max_share: Decimal = Field(
        default=Decimal("0.4"),
        ge=0,
        le=1,
        description="The largest share of back-office FTE one vendor may carry (0.4 = 40%).",
    )


class VendorConcentration(Rule[Options]):
    """Too much of the back office with one vendor.

    ## What it checks
    Adds up the back-office work of every `office: back` unit in FTE: its own staff (the FTE
    of its positions) and its vendors' work (an allocation's contracted `fte`, else an
    equivalent derived from the shares: own FTE x the vendor's share / the in-house share).
    Reports, at the vendor's `id`, every vendor whose part is more than `max_share` of it. An
    organisation without back-office FTE has nothing to report.

    ## Why it matters
    A back office that largely depends on one vendor has lost its bargaining power and its
    way out: the vendor's price rises, service failures, disputes or insolvency hit most of
    the work that keeps the front office running, all at once.

    ## How to fix
    Spread the work: bring some of it back in-house or to a captive centre, or give part of
    it to a second vendor, then update the units' `sourcing`. If the concentration is a
    deliberate choice, raise `max_share` or suppress the finding on the vendor with the
    reason.

    ## Options
    - `max_share` (default 0.4): the largest share of the back-office FTE one vendor may
      carry, as a fraction (0.4 = 40%).

    ## Failing example
    ```yaml
    # unit it (office: back), all with helpco: 12 contracted FTE against 10 own FTE elsewhere
    sourcing:
      - {provider: helpco, location: manila, share: 1, contract: helpco-desk, fte: 12}
    ```

    ## Passing example
    ```yaml
    # unit it: 40% with helpco, and other back-office units fully in-house
    sourcing:
      - {provider: in_house, location: hq, share: 0.6}
      - {provider: helpco, location: manila, share: 0.4, contract: helpco-desk}
    ```
    """

    code = "BO211"
    name = "vendor-concentration"
    severity = Severity.WARNING
    summary = N_("Too much of the back office with one vendor.")
    options_model = Options

    def check(self, context: LintContext, options: Options) -> Iterator[Finding]:
        structure = context.structure
        # Shares of all back-office work: own staff's FTE and vendors' (contracted or derived).
        total = Decimal(0)
        by_vendor: dict[str, Decimal] = {}
        for work in back_office_work(structure):
            total += work.fte
            if not work.own_staff:
                by_vendor[work.provider] = by_vendor.get(work.provider, Decimal(0)) + work.fte
        if total <= 0:
            return
        for vendor_id, fte in sorted(by_vendor.items()):
            share = fte / total
            if share <= options.max_share:
                continue
            yield Finding(
                VENDOR,
                vendor_id,
                _(
                    "vendor '{vendor}' carries {share}% of the back office ({fte} of {total} "
                    "FTE), more than the {limit}% limit"
                ).format(
                    vendor=vendor_id,
                    share=tenths(share * 100),
                    fte=tenths(fte),
                    total=tenths(total),
                    limit=tenths(options.max_share * 100),
                ),
                _(
                    "spread the work over in-house staff, a captive centre or a second vendor, "
                    "or raise max_share if this is deliberate"
                ),
                ("id",),
            )
