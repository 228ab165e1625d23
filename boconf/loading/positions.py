"""Source positions: a pydantic ``loc`` or reference path -> ``line:column`` in a file.

Files are re-composed (cheap: libyaml) only when something in them must be reported, so the
node trees, about five times the size of the data, never all live at once. A path that does
not exist in the node tree (a missing field) resolves to its nearest existing parent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from yaml import MappingNode, Node, ScalarNode, SequenceNode

from boconf.loading.yaml12 import compose_documents

PathPart = str | int
Want = Literal["key", "value"]


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based, in characters


def locate(root: Node, path: Sequence[PathPart], want: Want = "value") -> Position:
    """The position of ``path`` under ``root``: of the key itself or of its value."""
    node = root
    key_node: Node | None = None
    for part in path:
        child: Node | None = None
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, ScalarNode) and key.value == str(part):
                    key_node, child = key, value
                    break
        elif (
            isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value)
        ):
            key_node, child = None, node.value[part]
        if child is None:
            break  # the nearest existing parent
        node = child
    else:
        if want == "key" and key_node is not None:
            node = key_node
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)


@dataclass
class SourceMap:
    """Node trees of the files that have something to report, composed on first use."""

    _documents: dict[str, list[Node]] = field(default_factory=dict)

    def documents(self, path: str) -> list[Node]:
        documents = self._documents.get(path)
        if documents is None:
            documents = []
            try:
                text = Path(path).read_text(encoding="utf-8").removeprefix("\ufeff")
                documents.extend(compose_documents(text))
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                pass  # reported already by the parser; positions fall back to the document
            self._documents[path] = documents
        return documents

    def locate(
        self, path: str, document: int, at: Sequence[PathPart], want: Want = "value"
    ) -> Position | None:
        documents = self.documents(path)
        if document >= len(documents):
            return None
        return locate(documents[document], at, want)
