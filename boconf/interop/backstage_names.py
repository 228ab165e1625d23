"""boconf ids -> Backstage entity names, deterministically, with collisions made visible.

Backstage names follow Kubernetes object names: 1 to 63 characters, ``[A-Za-z0-9]`` groups
joined by ``-``, ``_`` or ``.``, starting and ending with a letter or digit. A boconf id may
also hold ``:`` and be up to 128 characters long. Backstage compares names without regard to
case, so two ids that map to the same name up to case are a collision too.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from boconf.i18n import _

MAX_NAME = 63
HASH_CHARS = 8
ENTITY_NAME_RE = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
# Backstage's tag rule (a DNS label) and its label values (an entity name, or empty).
TAG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_NOT_NAME_CHAR = re.compile(r"[^A-Za-z0-9_.-]")
_EDGE_SEPARATORS = "-_."


def _digest(identifier: str) -> str:
    return hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:HASH_CHARS]


def _with_suffix(stem: str, suffix: str) -> str:
    """``stem-suffix`` cut so that the whole fits in MAX_NAME and still ends well."""
    room = MAX_NAME - len(suffix) - 1
    return f"{stem[:room].rstrip(_EDGE_SEPARATORS)}-{suffix}"


def entity_name(identifier: str) -> str:
    """The Backstage name for a boconf id: the id itself when it is already valid.

    ``:`` (the only id character Backstage refuses) becomes ``-``; an id too long keeps its
    first characters and gets a short hash of the whole id, so that long ids sharing a prefix
    stay apart.
    """
    name = _NOT_NAME_CHAR.sub("-", identifier).strip(_EDGE_SEPARATORS) or "x"
    if len(name) > MAX_NAME:
        name = _with_suffix(name, _digest(identifier))
    return name


def label_value(value: str) -> str:
    """A value usable as a Backstage label value (the entity-name rule)."""
    return entity_name(value)


def tag(value: str) -> str | None:
    """A boconf tag as a Backstage tag (a lowercase DNS label), or None if nothing is left."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:MAX_NAME].rstrip("-")
    return cleaned or None


@dataclass(frozen=True)
class Collision:
    """Several ids of one kind that map to the same Backstage name."""

    kind: str
    name: str
    kept: str  # the id that keeps the name (the first in sorted order, or a reserved holder)
    renamed: tuple[tuple[str, str], ...]  # (id, the name it got instead)

    @property
    def message(self) -> str:
        wanted = ", ".join(repr(identifier) for identifier, _name in self.renamed)
        moved = ", ".join(f"'{identifier}' -> '{name}'" for identifier, name in self.renamed)
        return _(
            "{kind} name '{name}' is wanted by '{kept}' and by {wanted}: "
            "'{kept}' keeps it, the others are renamed ({moved})"
        ).format(kind=self.kind, name=self.name, kept=self.kept, wanted=wanted, moved=moved)


def assign_names(
    kind: str, identifiers: Iterable[str], reserved: Mapping[str, str] | None = None
) -> tuple[dict[str, str], list[Collision]]:
    """A unique Backstage name for each id (in sorted order), and the collisions resolved.

    ``reserved`` names (name -> what holds it) are taken before any id is considered, e.g. the
    organisation's group among the units' groups. The id that sorts first keeps a contested name; each other one
    gets the name plus a hash of its own id, so the outcome never depends on input order.
    """
    reserved = reserved or {}
    holders = {name.lower(): holder for name, holder in reserved.items()}
    taken = set(holders)
    names: dict[str, str] = {}
    contested: dict[str, list[str]] = {}
    for identifier in sorted(set(identifiers)):
        name = entity_name(identifier)
        if name.lower() not in taken:
            taken.add(name.lower())
            names[identifier] = name
            continue
        contested.setdefault(name, []).append(identifier)
    collisions = []
    for name, losers in sorted(contested.items()):
        renamed = []
        for identifier in losers:
            candidate = _with_suffix(name, _digest(identifier))
            counter = 2
            while candidate.lower() in taken:  # a hash clash: vanishingly rare, still handled
                candidate = _with_suffix(name, f"{_digest(identifier)}-{counter}")
                counter += 1
            taken.add(candidate.lower())
            names[identifier] = candidate
            renamed.append((identifier, candidate))
        kept = holders.get(name.lower()) or next(
            i for i, n in names.items() if n.lower() == name.lower() and i not in losers
        )
        collisions.append(Collision(kind, name, kept, tuple(renamed)))
    return names, collisions
