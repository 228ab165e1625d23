"""How diagnostics name what they are about: ``position 'credit-analyst' -> reports_to``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from boconf.diagnostics import NO_SUBJECT, Subject
from boconf.i18n import N_, _

PathPart = str | int

# How a message names an entity of each kind, and a document without an id. Whole phrases
# rather than a translated noun, so that a translation can put an article or an agreement in.
_NAMED = {
    "organisation": N_("organisation '{id}'"),
    "location": N_("location '{id}'"),
    "vendor": N_("vendor '{id}'"),
    "contract": N_("contract '{id}'"),
    "unit": N_("unit '{id}'"),
    "position": N_("position '{id}'"),
    "person": N_("person '{id}'"),
}
_UNNAMED = {
    "organisation": N_("organisation (document {number})"),
    "location": N_("location (document {number})"),
    "vendor": N_("vendor (document {number})"),
    "unit": N_("unit (document {number})"),
    "position": N_("position (document {number})"),
    "person": N_("person (document {number})"),
}


def entity_name(kind: str, identifier: str) -> str:
    """``unit 'credit'``: an entity as messages name it (``kind`` in lower case)."""
    template = _NAMED.get(kind)
    return _(template).format(id=identifier) if template else f"{kind} '{identifier}'"


# Lists of nested entities, and the entity kind of their items.
NESTED_KINDS = {"positions": "position", "contracts": "contract"}


def entity_label(kind: str, data: Any, document: int) -> str:
    identifier = data.get("id") if isinstance(data, dict) else None
    if isinstance(identifier, str):
        return entity_name(kind.lower(), identifier)
    template = _UNNAMED.get(kind.lower())
    if template is None:
        return f"{kind.lower()} (" + _("document {number}").format(number=document + 1) + ")"
    return _(template).format(number=document + 1)


def subject_at(kind: str, data: Any, path: Sequence[PathPart]) -> Subject:
    """The innermost entity on ``path`` with an id, as data (what ``describe`` names)."""
    identifier = data.get("id") if isinstance(data, dict) else None
    found = Subject(kind.lower(), identifier) if isinstance(identifier, str) else NO_SUBJECT
    node = data
    for index, part in enumerate(path[:-1]):
        nested = NESTED_KINDS.get(part) if isinstance(part, str) else None
        position = path[index + 1]
        if nested is None or not isinstance(node, dict) or not isinstance(position, int):
            continue
        items = node.get(part)
        item = items[position] if isinstance(items, list) and position < len(items) else None
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            found = Subject(nested, item["id"])
        node = item
    return found


def describe(
    kind: str, data: Any, document: int, path: Sequence[PathPart], label: str | None = None
) -> str:
    """Name the innermost entity on ``path`` and the field path below it.

    ``label`` names the outer entity instead of its kind and id (boconf's own settings).
    """
    label = label or entity_label(kind, data, document)
    rest: list[PathPart] = list(path)
    node = data
    index = 0
    while index < len(path):
        part = path[index]
        nested = NESTED_KINDS.get(part) if isinstance(part, str) else None
        if nested and index + 1 < len(path) and isinstance(path[index + 1], int):
            items = node.get(part) if isinstance(node, dict) else None
            position = path[index + 1]
            assert isinstance(position, int)
            item = items[position] if isinstance(items, list) and position < len(items) else None
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                label = entity_name(nested, item["id"])
            else:
                label = f"{label} -> {part}[{position}]"
            node = item
            rest = list(path[index + 2 :])
            index += 2
            continue
        node = node.get(part) if isinstance(node, dict) and isinstance(part, str) else None
        index += 1
    field = format_path(rest)
    return f"{label} -> {field}" if field else label


def format_path(path: Sequence[PathPart]) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text
