"""``boconf fmt``: one canonical style for organisation files, never a change of meaning.

The style: keys in the order the schema lists them for the document's kind (unknown keys
last, as written), two-space indentation with list dashes under their key, the
``yaml-language-server`` modeline first, lists of mappings as blocks, other lists inline when
they fit in 100 columns (``supports`` always one per line). Comments stay with the key below
them; quotes and long lines are kept as written.

Only files the loader reads without a diagnostic are formatted (it refuses aliases, tags,
duplicate keys...), and a result is kept only if the loader reads the same values from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import ScalarString

from boconf.diagnostics import Code, Diagnostic
from boconf.editing.changes import ChangeSet, FileChange, parse_text
from boconf.editing.comments import reorder
from boconf.editing.layout import (
    BLOCK_LISTS,
    DOCUMENT_KINDS,
    LINE_WIDTH,
    TARGET_MODELS,
    field_order,
    nested_model,
)
from boconf.editing.roundtrip import dump_documents, load_documents
from boconf.editing.tree_files import tree_files
from boconf.i18n import _
from boconf.loading.limits import Limits
from boconf.model.scenario import TARGET_KINDS

MODELINE = "# yaml-language-server:"


def format_text(text: str) -> str:
    """``text`` in the canonical style (assumes the loader accepts it)."""
    documents = load_documents(text)
    for document in documents:
        if isinstance(document, CommentedMap):
            model = DOCUMENT_KINDS.get(str(document.get("kind")))
            _normalise(document, model, 0)
    return _modeline_first(dump_documents(documents))


def _normalise(mapping: CommentedMap, model: type[BaseModel] | None, indent: int) -> None:
    if model is not None:
        known = field_order(model)
        order = [key for key in known if key in mapping]
        order += [key for key in mapping if key not in known]
        reorder(mapping, order)
    for key, value in mapping.items():
        child = nested_model(model, str(key)) if model is not None else None
        if model is not None and model.__name__ == "Patch" and key == "set":
            child = next((TARGET_MODELS[k] for k in TARGET_KINDS if k in mapping), None)
        if isinstance(value, CommentedMap):
            _normalise(value, child, indent + 2)
        elif isinstance(value, CommentedSeq):
            _list(
                value, str(key), child, indent, model is not None and model.__name__ == "Scenario"
            )


def _list(
    items: CommentedSeq, key: str, model: type[BaseModel] | None, indent: int, scenario: bool
) -> None:
    if all(isinstance(item, CommentedMap) for item in items) and items:
        items.fa.set_block_style()
        for item in items:
            item_model = model
            if scenario and key == "add":
                item_model = DOCUMENT_KINDS.get(str(item.get("kind")))
            _normalise(item, item_model, indent + 4)
        return
    if any(isinstance(item, CommentedMap | CommentedSeq) for item in items) or not items:
        return  # mixed or nested lists are not boconf's; an empty list stays as written
    if items.ca.items or items.ca.comment or items.ca.end:
        items.fa.set_block_style()  # an inline list would lose the comments inside it
        return
    words = [_width(item) for item in items]
    inline = indent + len(key) + 2 + 2 + sum(words) + 2 * (len(words) - 1)
    if key in BLOCK_LISTS or inline > LINE_WIDTH:
        items.fa.set_block_style()
    else:
        items.fa.set_flow_style()


def _width(item: Any) -> int:
    text = str(item) if not isinstance(item, bool) else ("true" if item else "false")
    return len(text) + (2 if isinstance(item, ScalarString) else 0)


def _modeline_first(text: str) -> str:
    """Move a modeline from the file's leading comment lines to the very first line."""
    lines = text.splitlines(keepends=True)
    header = 0
    while header < len(lines) and lines[header].lstrip().startswith("#"):
        header += 1
    for index in range(1, header):
        if lines[index].startswith(MODELINE):
            return "".join([lines[index], *lines[:index], *lines[index + 1 :]])
    return text


@dataclass
class FormatResult:
    changes: ChangeSet = field(default_factory=ChangeSet)
    checked: int = 0  # files looked at
    skipped: list[Diagnostic] = field(default_factory=list)  # why a file was left alone


def format_tree(root: Path, limits: Limits | None = None) -> FormatResult:
    """The canonical form of every organisation and scenario file under ``root``."""
    result = FormatResult()
    for path, display in tree_files(root):
        result.checked += 1
        try:
            before = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            before = None
        values, diagnostics = (
            parse_text(before, display, limits) if before is not None else ([], [])
        )
        if before is None or diagnostics:
            result.skipped.append(
                Diagnostic(
                    display,
                    diagnostics[0].line if diagnostics else 1,
                    diagnostics[0].column if diagnostics else 1,
                    Code.YAML_SYNTAX if not diagnostics else diagnostics[0].code,
                    _("not formatted: {reason}").format(
                        reason=diagnostics[0].message
                        if diagnostics
                        else _("the file cannot be read")
                    ),
                    _("fix what `boconf validate` reports here, then run fmt again"),
                )
            )
            continue
        after = format_text(before)
        if after == before:
            continue
        new_values, new_diagnostics = parse_text(after, display, limits)
        if new_diagnostics or new_values != values:
            # A safety net, not an expected path: formatting must never change meaning.
            result.skipped.append(
                Diagnostic(
                    display,
                    1,
                    1,
                    Code.CONFLICT,
                    _("not formatted: its formatted form would read differently"),
                    _("this is a bug in boconf fmt: please report it with the file"),
                )
            )
            continue
        result.changes.changes.append(FileChange(path, display, before, after))
    return result
