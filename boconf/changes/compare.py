"""Two organisations compared entity by entity.

Every entity (unit, position, person, location, vendor, contract) is classified as added,
removed, moved (a position's reporting line or unit, a unit's parent), changed (other fields,
old -> new), moved+changed, or renamed (an id removed and another added with the very same
content). Sourcing allocations and support relations are compared as part of their unit.
Nothing is hidden: every removal is listed.
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
KIND_ORDER = ("unit", "position", "person", "location", "vendor", "contract")
# Fields whose change is a move (the entity's place in the hierarchy), per kind.
MOVE_FIELDS = {"position": ("reports_to", "unit"), "unit": ("parent",)}
IGNORED = {"lint", "api_version", "kind", "positions", "contracts"}


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


def compare(base: OrgTree, head: OrgTree) -> Comparison:
    result = Comparison()
    before, after = base.entities(), head.entities()
    for kind in KIND_ORDER:
        old, new = before[kind], after[kind]
        removed = sorted(set(old) - set(new))
        added = sorted(set(new) - set(old))
        # A rename: an id gone and another come with exactly the same content.
        by_content: dict[str, list[str]] = {}
        for identifier in removed:
            by_content.setdefault(repr(sorted(_fields(old[identifier]).items())), []).append(
                identifier
            )
        renamed: dict[str, str] = {}
        for identifier in added:
            candidates = by_content.get(repr(sorted(_fields(new[identifier]).items())))
            if candidates:
                renamed[identifier] = candidates.pop(0)
        gone = set(renamed.values())
        for identifier in removed:
            if identifier not in gone:
                result.changes.append(EntityChange(kind, identifier, REMOVED))
        for identifier in added:
            if identifier in renamed:
                result.changes.append(
                    EntityChange(kind, identifier, RENAMED, previous_id=renamed[identifier])
                )
            else:
                result.changes.append(EntityChange(kind, identifier, ADDED))
        for identifier in sorted(set(old) & set(new)):
            if old[identifier] == new[identifier]:
                continue  # the common case, decided without dumping either model
            a, b = _fields(old[identifier]), _fields(new[identifier])
            if a == b:
                continue
            differences = tuple(
                FieldChange(name, a.get(name), b.get(name))
                for name in sorted(set(a) | set(b))
                if a.get(name) != b.get(name)
            )
            moved = any(d.field in MOVE_FIELDS.get(kind, ()) for d in differences)
            other = any(d.field not in MOVE_FIELDS.get(kind, ()) for d in differences)
            change = MOVED_CHANGED if moved and other else (MOVED if moved else CHANGED)
            result.changes.append(EntityChange(kind, identifier, change, differences))
    order = {kind: index for index, kind in enumerate(KIND_ORDER)}
    result.changes.sort(key=lambda c: (order[c.kind], c.id))
    return result
