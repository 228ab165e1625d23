"""Two organisations compared entity by entity.

Every entity (unit, position, person, location, vendor, contract) is classified as added,
removed, moved (a position's reporting line or unit, a unit's parent), changed (other fields,
old -> new), moved+changed, or renamed: an entity that declares ``previously: <old id>``
(its other changes listed with it), or an id removed and another added with the very same
content. References to a renamed entity are compared under its new id, so the positions that
report to a renamed manager do not show as moved. Sourcing allocations and support relations
are compared as part of their unit. Nothing is hidden: every removal is listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from boconf.model.tree import OrgTree

ADDED, REMOVED, MOVED, CHANGED, MOVED_CHANGED, RENAMED = (
    "added",
    "removed",
    "moved",
    "changed",
    "moved+changed",
    "renamed",
)
KIND_ORDER = ("organisation", "unit", "position", "person", "location", "vendor", "contract")
# Fields whose change is a move (the entity's place in the hierarchy), per kind.
MOVE_FIELDS = {"position": ("reports_to", "unit"), "unit": ("parent",)}
IGNORED = {"lint", "api_version", "kind", "positions", "contracts", "previously"}
# Reference fields per kind (field -> kind referred to), to follow renames; "sourcing" holds
# allocations with references of their own.
REFERENCES: dict[str, dict[str, str]] = {
    "organisation": {"headquarters": "location", "back_office_head": "position"},
    "position": {
        "unit": "unit",
        "reports_to": "position",
        "dotted_to": "position",
        "holder": "person",
        "location": "location",
    },
    "unit": {
        "parent": "unit",
        "manager": "position",
        "location": "location",
        "supports": "unit",
    },
    "contract": {"owner": "position"},
}
ALLOCATION_REFERENCES = {"provider": "vendor", "location": "location", "contract": "contract"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class EntityChange:
    kind: str
    id: str
    change: str  # ADDED | REMOVED | MOVED | CHANGED | MOVED_CHANGED | RENAMED
    fields: tuple[FieldChange, ...] = ()
    previous_id: str = ""  # for renames


@dataclass
class Comparison:
    changes: list[EntityChange] = field(default_factory=list)

    def of(self, change: str) -> list[EntityChange]:
        return [c for c in self.changes if c.change == change]


def _fields(entity: BaseModel) -> dict[str, Any]:
    data = entity.model_dump(mode="json", exclude=IGNORED)
    data.pop("id", None)
    return data


Renames = dict[str, dict[str, str]]  # kind -> old id -> new id


def _renamed(kind: str, data: dict[str, Any], renames: Renames) -> dict[str, Any]:
    """A base entity's fields with its references to renamed entities under the new ids."""
    if not any(renames.values()):
        return data
    result = dict(data)

    def follow(value: Any, target: str) -> Any:
        mapping = renames.get(target, {})
        if isinstance(value, list):
            return [mapping.get(item, item) if isinstance(item, str) else item for item in value]
        return mapping.get(value, value) if isinstance(value, str) else value

    for name, target in REFERENCES.get(kind, {}).items():
        if name in result:
            result[name] = follow(result[name], target)
    if kind == "unit" and isinstance(result.get("sourcing"), list):
        result["sourcing"] = [
            {
                key: follow(value, ALLOCATION_REFERENCES[key])
                if key in ALLOCATION_REFERENCES
                else value
                for key, value in allocation.items()
            }
            for allocation in result["sourcing"]
        ]
    return result


def _field_changes(a: dict[str, Any], b: dict[str, Any]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(name, a.get(name), b.get(name))
        for name in sorted(set(a) | set(b))
        if a.get(name) != b.get(name)
    )


def _declared_renames(before: dict[str, Any], after: dict[str, Any]) -> dict[str, str]:
    """old id -> new id, for entities of the head that declare ``previously``."""
    found: dict[str, str] = {}
    for identifier, entity in after.items():
        old = getattr(entity, "previously", None)
        if old and old in before and old not in after and old not in found:
            found[old] = identifier
    return found


def compare(base: OrgTree, head: OrgTree) -> Comparison:
    result = Comparison()
    before, after = base.entities(), head.entities()
    # Declared renames first: every kind's, so references can follow them everywhere.
    renames: Renames = {kind: _declared_renames(before[kind], after[kind]) for kind in KIND_ORDER}
    for kind in KIND_ORDER:
        old, new = before[kind], after[kind]
        declared = renames[kind]
        removed = sorted(set(old) - set(new) - set(declared))
        added = sorted(set(new) - set(old) - set(declared.values()))
        # An undeclared rename: an id gone and another come with exactly the same content.
        by_content: dict[str, list[str]] = {}
        for identifier in removed:
            content = _renamed(kind, _fields(old[identifier]), renames)
            by_content.setdefault(repr(sorted(content.items())), []).append(identifier)
        found: dict[str, str] = {}
        for identifier in added:
            candidates = by_content.get(repr(sorted(_fields(new[identifier]).items())))
            if candidates:
                found[identifier] = candidates.pop(0)
        gone = set(found.values())
        for identifier in removed:
            if identifier not in gone:
                result.changes.append(EntityChange(kind, identifier, REMOVED))
        for identifier in added:
            if identifier in found:
                result.changes.append(
                    EntityChange(kind, identifier, RENAMED, previous_id=found[identifier])
                )
            else:
                result.changes.append(EntityChange(kind, identifier, ADDED))
        for previous, identifier in sorted(declared.items()):
            differences = _field_changes(
                _renamed(kind, _fields(old[previous]), renames), _fields(new[identifier])
            )
            result.changes.append(
                EntityChange(kind, identifier, RENAMED, differences, previous_id=previous)
            )
        for identifier in sorted(set(old) & set(new)):
            if old[identifier] == new[identifier] and not any(renames.values()):
                continue  # the common case, decided without dumping either model
            a = _renamed(kind, _fields(old[identifier]), renames)
            b = _fields(new[identifier])
            if a == b:
                continue
            differences = _field_changes(a, b)
            moved = any(d.field in MOVE_FIELDS.get(kind, ()) for d in differences)
            other = any(d.field not in MOVE_FIELDS.get(kind, ()) for d in differences)
            change = MOVED_CHANGED if moved and other else (MOVED if moved else CHANGED)
            result.changes.append(EntityChange(kind, identifier, change, differences))
    order = {kind: index for index, kind in enumerate(KIND_ORDER)}
    result.changes.sort(key=lambda c: (order[c.kind], c.id))
    return result
