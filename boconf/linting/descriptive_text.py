"""Edits that cannot change what a check reports: descriptive text.

A post's title, a unit's name, a description, a person's e-mail are validated (text of a
bounded length) and then only shown: no reference, count or rule decides anything by them.
A finding's message may quote one, though (key-person-risk names the post it rests on by its
title). So a stored check result still holds after an edit that changed only such text, when

* the edited documents are the same documents, with the same keys and the same values
  everywhere but in descriptive fields (:data:`DESCRIPTIVE`), compared strictly (``1`` is not
  ``true``, ``1`` is not ``1.0``);
* each edited document still validates against its kind's model (the one check that reads the
  text: it must be text, and not too long);
* no stored message or hint, and no message of the baseline (which matches findings by their
  message), contains a text that was replaced (so nothing quoted it).

Lines that moved are :mod:`boconf.linting.result_cache`'s business: a file that a position was
read from must not have changed at all.

``tests/test_descriptive_text.py`` holds the whole check to this: in the example, in every
rule's case files and in generated trees, rewriting every descriptive value that no message
quotes leaves every finding, byte for byte, as it was, with every rule on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from boconf.loading.parse import Document, ParsedFile
from boconf.model.documents import DOCUMENT_MODELS

# Model name -> its descriptive fields: shown, never read by references, counts or rules.
DESCRIPTIVE: dict[str, frozenset[str]] = {
    "Organisation": frozenset({"name", "description"}),
    "Location": frozenset({"name", "description"}),
    "Vendor": frozenset({"name", "description"}),
    "Contract": frozenset({"description"}),
    "Unit": frozenset({"name", "description"}),
    "Position": frozenset({"title", "description", "grade"}),
    "PositionSpec": frozenset({"title", "description", "grade"}),
    "Person": frozenset({"name", "email"}),
}
# Lists of nested entities that may hold descriptive text: (model, key) -> the items' model.
NESTED: dict[tuple[str, str], str] = {
    ("Unit", "positions"): "PositionSpec",
    ("Vendor", "contracts"): "Contract",
}


def replaced_text(old: ParsedFile, new: ParsedFile) -> list[str] | None:
    """The descriptive texts ``new`` replaced in ``old`` (possibly none), when the two parses
    differ in nothing else and every edited document validates; else None."""
    if (
        old.diagnostics
        or new.diagnostics
        or old.lost
        or new.lost
        or old.lost_ids != new.lost_ids
        or old.suppressions != new.suppressions
        or len(old.documents) != len(new.documents)
    ):
        return None
    replaced: list[str] = []
    for before, after in zip(old.documents, new.documents, strict=True):
        if before.index != after.index:
            return None
        changes = _document_changes(before, after)
        if changes is None:
            return None
        # Edited, possibly only by a descriptive field added (which replaced no text).
        if (changes or _strict(before.data) != _strict(after.data)) and not _validates(after):
            return None
        replaced.extend(changes)
    return replaced


def quoted(replaced: Iterable[str], texts: Iterable[str]) -> bool:
    """Whether any of ``texts`` (stored messages and hints) contains a replaced text."""
    wanted = [text for text in replaced if text]
    return any(text in said for said in texts for text in wanted)


def _document_changes(before: Document, after: Document) -> list[str] | None:
    kind = before.data.get("kind")
    if not isinstance(kind, str) or kind not in DOCUMENT_MODELS or after.data.get("kind") != kind:
        return None if _strict(before.data) != _strict(after.data) else []
    return _mapping_changes(kind, before.data, after.data)


def _mapping_changes(model: str, before: Any, after: Any) -> list[str] | None:
    """The replaced descriptive values of one entity's mapping, or None when anything else
    differs (a key added or dropped outside the descriptive fields, a value changed)."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return None
    descriptive = DESCRIPTIVE.get(model, frozenset())
    replaced: list[str] = []
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if key in before and key in after and _strict(old) == _strict(new):
            continue
        if key in descriptive:
            if key in before:
                if not isinstance(old, str):
                    return None  # not text before: the stored run reported it
                replaced.append(old)
            continue
        nested = NESTED.get((model, key))
        if nested is None or not isinstance(old, list) or not isinstance(new, list):
            return None
        if len(old) != len(new):
            return None
        for item_before, item_after in zip(old, new, strict=True):
            changes = _mapping_changes(nested, item_before, item_after)
            if changes is None:
                return None
            replaced.extend(changes)
    return replaced


def _strict(value: Any) -> str:
    """A value's text with its types: equal only for values every reader takes alike."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=repr)


def _validates(document: Document) -> bool:
    model = DOCUMENT_MODELS[document.data["kind"]]
    try:
        model.__pydantic_validator__.validate_python(document.data)
    except ValidationError:
        return False
    return True
