"""BO214 sourcing-location-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.graph.work import own_allocation_shares, post_location
from boconf.i18n import N_, _, ngettext
from boconf.model.entities import IN_HOUSE, LocationType
from boconf.rules.base import POSITION, UNIT, Finding, LintContext, Rule, RuleOptions

SHOWN = 5  # posts named in a finding about a place; the rest are counted


class SourcingLocationMismatch(Rule[RuleOptions]):
    """Sourcing that contradicts its locations: their type, or where the unit's posts work.

    ## What it checks
    Compares who does the work with the `type` of the location named for it:
    - an `in_house` allocation of a unit's `sourcing` whose `location` is a `vendor_site`;
    - a vendor's allocation whose `location` is a `remote_centre`, the organisation's own
      captive centre;
    - a position whose `location` is a `vendor_site`: own staff placed at a vendor's site.

    And, for a unit whose `sourcing` has `in_house` allocations, compares the places they
    name (an allocation without `location` names the unit's location) with where the unit's
    posts work (a post's `location`, else the unit's: its own, its parent's, or the
    headquarters):
    - an in-house allocation at a place where none of the unit's posts works: the posts that
      do not say where they work are costed at the unit's location, not there;
    - posts that work at a place no in-house allocation names (one finding per place).

    A vendor working at the headquarters or another office (on-site contractors) is fine. A
    unit whose work is all outsourced has no in-house allocation: its posts (say, the one
    who manages the vendor) are not checked against the vendors' sites.

    ## Why it matters
    The sourcing model (in-house, captive, outsourced) drives cost, accountability and the
    concentration checks. Own staff at a vendor's site, or a vendor in the company's captive
    centre, is usually a wrong location id or a sourcing model that changed without the
    configuration following. Own staff are costed where each post works: when the in-house
    allocations say the work is in Cluj and the posts do not say so, the cost is the
    headquarters' and the sourcing mix and the cost figures disagree with the sourcing.

    ## How to fix
    Point the allocation or the position at the right location. If a vendor really runs the
    site, make the allocation's `provider` that vendor (or the location's `type`
    `vendor_site`); if own staff really work there, make the location's `type` match. Give
    each post that works away from the unit's location its `location`, and give every place
    where the unit's posts work an in-house allocation with its share of the work.

    ## Options
    None.

    ## Failing example
    ```yaml
    sourcing:
      - {provider: in_house, location: manila, share: 0.6}  # manila is a vendor_site
      - {provider: helpco, location: cluj, share: 0.4, contract: helpco-desk}  # cluj is a remote_centre
    ---
    # the unit's location is milano; its posts do not say they work in cluj
    sourcing:
      - {provider: in_house, location: milano, share: 0.5}
      - {provider: in_house, location: cluj, share: 0.5}
    ```

    ## Passing example
    ```yaml
    sourcing:
      - {provider: in_house, location: cluj, share: 0.6}
      - {provider: helpco, location: manila, share: 0.4, contract: helpco-desk}
    positions:
      - {id: it-head, title: IT manager, reports_to: coo, location: cluj}
    ```
    """

    code = "BO214"
    name = "sourcing-location-mismatch"
    severity = Severity.WARNING
    summary = N_(
        "Sourcing that contradicts its locations: their type, or where the unit's posts work."
    )

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
                        _(
                            "unit '{unit}' -> sourcing[{index}]: in-house work at "
                            "'{location}', a vendor's site"
                        ).format(unit=unit_id, index=index, location=allocation.location),
                        _(
                            "point the allocation at one of the organisation's own sites, or make "
                            "its provider the vendor that runs the site"
                        ),
                        ("sourcing", index, "location"),
                    )
                elif allocation.provider != IN_HOUSE and kind is LocationType.REMOTE_CENTRE:
                    yield Finding(
                        UNIT,
                        unit_id,
                        _(
                            "unit '{unit}' -> sourcing[{index}]: vendor '{vendor}' "
                            "works at '{location}', the organisation's own remote centre"
                        ).format(
                            unit=unit_id,
                            index=index,
                            vendor=allocation.provider,
                            location=allocation.location,
                        ),
                        _(
                            "point the allocation at the vendor's site, or make it in_house if the "
                            "organisation's own staff do the work there"
                        ),
                        ("sourcing", index, "location"),
                    )
        # Only placed posts can be at a vendor's site: sorting those alone is a fraction of
        # sorting every post (ids are unique, so the order is the same).
        placed = sorted(
            (p, post) for p, post in tree.positions.items() if post.location is not None
        )
        for position_id, position in placed:
            where = position.location
            assert where is not None
            if locations[where].type is LocationType.VENDOR_SITE:
                yield Finding(
                    POSITION,
                    position_id,
                    _("position '{position}' is placed at '{location}', a vendor's site").format(
                        position=position_id, location=where
                    ),
                    _(
                        "own staff work at the organisation's own sites: set the position's "
                        "location to one of them, or leave the work to the vendor's allocation"
                    ),
                    ("location",),
                )
        for unit_id in sorted(tree.units):
            yield from _own_places(context, unit_id)


def _names(posts: list[str]) -> str:
    shown = ", ".join(f"'{p}'" for p in posts[:SHOWN])
    if len(posts) > SHOWN:
        return _("{names} and {n} more").format(names=shown, n=len(posts) - SHOWN)
    return shown


def _own_places(context: LintContext, unit_id: str) -> Iterator[Finding]:
    """The places the unit's in-house allocations name against where its posts work."""
    structure = context.structure
    tree = context.tree
    unit = tree.units[unit_id]
    if not unit.sourcing:  # (before sorting the members: most units have no sourcing)
        return
    members = sorted(structure.positions_by_unit.get(unit_id, ()))
    if not members:
        return
    declared = own_allocation_shares(structure, unit_id, {})
    if not declared:  # all outsourced: the posts manage the vendors
        return
    at_place: dict[str, list[str]] = {}
    for position_id in members:
        at_place.setdefault(post_location(structure, position_id), []).append(position_id)
    unplaced = [p for p in members if tree.positions[p].location is None]
    home = structure.unit_locations[unit_id]
    for index, allocation in enumerate(unit.sourcing):
        where = allocation.location or home
        if allocation.provider != IN_HOUSE or where in at_place:
            continue
        if unplaced:
            hint = _(
                "give the posts that work at '{location}' their 'location: {location}' (those "
                "without one count at '{home}', the unit's location), or correct the allocation"
            ).format(location=where, home=home)
        else:
            hint = _(
                "give the posts that work at '{location}' that location, or correct the allocation"
            ).format(location=where)
        yield Finding(
            UNIT,
            unit_id,
            _(
                "unit '{unit}' -> sourcing[{index}]: in-house work at '{location}', but none of "
                "the unit's posts works there"
            ).format(unit=unit_id, index=index, location=where),
            hint,
            ("sourcing", index, "location") if allocation.location else ("sourcing", index),
        )
    # Posts that do not say where they work are reported above when an allocation names a
    # place nobody is at (the usual cause); else with the posts at each unnamed place.
    unstaffed = any(place not in at_place for place in declared)
    for place, posts in sorted(at_place.items()):
        if place in declared:
            continue
        placed = [p for p in posts if tree.positions[p].location is not None]
        if not placed and unstaffed:
            continue
        first = (placed or posts)[0]
        yield Finding(
            POSITION,
            first,
            ngettext(
                "unit '{unit}': position {names} works at '{location}', which none "
                "of the unit's in-house allocations names",
                "unit '{unit}': positions {names} work at '{location}', which none "
                "of the unit's in-house allocations names",
                len(posts),
            ).format(unit=unit_id, names=_names(posts), location=place),
            (
                _(
                    "add an in_house allocation at '{location}' to unit '{unit}''s sourcing with "
                    "its share of the work (and lower the others), or correct the position's "
                    "location"
                )
                if placed
                else _(
                    "add an in_house allocation at '{location}' to unit '{unit}''s sourcing with "
                    "its share of the work (and lower the others), or correct the allocations' "
                    "locations"
                )
            ).format(location=place, unit=unit_id),
            ("location",) if placed else ("id",),
        )
