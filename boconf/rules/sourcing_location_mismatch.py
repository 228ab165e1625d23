"""BO214 sourcing-location-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.model.entities import IN_HOUSE, LocationType
from boconf.rules.base import POSITION, UNIT, Finding, LintContext, Rule, RuleOptions


class SourcingLocationMismatch(Rule[RuleOptions]):
    """Sourcing that contradicts the type of its location.

    ## What it checks
    Compares who does the work with the `type` of the location named for it:
    - an `in_house` allocation of a unit's `sourcing` whose `location` is a `vendor_site`;
    - a vendor's allocation whose `location` is a `remote_centre`, the organisation's own
      captive centre;
    - a position whose `location` is a `vendor_site`: own staff placed at a vendor's site.

    Only locations written on the allocation or the position are checked. A vendor working at
    the headquarters or another office (on-site contractors) is fine.

    ## Why it matters
    The sourcing model (in-house, captive, outsourced) drives cost, accountability and the
    concentration checks. Own staff at a vendor's site, or a vendor in the company's captive
    centre, is usually a wrong location id or a sourcing model that changed without the
    configuration following, and it makes the sourcing mix and the cost figures wrong.

    ## How to fix
    Point the allocation or the position at the right location. If a vendor really runs the
    site, make the allocation's `provider` that vendor (or the location's `type`
    `vendor_site`); if own staff really work there, make the location's `type` match.

    ## Options
    None.

    ## Failing example
    ```yaml
    sourcing:
      - {provider: in_house, location: manila, share: 0.6}  # manila is a vendor_site
      - {provider: helpco, location: cluj, share: 0.4, contract: helpco-desk}  # cluj is a remote_centre
    ```

    ## Passing example
    ```yaml
    sourcing:
      - {provider: in_house, location: cluj, share: 0.6}
      - {provider: helpco, location: manila, share: 0.4, contract: helpco-desk}
    ```
    """

    code = "BO214"
    name = "sourcing-location-mismatch"
    severity = Severity.WARNING
    summary = "Sourcing that contradicts the type of its location."

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        tree = context.tree
        locations = tree.locations
        for unit_id, unit in sorted(tree.units.items()):
            for index, allocation in enumerate(unit.sourcing or ()):
                if allocation.location is None:
                    continue
                kind = locations[allocation.location].type
                if allocation.provider == IN_HOUSE and kind is LocationType.VENDOR_SITE:
                    yield Finding(
                        UNIT,
                        unit_id,
                        f"unit '{unit_id}' -> sourcing[{index}]: in-house work at "
                        f"'{allocation.location}', a vendor's site",
                        "point the allocation at one of the organisation's own sites, or make "
                        "its provider the vendor that runs the site",
                        ("sourcing", index, "location"),
                    )
                elif allocation.provider != IN_HOUSE and kind is LocationType.REMOTE_CENTRE:
                    yield Finding(
                        UNIT,
                        unit_id,
                        f"unit '{unit_id}' -> sourcing[{index}]: vendor '{allocation.provider}' "
                        f"works at '{allocation.location}', the organisation's own remote centre",
                        "point the allocation at the vendor's site, or make it in_house if the "
                        "organisation's own staff do the work there",
                        ("sourcing", index, "location"),
                    )
        for position_id, position in sorted(tree.positions.items()):
            where = position.location
            if where is not None and locations[where].type is LocationType.VENDOR_SITE:
                yield Finding(
                    POSITION,
                    position_id,
                    f"position '{position_id}' is placed at '{where}', a vendor's site",
                    "own staff work at the organisation's own sites: set the position's "
                    "location to one of them, or leave the work to the vendor's allocation",
                    ("location",),
                )
