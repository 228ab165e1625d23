"""``boconf import backstage``: a Backstage catalog (Group and User entities) -> a :class:`PlainOrg`.

* A **Group** becomes a unit: its name is ``spec.profile.displayName`` (else
  ``metadata.name``), its ``spec.type`` a tag, its function and office guessed from the name
  (:mod:`boconf.interop.unit_functions`), ``metadata.description`` its description.
* Backstage names no group leads, but a unit needs someone its members report to: each unit
  gets a vacant ``<unit>-lead`` post, its manager. The import's settings turn off
  ``vacant-manager`` and ``single-report-manager``, which would only report those stand-ins.
* A **User** becomes a person; each group it belongs to (``spec.members`` of the group or
  ``spec.memberOf`` of the user: either is enough) a member post ``<unit>.<user>``, reporting
  to the lead, holding an equal share of one FTE (two groups: 0.5 each).
* **Parent and children**: ``spec.parent`` gives the unit tree (``parent``), ``spec.children``
  the reporting line of each child's lead to its parent's lead. When the catalog agrees with
  itself the two trees coincide. When it does not (a group names a parent whose
  ``children`` omit it, or lists a child that names another parent), the trees part and
  ``boconf check`` reports it: a lead no ``children`` list claims becomes a second top of
  the organisation (multiple-roots), a lead claimed by a group that is not its unit's parent
  reports outside its unit's line (manager-outside-unit-line). The import reports the same
  disagreement at its file and line.
* Refs resolve short (``team-a``), namespaced (``default/team-a``) or full
  (``group:default/team-a``); a short ref is in the referring entity's namespace. Users of the
  same name in several namespaces are reported and kept apart (``guest``,
  ``guest-development``).
* Other kinds are skipped with a note. Backstage has no places: the headquarters is a
  placeholder location in ``country``.

The catalog is read by :mod:`boconf.interop.backstage_catalog`, with boconf's own YAML
loader, which refuses what boconf refuses (aliases, tags, duplicate keys) and knows every
value's line.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from boconf.i18n import _
from boconf.interop.backstage_catalog import (
    DEFAULT_NAMESPACE,
    Catalog,
    Entity,
    Key,
    parse_ref,
    read_catalog,
    refs,
    text,
)
from boconf.interop.enrichment import ENRICHMENT_RULES, SETTINGS_COMMENT, rules_off
from boconf.interop.import_problems import ImportUsageError
from boconf.interop.org_inference import top_position
from boconf.interop.plain_org import (
    ImportResult,
    PersonTable,
    PlainOrg,
    PlainPerson,
    PlainPosition,
    PlainUnit,
    PositionTable,
    headquarters_placeholder,
)
from boconf.interop.slugs import IdAllocator, as_id, slugify
from boconf.interop.unit_naming import guessed_unit
from boconf.rules.base import BACKSTAGE

BACKSTAGE_RULES = rules_off(BACKSTAGE)


def import_backstage(
    paths: list[Path],
    *,
    name: str = "Imported organisation",
    currency: str = "EUR",
    country: str = "US",
) -> ImportResult:
    """Read the catalog files (or directories) into an organisation; never writes."""
    return _build(read_catalog(paths), name, currency, country)


def _build(catalog: Catalog, name: str, currency: str, country: str) -> ImportResult:
    """The phases: units and people ids, the unit tree, memberships, positions, the org."""
    if not catalog.groups and not catalog.users:
        raise ImportUsageError(_("no Group or User entities in the catalog"))
    units = _units(catalog.groups)
    person_ids = _people_ids(catalog)
    claimed_by = _unit_tree(catalog, units)
    positions = _positions(catalog, units, person_ids, _memberships(catalog), claimed_by)
    users = catalog.users
    people = [
        PlainPerson(
            person_ids[key],
            users[key].profile("displayName") or users[key].name,
            users[key].profile("email"),
        )
        for key in sorted(users, key=lambda key: person_ids[key])
    ]
    headquarters = headquarters_placeholder(country)
    catalog.log.notes.append(
        _("Backstage holds no places: a 'Headquarters' location in {country} stands in").format(
            country=country
        )
    )
    if not positions:
        raise ImportUsageError(_("no Group in the catalog: nothing to build units from"))
    table = PositionTable.of(positions)
    org = PlainOrg.named(
        name,
        currency,
        "Imported from a Backstage catalog by boconf import backstage.",
        headquarters=headquarters.id,
        head=top_position(table),
        locations=[headquarters],
        units=sorted(units.values(), key=lambda unit: unit.id),
        positions=table,
        people=PersonTable.of(people),
        ignored_rules=[*ENRICHMENT_RULES, *BACKSTAGE_RULES],
        settings_comment=SETTINGS_COMMENT,
    )
    return ImportResult(org, catalog.log.in_order(), catalog.log.notes)


def _group_ref(catalog: Catalog, entity: Entity, ref: str, *at: str | int) -> Key | None:
    """The group ``ref`` names; None (said, at ``at``) when it is not a Group of the catalog."""
    kind, key = parse_ref(ref, "group", entity.namespace)
    if kind != "group" or key not in catalog.groups:
        ignored = _("'{ref}' is not a Group of the catalog: ignored").format(ref=ref)
        catalog.problem(entity, ignored, *at)
        return None
    return key


def _unit_tree(catalog: Catalog, units: dict[Key, PlainUnit]) -> dict[Key, Key]:
    """The unit tree from spec.parent; the leads' lines from spec.children: each child
    group -> the group that claims it."""
    parent: dict[Key, Key] = {}
    claimed_by: dict[Key, Key] = {}
    for key, group in sorted(catalog.groups.items()):
        raw = text(group.spec.get("parent"))
        if raw is not None:
            target = _group_ref(catalog, group, raw, "spec", "parent")
            if target is not None and target != key:
                parent[key] = target
        for position, ref in enumerate(refs(group.spec.get("children"))):
            child = _group_ref(catalog, group, ref, "spec", "children", position)
            if child is None or child == key:
                continue
            if child in claimed_by:
                catalog.problem(
                    group,
                    _("'{ref}' is also a child of '{group}': kept there").format(
                        ref=ref, group=claimed_by[child][1]
                    ),
                    "spec",
                    "children",
                    position,
                )
                continue
            claimed_by[child] = key
    _disagreements(catalog, parent, claimed_by)
    for key, unit in units.items():
        if key in parent:
            unit.parent = units[parent[key]].id
    return claimed_by


def _disagreements(catalog: Catalog, parent: dict[Key, Key], claimed_by: dict[Key, Key]) -> None:
    """Where spec.parent and spec.children tell different trees, said at both ends."""
    groups = catalog.groups
    for key, group in sorted(groups.items()):
        said = parent.get(key)
        claimer = claimed_by.get(key)
        if said is not None and claimer != said:
            other = groups[said]
            where = f"{other.display}:{catalog.line(other, 'spec', 'children')}"
            catalog.problem(
                group,
                _(
                    "group '{group}' names '{parent}' as parent, but the children of "
                    "'{parent}' ({where}) do not list it"
                ).format(group=key[1], parent=said[1], where=where),
                "spec",
                "parent",
            )
        elif claimer is not None and said is None:
            catalog.problem(
                group,
                _(
                    "group '{group}' has no parent, but '{claimer}' lists it among its children"
                ).format(group=key[1], claimer=claimer[1]),
                "metadata",
                "name",
            )


def _memberships(catalog: Catalog) -> dict[Key, list[Key]]:
    """Each user's groups, in order of discovery: spec.members of groups and spec.memberOf
    of users, together."""
    users = catalog.users
    memberships: dict[Key, list[Key]] = {}
    for key, group in sorted(catalog.groups.items()):
        for position, ref in enumerate(refs(group.spec.get("members"))):
            kind, user = parse_ref(ref, "user", group.namespace)
            if kind != "user" or user not in users:
                catalog.problem(
                    group,
                    _("member '{ref}' is not a User of the catalog: ignored").format(ref=ref),
                    "spec",
                    "members",
                    position,
                )
                continue
            memberships.setdefault(user, [])
            if key not in memberships[user]:
                memberships[user].append(key)
    for key, entity in sorted(users.items()):
        for position, ref in enumerate(refs(entity.spec.get("memberOf"))):
            target = _group_ref(catalog, entity, ref, "spec", "memberOf", position)
            if target is None:
                continue
            memberships.setdefault(key, [])
            if target not in memberships[key]:
                memberships[key].append(target)
    return memberships


def _positions(
    catalog: Catalog,
    units: dict[Key, PlainUnit],
    person_ids: dict[Key, str],
    memberships: dict[Key, list[Key]],
    claimed_by: dict[Key, Key],
) -> list[PlainPosition]:
    """Each unit's vacant lead (reporting to the lead of the group that claims it), then
    a member post per member, holding its share of one FTE."""
    positions: list[PlainPosition] = []
    position_ids = IdAllocator()
    leads: dict[Key, str] = {}
    in_order = sorted(units.items(), key=lambda item: item[1].id)
    for key, unit in in_order:
        lead = position_ids.claim(f"{unit.id}-lead")
        leads[key] = lead
        unit.manager = lead
    members_of: dict[Key, list[tuple[Key, str]]] = {}
    for user, keys in sorted(memberships.items()):
        share = _share(len(keys))
        for key in sorted(keys):
            members_of.setdefault(key, []).append((user, share or ""))
    for key, unit in in_order:
        boss = claimed_by.get(key)
        lead_post = PlainPosition(
            leads[key], f"{unit.name} lead", unit.id, leads[boss] if boss is not None else None
        )
        positions.append(lead_post)
        members = members_of.get(key, [])
        if not members and not any(claimer == key for claimer in claimed_by.values()):
            catalog.log.notes.append(
                _("group '{group}' has no members and no children").format(group=key[1])
            )
        for user, share in members:
            person = person_ids[user]
            positions.append(
                PlainPosition(
                    position_ids.claim(f"{unit.id}.{person}"),
                    "Member",
                    unit.id,
                    leads[key],
                    person,
                    fte=share or None,
                )
            )
    return positions


def _units(groups: dict[Key, Entity]) -> dict[Key, PlainUnit]:
    names = [key[1] for key in groups]
    ids = IdAllocator()
    units: dict[Key, PlainUnit] = {}
    for key in sorted(groups, key=lambda key: (key[0] != DEFAULT_NAMESPACE, key)):
        group = groups[key]
        wanted = as_id(key[1], "group")
        if names.count(key[1]) > 1 and key[0] != DEFAULT_NAMESPACE:
            wanted = f"{wanted}-{slugify(key[0])}"
        kind = text(group.spec.get("type"))
        units[key] = guessed_unit(
            ids.claim(wanted),
            group.profile("displayName") or key[1],
            description=text(group.data["metadata"].get("description")),
            tags=[slugify(kind)] if kind else [],
        )
    return units


def _people_ids(catalog: Catalog) -> dict[Key, str]:
    users = catalog.users
    by_name: dict[str, list[Key]] = {}
    for key in sorted(users, key=lambda key: (key[0] != DEFAULT_NAMESPACE, key)):
        by_name.setdefault(key[1], []).append(key)
    ids = IdAllocator()
    result: dict[Key, str] = {}
    for name, keys in sorted(by_name.items()):
        for key in keys:
            wanted = as_id(name, "user")
            if len(keys) > 1 and key[0] != DEFAULT_NAMESPACE:
                wanted = f"{wanted}-{slugify(key[0])}"
            result[key] = ids.claim(wanted)
        if len(keys) > 1:
            spaces = ", ".join(key[0] for key in keys)
            for key in keys[1:]:
                catalog.problem(
                    users[key],
                    _(
                        "user '{name}' is in several namespaces ({spaces}): imported as "
                        "separate people ({people})"
                    ).format(name=name, spaces=spaces, people=", ".join(result[k] for k in keys)),
                    "metadata",
                    "name",
                )
    return result


def _share(groups: int) -> str | None:
    """One FTE split evenly over ``groups`` posts, rounded down to hundredths; None for one."""
    if groups <= 1:
        return None
    share = (Decimal(1) / groups).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return f"{max(share, Decimal('0.01')):f}"
