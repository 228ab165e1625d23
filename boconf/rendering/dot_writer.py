"""DOT text written directly: the ``graphviz`` package's output, byte for byte (its own
quoting rule quotes every ID), at a fraction of its cost.

The package checks every call's arguments and quotes every key and value through several
layers of wrappers; for the 1,200 charts of a 10,000-position site that was a second of CPU
time, as much as half of the renderer's own. This writer produces the same text (the golden
DOT files pin it): a node's or an edge's ``label`` first, then its other attributes sorted by
name, a subgraph's lines indented by one more tab, and values quoted by :func:`quote`, the
package's rule.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from graphviz.quoting import quote as graphviz_quote

Attributes = Mapping[str, str]


@functools.lru_cache(maxsize=4096)  # keys and styles repeat on every box
def quote(value: str) -> str:
    """An ID as DOT needs it, by the graphviz package's own quoting rule (an HTML-like label
    <...> as it is; an identifier or a number bare unless a DOT keyword; anything else quoted,
    its double quotes escaped): the escaping stays the library's, only the lines are ours.

    Most values the cache has not seen are labels with a space and nothing to escape, which
    the rule can only put in quotes as they are: those are quoted here (tested against the
    library on random text), the rest by the library."""
    if " " in value and '"' not in value and value[:1] != "<" and value[-1:] != "\\":
        return f'"{value}"'
    return str(graphviz_quote(value))


def a_list(attributes: Attributes, label_first: bool = False) -> str:
    """``key=value`` pairs: sorted by key, the label first for a node or an edge."""
    pairs = sorted(attributes.items())
    if label_first and "label" in attributes:
        pairs = [("label", attributes["label"])] + [p for p in pairs if p[0] != "label"]
    return " ".join(f"{quote(key)}={quote(value)}" for key, value in pairs)


class DotWriter:
    """One ``digraph``: statements are appended in order, subgraphs opened and closed."""

    def __init__(
        self, name: str, graph: Attributes, node: Attributes, edge: Attributes | None = None
    ) -> None:
        self._lines = [f"digraph {quote(name)} {{\n"]
        for keyword, attributes in (("graph", graph), ("node", node), ("edge", edge or {})):
            if attributes:
                self._lines.append(f"\t{keyword} [{a_list(attributes)}]\n")
        self._indent = "\t"

    def node(self, node_id: str, attributes: Attributes) -> None:
        self._lines.append(f"{self._indent}{quote(node_id)}{self._list(attributes)}\n")

    def edge(self, tail: str, head: str, attributes: Attributes) -> None:
        line = f"{self._indent}{quote(tail)} -> {quote(head)}{self._list(attributes)}\n"
        self._lines.append(line)

    def open_subgraph(self, name: str, attributes: Attributes) -> None:
        self._lines.append(f"{self._indent}subgraph {quote(name)} {{\n")
        self._indent += "\t"
        if attributes:
            self._lines.append(f"{self._indent}{a_list(attributes)}\n")

    def close_subgraph(self) -> None:
        self._indent = self._indent[:-1]
        self._lines.append(f"{self._indent}}}\n")

    def source(self) -> str:
        return "".join(self._lines) + "}\n"

    @staticmethod
    def _list(attributes: Attributes) -> str:
        return f" [{a_list(attributes, label_first=True)}]" if attributes else ""
