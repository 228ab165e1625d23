"""``boconf rename``: change an entity's id and every reference to it, in every file.

References in the organisation and in its scenarios follow; the entity records
``previously: <old id>`` so that ``boconf diff`` shows a rename rather than a removal and an
addition. Comments and layout stay (ruamel.yaml round trip); only the values change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap

from boconf.diagnostics import Diagnostic
from boconf.editing.changes import ChangeSet, FileChange
from boconf.editing.comments import reorder
from boconf.editing.layout import DOCUMENT_KINDS, field_order
from boconf.editing.references import DEFINITION, Occurrence, occurrences
from boconf.editing.roundtrip import dump_documents, load_documents
from boconf.editing.tree_files import tree_files
from boconf.editing.verify import problems_after
from boconf.i18n import _
from boconf.load import load_organisation
from boconf.loading.limits import Limits
from boconf.model.entities import Contract, PositionSpec
from boconf.model.names import ID_PATTERN
from boconf.model.tree import CONTRACT, LOCATION, PERSON, POSITION, UNIT, VENDOR
from boconf.util.suggest import did_you_mean

# The kinds with a ``previously`` field (the organisation itself is never referred to).
RENAMABLE = (LOCATION, VENDOR, CONTRACT, UNIT, POSITION, PERSON)


NESTED_KINDS: dict[str, type[BaseModel]] = {POSITION: PositionSpec, CONTRACT: Contract}


class EditError(Exception):
    """An edit that cannot be made as asked: a usage error (exit 2)."""


class InvalidTreeError(Exception):
    """The organisation does not validate, before or after the edit (exit 1)."""

    def __init__(self, message: str, diagnostics: list[Diagnostic]) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


def check_new_id(new: str) -> None:
    if not re.match(ID_PATTERN, new) or len(new) > 128:
        raise EditError(
            _(
                "'{new}' is not a valid id: ids start with a letter or digit and hold only "
                "letters, digits and . _ : -"
            ).format(new=new)
        )


def plan_rename(
    root: Path,
    kind: str,
    old: str,
    new: str,
    *,
    texts: dict[Path, str] | None = None,
    limits: Limits | None = None,
    verify: bool = True,
) -> ChangeSet:
    """The edits that rename ``kind`` ``old`` to ``new`` under ``root``; nothing is written.

    ``texts`` stands in for files' contents (an editor's unsaved buffers). Raises EditError
    (unknown kind or id, a clash, an invalid id) or InvalidTreeError."""
    if kind not in RENAMABLE:
        raise EditError(
            _("cannot rename a {kind}: kinds are {kinds}").format(
                kind=kind, kinds=", ".join(RENAMABLE)
            )
        )
    check_new_id(new)
    if old == new:
        raise EditError(_("{kind} '{old}' already has that id").format(kind=_(kind), old=old))
    loaded = load_organisation(root, limits=limits, jobs=1)
    if not loaded.ok or loaded.tree is None:
        raise InvalidTreeError(_("the organisation does not validate: fix it first"), loaded.errors)
    existing = loaded.tree.entities()[kind]
    if old not in existing:
        raise EditError(unknown_id(kind, old, existing))
    if new in existing:
        raise EditError(
            _("{kind} '{new}' already exists: choose another id, or merge by hand").format(
                kind=_(kind), new=new
            )
        )
    changes = ChangeSet()
    for path, display in tree_files(root):
        before = (texts or {}).get(path.resolve())
        if before is None:
            before = path.read_text(encoding="utf-8")
        documents = load_documents(before)
        found = [o for o in occurrences(documents) if o.kind == kind and o.id == old]
        if not found:
            continue
        scenario = "scenarios" in path.relative_to(root).parts[:1]
        for occurrence in found:
            _replace(occurrence, new)
            line, column = occurrence.line + 1, occurrence.column + 1
            changes.summary.append(f"{display}:{line}:{column}: {occurrence.field}: {old} -> {new}")
            if occurrence.role == DEFINITION and not scenario:
                _record_previously(occurrence, old, kind)
        changes.changes.append(FileChange(path, display, before, dump_documents(documents)))
    if verify:
        problems = problems_after(root, changes, limits)
        if problems:
            raise InvalidTreeError(
                _("renaming {kind} '{old}' would leave the organisation invalid").format(
                    kind=_(kind), old=old
                ),
                problems,
            )
    return changes


def unknown_id(kind: str, identifier: str, existing: Iterable[str]) -> str:
    """The error for an id the organisation lacks, with the nearest one (or where to look).

    ``kind`` is an entity kind (``position``, ``unit``...), said in the active language."""
    hint = did_you_mean(identifier, existing) or _("`boconf validate` lists every {kind}").format(
        kind=_(kind)
    )
    return _("no {kind} '{id}': {hint}").format(kind=_(kind), id=identifier, hint=hint)


def _replace(occurrence: Occurrence, new: str) -> None:
    value = occurrence.container[occurrence.key]
    # Keep the value's quoting: a ScalarString subclass rebuilt around the new text.
    occurrence.container[occurrence.key] = type(value)(new) if type(value) is not str else new


def _record_previously(occurrence: Occurrence, old: str, kind: str) -> None:
    entity: CommentedMap = occurrence.owner
    entity["previously"] = old
    # A document's kind, else the nested kind (a unit's position, a vendor's contract).
    model = DOCUMENT_KINDS.get(str(entity.get("kind"))) or NESTED_KINDS[kind]
    known = field_order(model)
    rank = {key: index for index, key in enumerate(known)}
    keys = [key for key in entity if key != "previously"]
    place = len(keys)
    for index, key in enumerate(keys):
        if rank.get(str(key), -1) > rank["previously"]:
            place = index
            break
    reorder(entity, [*keys[:place], "previously", *keys[place:]])
