"""BO113 unused-entity."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.rules.base import LOCATION, PERSON, VENDOR, Finding, LintContext, Rule, RuleOptions


class UnusedEntity(Rule[RuleOptions]):
    """A person, location or vendor that nothing references.

    ## What it checks
    Reports, at its `id`, each of these:
    - a person who holds no position (no position names them as `holder`);
    - a location that is not the organisation's `headquarters` and that no unit, position or
      sourcing allocation names as its `location`;
    - a vendor that no unit's `sourcing` names as `provider`.

    ## Why it matters
    Unused entries are leftovers: a person who left (keeping personal data nobody needs),
    a site that was closed, a vendor whose work was brought back in-house. They make the
    back office look bigger than it is, and a vendor still listed with contracts but doing
    no work may still be invoicing.

    ## How to fix
    Reference the entity where it belongs (a post's `holder`, a unit's `location`, an
    allocation of a unit's `sourcing`), or remove it. For a vendor whose work is still
    being wound down, suppress the rule on it with a reason.

    ## Options
    None.

    ## Failing example
    ```yaml
    kind: Location
    id: cluj
    name: Cluj centre
    country: RO
    city: Cluj-Napoca
    type: remote_centre
    # ... and no unit, position or allocation has location: cluj
    ```

    ## Passing example
    ```yaml
    kind: Unit
    id: collections
    office: back
    function: credit
    location: cluj
    ```
    """

    code = "BO113"
    name = "unused-entity"
    severity = Severity.WARNING
    summary = N_("A person, location or vendor that nothing references.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        tree = context.tree
        holders = context.structure.positions_by_holder
        for person in sorted(p for p in tree.people if p not in holders):
            yield Finding(
                PERSON,
                person,
                _("person '{person}' holds no position").format(person=person),
                _("name them as the holder of their post, or remove the person"),
                ("id",),
            )
        places = {tree.organisation.headquarters}
        providers: set[str] = set()
        for unit in tree.units.values():
            if unit.location is not None:
                places.add(unit.location)
            for allocation in unit.sourcing or ():
                providers.add(allocation.provider)
                if allocation.location is not None:
                    places.add(allocation.location)
        for post in tree.positions.values():
            if post.location is not None:
                places.add(post.location)
        for location in sorted(tree.locations):
            if location not in places:
                yield Finding(
                    LOCATION,
                    location,
                    _(
                        "location '{location}' is not used: it is not the headquarters, and no "
                        "unit, position or sourcing allocation is there"
                    ).format(location=location),
                    _(
                        "set it as the location of the units or positions working there, or "
                        "remove it"
                    ),
                    ("id",),
                )
        for vendor in sorted(tree.vendors):
            if vendor not in providers:
                yield Finding(
                    VENDOR,
                    vendor,
                    _(
                        "vendor '{vendor}' does no work: no unit's sourcing names it as provider"
                    ).format(vendor=vendor),
                    _("add it to the sourcing of the units it works for, or remove it"),
                    ("id",),
                )
