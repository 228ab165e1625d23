"""BO212 country-concentration."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from boconf.diagnostics import Severity
from boconf.graph.work import back_office_work
from boconf.i18n import N_, _
from boconf.numbers import tenths
from boconf.rules.base import ORGANISATION, Finding, LintContext, Rule, RuleOptions


class Options(RuleOptions):
    max_share: Decimal = Field(
        default=Decimal("0.5"),
        ge=0,
        le=1,
        description="The largest share of back-office FTE one foreign country may carry (0.5 = 50%).",
    )


class CountryConcentration(Rule[Options]):
    """Too much of the back office in one foreign country.

    ## What it checks
    Splits the back-office work of every `office: back` unit, in FTE, by country. Own staff
    count where each post works (its `location`, else its unit's: the unit's own, its
    parent's, or the headquarters); a vendor's work (its contracted `fte`, else own FTE x the
    vendor's share / the in-house share) counts in the country of the allocation's
    `location`, or the vendor's `country` when no site is given. Reports, on the
    organisation, every country other than the headquarters' country that carries more than
    `max_share` of the back-office work, one finding per country.

    ## Why it matters
    Remote and offshore back offices save money, but when most of the back office sits in one
    foreign country, a local disruption (politics, law, currency, power or network outages, a
    strike) stops most of the work that keeps the front office running, with no capacity
    elsewhere to take it over.

    ## How to fix
    Spread the work over more than one country (a second centre or vendor site, or part of it
    back at headquarters) and update the units' `sourcing`. If the concentration is a
    deliberate choice, raise `max_share` or suppress the finding with the reason.

    ## Options
    - `max_share` (default 0.5): the largest share of the back-office FTE one foreign
      country may carry, as a fraction (0.5 = 50%).

    ## Failing example
    ```yaml
    # headquarters in IT; unit it (office: back) holds most of the back office's posts
    location: cluj  # in RO: every post of the unit works there
    sourcing:
      - {provider: in_house, location: cluj, share: 1}
    ```

    ## Passing example
    ```yaml
    # six of the unit's ten posts work at the headquarters, four in cluj
    sourcing:
      - {provider: in_house, location: hq, share: 0.6}
      - {provider: in_house, location: cluj, share: 0.4}
    ```
    """

    code = "BO212"
    name = "country-concentration"
    severity = Severity.WARNING
    summary = N_("Too much of the back office in one foreign country.")
    options_model = Options

    def check(self, context: LintContext, options: Options) -> Iterator[Finding]:
        tree = context.tree
        structure = context.structure
        locations = tree.locations
        # Shares of all back-office work: own staff's FTE and vendors' (contracted or derived).
        total = Decimal(0)
        by_country: dict[str, Decimal] = {}
        for work in back_office_work(structure):
            total += work.fte
            # A vendor's work with no site given is done in the vendor's country.
            where = work.location
            country = (
                locations[where].country
                if where is not None
                else tree.vendors[work.provider].country
            )
            by_country[country] = by_country.get(country, Decimal(0)) + work.fte
        if total <= 0:
            return
        organisation = tree.organisation
        headquarters = locations[organisation.headquarters].country
        for country, fte in sorted(by_country.items()):
            share = fte / total
            if country == headquarters or share <= options.max_share:
                continue
            yield Finding(
                ORGANISATION,
                organisation.id,
                _(
                    "organisation '{organisation}' has {share}% of its back office ({fte} of "
                    "{total} FTE) in {country}, more than the {limit}% limit for one country "
                    "outside {headquarters}"
                ).format(
                    organisation=organisation.id,
                    share=tenths(share * 100),
                    fte=tenths(fte),
                    total=tenths(total),
                    country=country,
                    limit=tenths(options.max_share * 100),
                    headquarters=headquarters,
                ),
                _(
                    "spread the work over more than one country, or bring part of it back to "
                    "headquarters; raise max_share if this is deliberate"
                ),
                ("id",),
            )
