"""References to entities as pages show them: a label and where the entity is documented.

A reference names its target (kind and id), never a URL: each page turns it into a link
relative to itself (:mod:`boconf.website.links`), so the same content serves HTML and Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass

from boconf.i18n import _
from boconf.model.entities import IN_HOUSE
from boconf.model.tree import OrgTree

UNIT = "unit"
POSITION = "position"
VENDOR = "vendor"
CONTRACT = "contract"
LOCATION = "location"
ORGANISATION = "organisation"
PERSON = "person"
NOWHERE = ""  # a reference shown as plain text


@dataclass(frozen=True, order=True)
class Ref:
    label: str
    kind: str = NOWHERE
    id: str = ""
    # The page a position (or a person, through a post) is shown on: its unit's.
    unit: str | None = None


def unit_ref(tree: OrgTree, unit_id: str) -> Ref:
    return Ref(tree.units[unit_id].name, UNIT, unit_id)


def holder_name(tree: OrgTree, position_id: str) -> str | None:
    holder = tree.positions[position_id].holder
    return tree.people[holder].name if holder is not None else None


def position_ref(tree: OrgTree, position_id: str) -> Ref:
    """``Title (holder)``, or ``Title (vacant)``, linked to its row on its unit's page."""
    post = tree.positions[position_id]
    holder = holder_name(tree, position_id) or _("vacant")
    return Ref(f"{post.title} ({holder})", POSITION, position_id, post.unit)


def vendor_ref(tree: OrgTree, vendor_id: str) -> Ref:
    return Ref(tree.vendors[vendor_id].name, VENDOR, vendor_id)


def provider_ref(tree: OrgTree, provider: str) -> Ref:
    return Ref(_("Own staff")) if provider == IN_HOUSE else vendor_ref(tree, provider)


def contract_ref(contract_id: str) -> Ref:
    return Ref(contract_id, CONTRACT, contract_id)


def location_ref(tree: OrgTree, location_id: str) -> Ref:
    place = tree.locations[location_id]
    return Ref(f"{place.name} ({place.city}, {place.country})", LOCATION, location_id)
