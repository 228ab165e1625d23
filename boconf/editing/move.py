"""``boconf move``: a position to another unit, a unit under another parent.

A position written inside its unit's file (the example's layout) moves to the new unit's
file, appended to its ``positions``; a position in a document of its own keeps its file and
has its ``unit`` changed. A unit's move changes its ``parent``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from boconf.editing.changes import ChangeSet, FileChange
from boconf.editing.rename import EditError, InvalidTreeError, unknown_id
from boconf.editing.roundtrip import dump_documents, load_documents
from boconf.editing.verify import problems_after
from boconf.i18n import _
from boconf.load import load_organisation
from boconf.loading.limits import Limits
from boconf.model.tree import POSITION, UNIT, OrgTree
from boconf.util.paths import display_path


def _tree(root: Path, limits: Limits | None) -> OrgTree:
    loaded = load_organisation(root, limits=limits, jobs=1)
    if not loaded.ok or loaded.tree is None:
        raise InvalidTreeError(_("the organisation does not validate: fix it first"), loaded.errors)
    return loaded.tree


def _known(tree: OrgTree, kind: str, identifier: str) -> None:
    existing = tree.entities()[kind]
    if identifier not in existing:
        raise EditError(unknown_id(kind, identifier, existing))


class _Files:
    """The documents of the files being edited, loaded once each."""

    def __init__(self) -> None:
        self.documents: dict[Path, tuple[str, list[Any]]] = {}

    def get(self, path: Path) -> list[Any]:
        if path not in self.documents:
            text = path.read_text(encoding="utf-8")
            self.documents[path] = (text, load_documents(text))
        return self.documents[path][1]

    def changes(self) -> ChangeSet:
        result = ChangeSet()
        for path, (before, documents) in self.documents.items():
            after = dump_documents(documents)
            if after != before:
                result.changes.append(FileChange(path, display_path(path), before, after))
        return result


def plan_move_position(
    root: Path,
    position: str,
    unit: str,
    reports_to: str | None = None,
    *,
    limits: Limits | None = None,
) -> ChangeSet:
    tree = _tree(root, limits)
    _known(tree, POSITION, position)
    _known(tree, UNIT, unit)
    if reports_to is not None:
        _known(tree, POSITION, reports_to)
        if reports_to == position:
            raise EditError(
                _("position '{position}' cannot report to itself").format(position=position)
            )
    if tree.positions[position].unit == unit and reports_to is None:
        raise EditError(
            _("position '{position}' is already in unit '{unit}'").format(
                position=position, unit=unit
            )
        )
    files = _Files()
    source = tree.sources[(POSITION, position)]
    documents = files.get(Path(source.path))
    entry: CommentedMap
    if source.at:  # nested in its unit's file: take it out of the list
        index = source.at[-1]
        assert isinstance(index, int)
        items: CommentedSeq = documents[source.document]["positions"]
        entry = items.pop(index)
        target = tree.sources[(UNIT, unit)]
        unit_document = files.get(Path(target.path))[target.document]
        if "positions" not in unit_document or not isinstance(
            unit_document["positions"], CommentedSeq
        ):
            unit_document["positions"] = CommentedSeq()
        entry.pop("unit", None)
        unit_document["positions"].append(entry)
    else:
        entry = documents[source.document]
        entry["unit"] = unit
    if reports_to is not None:
        entry["reports_to"] = reports_to
    changes = files.changes()
    moved = _("position '{position}' -> unit '{unit}'").format(position=position, unit=unit)
    if reports_to:
        moved += _(", reports to '{reports_to}'").format(reports_to=reports_to)
    changes.summary.append(moved)
    _verify(root, changes, limits, _("moving position '{position}'").format(position=position))
    return changes


def plan_move_unit(
    root: Path, unit: str, parent: str, *, limits: Limits | None = None
) -> ChangeSet:
    tree = _tree(root, limits)
    _known(tree, UNIT, unit)
    _known(tree, UNIT, parent)
    if unit == parent:
        raise EditError(_("unit '{unit}' cannot be its own parent").format(unit=unit))
    ancestor: str | None = parent
    while ancestor is not None:  # under one of its own sub-units would make a cycle
        if ancestor == unit:
            raise EditError(
                _("unit '{parent}' is under unit '{unit}': that would make a cycle").format(
                    parent=parent, unit=unit
                )
            )
        ancestor = tree.units[ancestor].parent
    if tree.units[unit].parent == parent:
        raise EditError(
            _("unit '{unit}' is already under '{parent}'").format(unit=unit, parent=parent)
        )
    files = _Files()
    source = tree.sources[(UNIT, unit)]
    document = files.get(Path(source.path))[source.document]
    document["parent"] = parent
    changes = files.changes()
    changes.summary.append(_("unit '{unit}' -> parent '{parent}'").format(unit=unit, parent=parent))
    _verify(root, changes, limits, _("moving unit '{unit}'").format(unit=unit))
    return changes


def _verify(root: Path, changes: ChangeSet, limits: Limits | None, what: str) -> None:
    problems = problems_after(root, changes, limits)
    if problems:
        raise InvalidTreeError(
            _("{what} would leave the organisation invalid").format(what=what), problems
        )
