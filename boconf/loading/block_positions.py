"""Positions read straight off the text of plain block-style YAML, without parsing the file.

Recovering positions used to mean composing every file that has a finding with libyaml: at a
million positions with findings in most files, a second full parse. But organisation files
are block mappings and sequences of one-line scalars, and in that shape a path such as
``positions / 3 / reports_to`` can be followed by looking only at the lines it passes through:
a mapping's keys are the lines at its indentation, a sequence's items the ``- `` lines at
its own. This module follows a path that way and gives up (returns None) at anything else:
flow collections it must enter, empty values, quoted or complex keys, nested ``- -`` items.
The caller then composes the file with libyaml, which stays the referee;
``tests/test_block_positions.py`` holds the two to identical answers on every path of the
example organisations and the bench tree.

Only files the native parser vouched for come here (no tabs, anchors, tags or aliases, no
``\\r`` line breaks: see :mod:`boconf.loading.native`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from boconf.loading import native

# A plain key at the start of a line's content: its text, then ':' and a space or the end.
_KEY = re.compile(r"([^\s'\"?{\[&*!|>%@`#,\]}-][^\n]*?|-[^\s\n][^\n]*?) *:(?: +|$)")


class _GiveUpError(Exception):
    """The text is not in the simple shape this module follows: compose the file instead."""


class _MappingScan:
    """How far a block mapping has been read, and the keys found so far."""

    __slots__ = ("keys", "line")

    def __init__(self, first: int) -> None:
        self.keys: dict[str, tuple[int, int, int]] = {}
        self.line = first  # the next line to read; -1 once the whole mapping is read


class BlockText:
    """One file's lines, with where each document starts and ends."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        # What one pass over a mapping or a sequence found, by its first line: a file with
        # many findings reads each block once, not once per finding.
        self._keys: dict[int, _MappingScan] = {}
        self._items: dict[int, list[int]] = {}
        self._values: dict[int, tuple[str, int, int, int]] = {}
        self._roots: dict[int, tuple[int, int, int]] = {}
        markers = []
        line, counted = 0, 0
        # Marker lines: the first line, then each after a '\n' (a pattern that starts with a
        # literal is scanned for far faster than a multi-line '^').
        starts = [0] if native.FIRST_MARKER.match(text) else []
        starts += [match.start() + 1 for match in native.MARKER.finditer(text)]
        for start in starts:
            line += text.count("\n", counted, start)
            counted = start
            markers.append(line)
        for number in markers:
            rest = self.lines[number][3:].strip()
            if rest and not rest.startswith("#"):
                raise _GiveUpError  # content on the marker line
        bounds = [(-1, markers[0])] if markers else [(-1, len(self.lines))]
        bounds += [
            (marker, markers[index + 1] if index + 1 < len(markers) else len(self.lines))
            for index, marker in enumerate(markers)
        ]
        # [first line, end line) of each document, 0-based; text before the first marker is a
        # document only when it has content.
        self._documents = [
            (begin + 1, end)
            for index, (begin, end) in enumerate(bounds)
            if index > 0 or any(_content(line) for line in self.lines[begin + 1 : end])
        ]

    @classmethod
    def of(cls, text: str) -> BlockText | None:
        """The file's lines, or None when its shape is not one this module follows."""
        if native.odd_layout(text):
            return None
        try:
            return cls(text)
        except _GiveUpError:
            return None

    def locate(self, document: int, path: Sequence[str | int], want: str) -> tuple[int, int] | None:
        """1-based (line, column) of ``path`` in ``document`` as libyaml marks it (the
        nearest existing parent when the path does not exist), or None to give up."""
        try:
            return self._locate(document, path, want)
        except (_GiveUpError, IndexError):
            return None

    def _locate(self, document: int, path: Sequence[str | int], want: str) -> tuple[int, int]:
        number, indent, end = self._root(document)
        # The current node: ("map", line, indent, end) or ("seq", ...) or ("scalar", ...).
        kind, at_line, at_column, span_end = "map", number, indent, end
        key_position: tuple[int, int] | None = None
        for part in path:
            if kind == "map":
                found = self._key_in_mapping(at_line, at_column, span_end, str(part))
                if found is None:
                    break
                key_line, key_column, value_column = found
                key_position = (key_line, key_column)
                kind, at_line, at_column, span_end = self._value(
                    key_line, key_column, value_column, span_end
                )
            elif kind == "seq" and isinstance(part, int):
                item = self._item(at_line, at_column, span_end, part)
                if item is None:
                    break
                key_position = None
                kind, at_line, at_column, span_end = item
            elif kind == "flow":
                raise _GiveUpError  # a flow collection is not followed here
            else:
                break  # a scalar, or a sequence asked for a key: the nearest parent
        else:
            if want == "key" and key_position is not None:
                return key_position[0] + 1, key_position[1] + 1
        return at_line + 1, at_column + 1

    def _root(self, document: int) -> tuple[int, int, int]:
        """(line, indent, end line) of ``document``'s root mapping, found once per document
        (a unit with a hundred findings is asked for a hundred times)."""
        root = self._roots.get(document)
        if root is None:
            first, end = self._documents[document]
            number = self._next_content(first, end)
            line = self.lines[number]
            indent = _indent(line)
            if line[indent] == "-" or _KEY.match(line, indent) is None:
                raise _GiveUpError  # a root that is not a block mapping
            root = self._roots[document] = (number, indent, end)
        return root

    # -- lines ------------------------------------------------------------------------
    def _next_content(self, number: int, end: int) -> int:
        while number < end and not _content(self.lines[number]):
            number += 1
        if number >= end:
            raise _GiveUpError
        return number

    # -- nodes ------------------------------------------------------------------------
    def _key_in_mapping(
        self, first: int, indent: int, end: int, key: str
    ) -> tuple[int, int, int] | None:
        """(line, column of the key, column of what follows ': ') of ``key`` in the block
        mapping whose first key is at (first, indent), or None when it has no such key.

        The mapping is read once, as far as the keys asked for so far: a unit's ``id`` is
        found without reading its positions."""
        scan = self._keys.get(first)
        if scan is None:
            quick = self._first_key(first, indent, key)
            if quick is not None:
                # What the scan below finds first, without a pattern and without keeping a
                # scan (a post's id, asked for once): asked for another key, the scan starts.
                return quick
            scan = self._keys[first] = _MappingScan(first)
        found = scan.keys.get(key)
        if found is not None or scan.line < 0:
            return found
        lines = self.lines
        number = scan.line
        while number < end:
            line = lines[number]
            stripped = line.lstrip(" ")
            if stripped and stripped[0] != "#":
                # The first key may share its line with the '- ' of a sequence item.
                here = indent if number == first else len(line) - len(stripped)
                if here < indent:
                    break
                if here == indent and not (
                    line.startswith("- ", indent) or line.rstrip(" ") == " " * indent + "-"
                ):
                    match = _KEY.match(line, indent)
                    if match is None:
                        raise _GiveUpError
                    name = match.group(1)
                    if name not in scan.keys:  # the first of duplicates wins, as in libyaml
                        scan.keys[name] = (number, indent, match.end())
                    if name == key:
                        scan.line = number + 1
                        return scan.keys[name]
            number += 1
        scan.line = -1  # read to its end
        return None

    def _first_key(self, first: int, indent: int, key: str) -> tuple[int, int, int] | None:
        """(line, key column, value column) when ``key`` is the mapping's first key, written
        plainly (``id: x``, a word, then ':' and a space or the line's end), else None: the
        usual case of a unit's or a post's ``id``, asked for once per finding."""
        line = self.lines[first]
        after = indent + len(key)
        if not (
            key.isidentifier() and line.startswith(key, indent) and line[after : after + 1] == ":"
        ):
            return None
        value = after + 1
        if value < len(line) and line[value] != " ":
            return None
        while value < len(line) and line[value] == " ":
            value += 1
        return first, indent, value

    def _value(
        self, key_line: int, key_column: int, value_column: int, end: int
    ) -> tuple[str, int, int, int]:
        found = self._values.get(key_line)
        if found is None:
            found = self._values[key_line] = self._read_value(
                key_line, key_column, value_column, end
            )
        return found

    def _read_value(
        self, key_line: int, key_column: int, value_column: int, end: int
    ) -> tuple[str, int, int, int]:
        line = self.lines[key_line]
        rest = line[value_column:]
        if rest and not rest.startswith("#"):
            if rest[0] in "[{":
                return "flow", key_line, value_column, end  # not entered
            if rest[0] in "|>":
                return "scalar", key_line, value_column, end
            return "scalar", key_line, value_column, end
        number = self._next_content(key_line + 1, end)
        below = self.lines[number]
        indent = _indent(below)
        if below.startswith("- ", indent) or below.rstrip() == " " * indent + "-":
            if indent < key_column:
                raise _GiveUpError
            return "seq", number, indent, end  # (the scans stop where the block dedents)
        if indent <= key_column:
            raise _GiveUpError  # an empty value: libyaml marks it where this does not look
        if _KEY.match(below, indent) is None:
            raise _GiveUpError  # a multi-line scalar, or something else
        return "map", number, indent, end

    def _item(
        self, first: int, indent: int, end: int, index: int
    ) -> tuple[str, int, int, int] | None:
        items = self._items.get(first)
        if items is None:
            items = self._items[first] = self._scan_items(first, indent, end)
        if not 0 <= index < len(items):
            return None
        return self._item_node(items[index], indent, end)

    def _scan_items(self, first: int, indent: int, end: int) -> list[int]:
        """The line of every item of a block sequence, read in one pass.

        Most lines are an item's first line or inside one, told by their start alone; only
        the others are looked at closely (a unit's posts, four or five lines each, read for
        each of 10,000 units at a million positions)."""
        lines = self.lines
        items: list[int] = []
        item = " " * indent + "- "
        deeper = " " * (indent + 1)
        for number in range(first, end):
            line = lines[number]
            if line.startswith(item):
                items.append(number)
                continue
            if line.startswith(deeper):
                continue  # inside an item (or blank)
            stripped = line.lstrip(" ")
            if not stripped or stripped[0] == "#":
                continue
            # At or left of the sequence's indent, and not an item: the sequence has ended.
            if line.rstrip() == " " * indent + "-":
                raise _GiveUpError  # an empty item or one on the next lines
            break
        return items

    def _item_node(self, number: int, indent: int, end: int) -> tuple[str, int, int, int]:
        line = self.lines[number]
        column = indent + 1
        while column < len(line) and line[column] == " ":
            column += 1
        first = line[column] if column < len(line) else "#"
        if first in "#-[{|>":
            raise _GiveUpError  # nested items, flow and block scalars: left to libyaml
        if _KEY.match(line, column) is not None:
            # A mapping whose first key shares the '- ' line: its other keys sit below it.
            return "map", number, column, end
        return "scalar", number, column, end


def _content(line: str) -> bool:
    stripped = line.lstrip(" ")
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
