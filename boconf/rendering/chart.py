"""An abstract chart, built by a view and written by a backend (DOT, Mermaid).

Views decide what is shown and how it is classed (front, back, vacant, error, ...); backends
decide how a class looks in their language and escape every label for it. Nodes, edges and
clusters keep the order the view gives them, which views make deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from boconf.rendering.table import Table

# A box drawn a second time where another line leads to it (a dotted-line report, in its
# dotted-line manager's stack): the entity is counted once, by its own box, and no line
# leaves the echo. Compact layouts stack it like a report (boconf.rendering.tree_layout).
ECHO = "echo"


@dataclass
class Node:
    id: str  # a safe internal id, never user text (see Chart.add_node)
    lines: list[str]  # label lines, user text: escaped by each backend
    classes: tuple[str, ...] = ()
    link: str | None = None  # a page to open on click (site charts)
    tooltip: str = ""
    posts: int = 0  # the posts the box stands for (a position's headcount, a unit's posts)

    @property
    def echo(self) -> bool:
        return ECHO in self.classes


@dataclass
class Edge:
    source: str
    target: str
    kind: str = "solid"  # solid | dashed | dotted
    label: str = ""


@dataclass
class Cluster:
    id: str
    label: str
    classes: tuple[str, ...] = ()
    nodes: list[str] = field(default_factory=list)


@dataclass
class Chart:
    title: str
    direction: str = "TB"  # TB (top to bottom) or LR (left to right)
    # "layered": Graphviz as is; "tree": a compact org chart (see rendering.tree_layout), for
    # top-down charts whose solid edges form a tree. A hint: Mermaid lays out on its own.
    layout: str = "layered"
    # What a box is, singular and plural: a paged chart's link boxes count them.
    noun: tuple[str, str] = ("box", "boxes")
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    # A chart drawn as a table (the support matrix, the sourcing bars): DOT draws the table
    # instead of the nodes; Mermaid, which has no tables, draws the nodes and edges.
    table: Table | None = None
    _ids: dict[str, str] = field(default_factory=dict)
    _added: set[str] = field(default_factory=set)

    def node_id(self, key: str) -> str:
        """A stable, safe id for an entity key such as ``unit:credit`` (never user text)."""
        if key not in self._ids:
            self._ids[key] = f"n{len(self._ids)}"
        return self._ids[key]

    def add_node(
        self,
        key: str,
        lines: list[str],
        classes: tuple[str, ...] = (),
        link: str | None = None,
        tooltip: str = "",
        posts: int = 0,
    ) -> str:
        """Add a node once; later calls for the same key return its id."""
        identifier = self.node_id(key)
        if identifier not in self._added:
            self._added.add(identifier)
            self.nodes.append(Node(identifier, lines, classes, link, tooltip, posts))
        return identifier

    def keys(self) -> dict[str, str]:
        """Node id -> the entity key it was added for (``unit:credit``)."""
        return {identifier: key for key, identifier in self._ids.items()}

    def has(self, key: str) -> bool:
        return key in self._ids and self._ids[key] in self._added

    def add_edge(
        self, source_key: str, target_key: str, kind: str = "solid", label: str = ""
    ) -> None:
        self.edges.append(Edge(self.node_id(source_key), self.node_id(target_key), kind, label))
