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

The catalog is read with boconf's own YAML loader, which refuses what boconf refuses
(aliases, tags, duplicate keys) and knows every value's line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from typing import Any

from boconf.interop.enrichment import ENRICHMENT_RULES, SETTINGS_COMMENT, rules_off
from boconf.interop.import_problems import ImportProblem, ImportUsageError
from boconf.interop.org_inference import top_position
from boconf.interop.plain_org import (
    ImportResult,
    PersonTable,
    PlainLocation,
    PlainOrg,
    PlainPerson,
    PlainPosition,
    PlainUnit,
    PositionTable,
)
from boconf.interop.slugs import IdAllocator, as_id, slugify
from boconf.interop.unit_functions import guess_function, office_of
from boconf.loading.discovery import discover
from boconf.loading.limits import Limits
from boconf.loading.parse import parse_file
from boconf.loading.positions import SourceMap
from boconf.rules.base import BACKSTAGE
from boconf.util.paths import display_path

DEFAULT_NAMESPACE = "default"
HEADQUARTERS = "headquarters"

BACKSTAGE_RULES = rules_off(BACKSTAGE)

Key = tuple[str, str]  # (namespace, name)


@dataclass
class _Entity:
    kind: str
    namespace: str
    name: str
    data: dict[str, Any]
    path: str
    display: str
    index: int
    line: int

    @property
    def key(self) -> Key:
        return (self.namespace, self.name)

    @property
    def spec(self) -> dict[str, Any]:
        spec = self.data.get("spec")
        return spec if isinstance(spec, dict) else {}


@dataclass
class _Catalog:
    groups: dict[Key, _Entity] = field(default_factory=dict)
    users: dict[Key, _Entity] = field(default_factory=dict)


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _refs(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def parse_ref(ref: str, default_kind: str, namespace: str) -> tuple[str, Key]:
    """``group:default/team-a``, ``default/team-a`` or ``team-a`` -> (kind, (namespace, name))."""
    kind, colon, rest = ref.partition(":")
    if not colon or "/" in kind:
        kind, rest = default_kind, ref
    space, slash, name = rest.partition("/")
    if not slash:
        space, name = namespace, rest
    return kind.strip().lower(), (space.strip(), name.strip())


class _Importer:
    def __init__(self, name: str, currency: str, country: str) -> None:
        self.name = name
        self.currency = currency
        self.country = country
        self.problems: list[ImportProblem] = []
        self.notes: list[str] = []
        self.sources = SourceMap()

    def line(self, entity: _Entity, *at: str | int) -> int:
        found = self.sources.locate(entity.path, entity.index, at)
        return found.line if found else entity.line

    def problem(self, entity: _Entity, message: str, *at: str | int) -> None:
        self.problems.append(ImportProblem(entity.display, self.line(entity, *at), message))

    def read(self, paths: list[Path]) -> _Catalog:
        catalog = _Catalog()
        files: list[Path] = []
        for path in paths:
            if not path.exists():
                raise ImportUsageError(f"{path}: no such file or directory")
            files.extend(discover(path))
        if not files:
            raise ImportUsageError(
                "no *.yaml or *.yml files in " + ", ".join(str(path) for path in paths)
            )
        for file in files:
            display = display_path(file)
            parsed = parse_file(str(file), display, Limits())
            for diagnostic in parsed.diagnostics:
                self.problems.append(
                    ImportProblem(display, diagnostic.line, f"{diagnostic.message}: skipped")
                )
            for document in parsed.documents:
                self._add(catalog, document.data, str(file), display, document.index, document.line)
        return catalog

    def _add(
        self,
        catalog: _Catalog,
        data: dict[str, Any],
        path: str,
        display: str,
        index: int,
        line: int,
    ) -> None:
        metadata = data.get("metadata")
        kind = data.get("kind")
        name = _text(metadata.get("name")) if isinstance(metadata, dict) else None
        if not isinstance(kind, str) or name is None:
            self.problems.append(
                ImportProblem(
                    display, line, "not a Backstage entity (no kind or metadata.name): skipped"
                )
            )
            return
        namespace = _text(metadata.get("namespace")) if isinstance(metadata, dict) else None
        entity = _Entity(
            kind, namespace or DEFAULT_NAMESPACE, name, data, path, display, index, line
        )
        table = {"Group": catalog.groups, "User": catalog.users}.get(kind)
        if table is None:
            self.notes.append(
                f"{display}:{line}: skipped {kind} '{name}' (only Group and User are imported)"
            )
            return
        if entity.key in table:
            first = table[entity.key]
            self.problem(
                entity,
                f"{kind} '{entity.namespace}/{name}' is defined twice (first at "
                f"{first.display}:{first.line}): this one skipped",
                "metadata",
                "name",
            )
            return
        table[entity.key] = entity

    def build(self, catalog: _Catalog) -> ImportResult:
        if not catalog.groups and not catalog.users:
            raise ImportUsageError("no Group or User entities in the catalog")
        groups, users = catalog.groups, catalog.users
        units = self._units(groups)
        person_ids = self._people_ids(users)

        def group_ref(entity: _Entity, ref: str, *at: str | int) -> Key | None:
            kind, key = parse_ref(ref, "group", entity.namespace)
            if kind != "group" or key not in groups:
                self.problem(entity, f"'{ref}' is not a Group of the catalog: ignored", *at)
                return None
            return key

        # The unit tree from spec.parent; the leads' lines from spec.children.
        parent: dict[Key, Key] = {}
        claimed_by: dict[Key, Key] = {}
        for key, group in sorted(groups.items()):
            raw = _text(group.spec.get("parent"))
            if raw is not None:
                target = group_ref(group, raw, "spec", "parent")
                if target is not None and target != key:
                    parent[key] = target
            for position, ref in enumerate(_refs(group.spec.get("children"))):
                child = group_ref(group, ref, "spec", "children", position)
                if child is None or child == key:
                    continue
                if child in claimed_by:
                    self.problem(
                        group,
                        f"'{ref}' is also a child of '{claimed_by[child][1]}': kept there",
                        "spec",
                        "children",
                        position,
                    )
                    continue
                claimed_by[child] = key
        for key, group in sorted(groups.items()):
            said = parent.get(key)
            claimer = claimed_by.get(key)
            if said is not None and claimer != said:
                other = groups[said]
                self.problem(
                    group,
                    f"group '{key[1]}' names '{said[1]}' as parent, but the children of "
                    f"'{said[1]}' ({other.display}:{self.line(other, 'spec', 'children')}) do not list it",
                    "spec",
                    "parent",
                )
            elif claimer is not None and said is None:
                self.problem(
                    group,
                    f"group '{key[1]}' has no parent, but '{claimer[1]}' lists it among its children",
                    "metadata",
                    "name",
                )
        for key, unit in units.items():
            if key in parent:
                unit.parent = units[parent[key]].id

        # Member posts: spec.members of groups and spec.memberOf of users, together.
        memberships: dict[Key, list[Key]] = {}  # user -> groups, in order of discovery
        for key, group in sorted(groups.items()):
            for position, ref in enumerate(_refs(group.spec.get("members"))):
                kind, user = parse_ref(ref, "user", group.namespace)
                if kind != "user" or user not in users:
                    self.problem(
                        group,
                        f"member '{ref}' is not a User of the catalog: ignored",
                        "spec",
                        "members",
                        position,
                    )
                    continue
                memberships.setdefault(user, [])
                if key not in memberships[user]:
                    memberships[user].append(key)
        for key, entity in sorted(users.items()):
            for position, ref in enumerate(_refs(entity.spec.get("memberOf"))):
                target = group_ref(entity, ref, "spec", "memberOf", position)
                if target is None:
                    continue
                memberships.setdefault(key, [])
                if target not in memberships[key]:
                    memberships[key].append(target)

        positions: list[PlainPosition] = []
        position_ids = IdAllocator()
        leads: dict[Key, str] = {}
        for key, unit in sorted(units.items(), key=lambda item: item[1].id):
            lead = position_ids.claim(f"{unit.id}-lead")
            leads[key] = lead
            unit.manager = lead
        members_of: dict[Key, list[tuple[Key, str]]] = {}
        for user, keys in sorted(memberships.items()):
            share = _share(len(keys))
            for key in sorted(keys):
                members_of.setdefault(key, []).append((user, share or ""))
        for key, unit in sorted(units.items(), key=lambda item: item[1].id):
            boss = claimed_by.get(key)
            positions.append(
                PlainPosition(
                    leads[key],
                    f"{unit.name} lead",
                    unit.id,
                    leads[boss] if boss is not None else None,
                )
            )
            members = members_of.get(key, [])
            if not members and not any(claimer == key for claimer in claimed_by.values()):
                self.notes.append(f"group '{key[1]}' has no members and no children")
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
        people = [
            PlainPerson(
                person_ids[key],
                _profile(users[key], "displayName") or users[key].name,
                _profile(users[key], "email"),
            )
            for key in sorted(users, key=lambda key: person_ids[key])
        ]
        headquarters = PlainLocation(
            HEADQUARTERS, "Headquarters", self.country, "Headquarters", "headquarters"
        )
        self.notes.append(
            f"Backstage holds no places: a 'Headquarters' location in {self.country} stands in"
        )
        ordered = sorted(units.values(), key=lambda unit: unit.id)
        if not positions:
            raise ImportUsageError("no Group in the catalog: nothing to build units from")
        table = PositionTable.of(positions)
        org = PlainOrg(
            slugify(self.name, "organisation"),
            self.name,
            self.currency,
            HEADQUARTERS,
            top_position(table),
            "Imported from a Backstage catalog by boconf import backstage.",
            [headquarters],
            ordered,
            table,
            PersonTable.of(people),
            [*ENRICHMENT_RULES, *BACKSTAGE_RULES],
            SETTINGS_COMMENT,
        )
        problems = sorted(self.problems, key=lambda p: (p.file, p.row, p.message))
        return ImportResult(org, problems, self.notes)

    def _units(self, groups: dict[Key, _Entity]) -> dict[Key, PlainUnit]:
        names = [key[1] for key in groups]
        ids = IdAllocator()
        units: dict[Key, PlainUnit] = {}
        for key in sorted(groups, key=lambda key: (key[0] != DEFAULT_NAMESPACE, key)):
            group = groups[key]
            wanted = as_id(key[1], "group")
            if names.count(key[1]) > 1 and key[0] != DEFAULT_NAMESPACE:
                wanted = f"{wanted}-{slugify(key[0])}"
            name = _profile(group, "displayName") or key[1]
            function = guess_function(name)
            kind = _text(group.spec.get("type"))
            units[key] = PlainUnit(
                ids.claim(wanted),
                name,
                office_of(function),
                function,
                description=_text(group.data["metadata"].get("description")),
                tags=[slugify(kind)] if kind else [],
            )
        return units

    def _people_ids(self, users: dict[Key, _Entity]) -> dict[Key, str]:
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
                    self.problem(
                        users[key],
                        f"user '{name}' is in several namespaces ({spaces}): imported as "
                        f"separate people ({', '.join(result[k] for k in keys)})",
                        "metadata",
                        "name",
                    )
        return result


def _profile(entity: _Entity, key: str) -> str | None:
    profile = entity.spec.get("profile")
    return _text(profile.get(key)) if isinstance(profile, dict) else None


def _share(groups: int) -> str | None:
    """One FTE split evenly over ``groups`` posts, rounded down to hundredths; None for one."""
    if groups <= 1:
        return None
    share = (Decimal(1) / groups).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return f"{max(share, Decimal('0.01')):f}"


def import_backstage(
    paths: list[Path],
    *,
    name: str = "Imported organisation",
    currency: str = "EUR",
    country: str = "US",
) -> ImportResult:
    """Read the catalog files (or directories) into an organisation; never writes."""
    importer = _Importer(name, currency, country)
    return importer.build(importer.read(paths))
