"""Source positions: a pydantic ``loc`` or reference path -> ``line:column`` in a file.

Positions are recovered only for files with something to report. Most organisation files are
plain block YAML, where a path is followed over the few lines it passes through
(:mod:`boconf.loading.block_positions`), with no parse at all; any other file, or any path
that reader gives up on, is re-composed with libyaml, so the node trees, about five times the
size of the data, never all live at once. A path that does not exist in the node tree (a
missing field) resolves to its nearest existing parent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from yaml import MappingNode, Node, ScalarNode, SequenceNode

from boconf.loading.block_positions import BlockText
from boconf.loading.yaml12 import Composer
from boconf.util.workers import run_parallel

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


Request = tuple[int, tuple[PathPart, ...], Want]  # (document index, path, key or value)


class _PositionComposer(Composer):
    """Composes nodes for their marks only: no tag resolution, the costliest Python step."""

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        return ""


def _compose_for_positions(path: str) -> list[Node]:
    documents: list[Node] = []
    try:
        text = Path(path).read_text(encoding="utf-8").removeprefix("\ufeff")
        composer = _PositionComposer(text)
        try:
            while composer.check_node():
                node = composer.get_node()
                if node is not None:
                    documents.append(node)
        finally:
            composer.dispose()
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        pass  # reported already by the parser; positions fall back to the document
    return documents


def _read_block_text(path: str) -> BlockText | None:
    try:
        text = Path(path).read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return None
    return BlockText.of(text)


def _locate_in_file(item: tuple[str, list[Request]]) -> list[tuple[int, int] | None]:
    """(line, column) of each request: plain tuples, which cross from a worker process much
    faster than Position objects (hundreds of thousands of them for a large organisation)."""
    path, requests = item
    found: list[tuple[int, int] | None] = []
    block = _read_block_text(path)  # each mapping and sequence read once, for all requests
    documents: list[Node] | None = None
    for document, at, want in requests:
        answer = block.locate(document, at, want) if block is not None else None
        if answer is not None:
            found.append(answer)
            continue
        if documents is None:
            documents = _compose_for_positions(path)
        position = locate(documents[document], at, want) if document < len(documents) else None
        found.append((position.line, position.column) if position is not None else None)
    return found


# The files and requests of the answers() running now: its forked workers read them here.
_pending: list[tuple[str, list[Request]]] = []


def _locate_pending(index: int) -> list[tuple[int, int] | None]:
    return _locate_in_file(_pending[index])


@dataclass
class SourceMap:
    """Positions of paths in files, found by composing only the files that need them.

    ``answers`` answers many requests at once, on every core; ``locate`` answers one,
    composing its file on first use. ``consulted`` names every file whose text was read: a
    result that holds positions holds them for exactly those files' text (the result cache
    checks them, :mod:`boconf.linting.result_cache`).
    """

    _documents: dict[str, list[Node]] = field(default_factory=dict)
    _blocks: dict[str, BlockText | None] = field(default_factory=dict)
    consulted: set[str] = field(default_factory=set)

    def answers(
        self, requests: dict[str, list[Request]], jobs: int | None = None
    ) -> dict[str, list[tuple[int, int] | None]]:
        """The (line, column) of every request, by file, in the order asked (None where none
        was found): each file read once, on every core. The forked workers read the requests
        from this process's memory, rather than receiving them pickled (a large run's
        hundreds of thousands of findings)."""
        global _pending
        self.consulted.update(requests)
        found: dict[str, list[tuple[int, int] | None]] = {}
        items = []
        for path, wanted in sorted(requests.items()):
            if path in self._documents:  # composed already: answered here
                found[path] = [
                    None
                    if (at_position := self.locate(path, d, at, want)) is None
                    else (at_position.line, at_position.column)
                    for d, at, want in wanted
                ]
            else:
                items.append((path, wanted))
        _pending = items
        try:
            results = run_parallel(_locate_pending, range(len(items)), jobs)
        finally:
            _pending = []
        for (path, _wanted), answered in zip(items, results, strict=True):
            found[path] = answered
        return found

    def documents(self, path: str) -> list[Node]:
        documents = self._documents.get(path)
        self.consulted.add(path)
        if documents is None:
            documents = self._documents[path] = _compose_for_positions(path)
        return documents

    def locate(
        self, path: str, document: int, at: Sequence[PathPart], want: Want = "value"
    ) -> Position | None:
        self.consulted.add(path)
        if path not in self._documents:  # not composed yet: try reading its lines first
            if path not in self._blocks:
                self._blocks[path] = _read_block_text(path)
            block = self._blocks[path]
            answer = block.locate(document, at, want) if block is not None else None
            if answer is not None:
                return Position(*answer)
        documents = self.documents(path)
        if document >= len(documents):
            return None
        return locate(documents[document], at, want)
