"""A compact org chart from a tree-shaped chart: what Graphviz gets besides the chart itself.

Graphviz puts every child of a node on the rank below it, so an organisation of managers with
a few reports each comes out as one very wide row of boxes (the example's reporting chart was
18 times wider than high). Two rules make it compact, both with Graphviz's own means
(clusters, invisible edges), so that Graphviz still places every box and routes every line:

* **stacks**: the children without children of their own (posts without reports, units without
  sub-units) go in a column under their parent, in a frame the parent's one line points to;
  more than :data:`STACK_ROWS` of them are split into balanced columns; a lone one is just a
  box below its parent;
* **rows**: children with children of their own, past :data:`ROW_WIDTH` of them, are wrapped
  onto rows, each row below the deepest box of the subtree above it (an invisible edge from
  that box holds it down), so that a manager's reports spread over a block, not a line.

Both are also held to :data:`MAX_WIDTH` points, so that a chart opens in a browser window
without scrolling across: every box's width is estimated from its wrapped label (DejaVu Sans
at 11 pt, see :func:`box_width`), every subtree's from its boxes, and a node whose branches
side by side would be wider wraps them onto more rows (down to one a row), a stack wider than
the limit gets fewer, longer columns. A chart can only be too wide when one row of boxes is
(a very long stack lead, say); paging (:mod:`boconf.rendering.paging`) keeps pages small.

The tree is the chart's solid edges (a node's first solid incoming edge is its parent; a node
with none hangs on its first edge of any kind). An echo (a box drawn again under a second
manager, :data:`boconf.rendering.chart.ECHO`) hangs on its dashed line and is stacked like a
report. Every other edge is drawn without a rank constraint; Graphviz still orders boxes by
it, so views keep such lines few and short (the reporting view draws dotted lines as echoes).
"""

from __future__ import annotations

import itertools
import math
import textwrap
from dataclasses import dataclass, field

from boconf.rendering.chart import Chart

# Rows of one stack column before the stack is split into balanced columns.
STACK_ROWS = 6
# Children with children of their own, side by side, before they are wrapped onto rows.
ROW_WIDTH = 3
# A deeper tree than this is drawn as Graphviz lays it out (and is no org chart to read anyway).
MAX_DEPTH = 200
# Characters per line of a box label: about 190 pt of DejaVu Sans at 11 pt.
WRAP = 32
# The widest a chart should be, in points: 1,000 pt are 1,333 CSS px at 100 %, so a chart opened
# on its own fits a 1,440 px window, and on the site (about 1,140 px wide) 11 pt text is still
# drawn at 12.5 px.
MAX_WIDTH = 1000.0
# DejaVu Sans at 11 pt: about 6 pt a character in mixed text; a box adds 8 pt of margin a side
# and Graphviz's narrowest box is 54 pt (0.75 in). Gaps: nodesep 0.25 in plus the frame's margins.
CHAR_WIDTH = 6.0
BOX_MARGIN = 16.0
MIN_BOX = 54.0
GAP = 24.0
# The whitespace textwrap turns into spaces (besides the line breaks wrap_lines flattens).
_ODD_SPACE = frozenset("\t\x0b\x0c")


def wrap_lines(lines: list[str], width: int = WRAP) -> list[str]:
    """Each line broken at spaces to at most ``width`` characters (a longer word stays whole)."""
    wrapped: list[str] = []
    for line in lines:
        flat = line.replace("\r", "").replace("\n", " ")
        if len(flat) <= width and not flat.endswith(" ") and not _ODD_SPACE.intersection(flat):
            # What textwrap gives back unchanged, without textwrap: most lines, at a tenth
            # of its cost (it was a quarter of a large site's DOT time).
            wrapped.append(flat)
            continue
        wrapped.extend(
            textwrap.wrap(flat, width, break_long_words=False, break_on_hyphens=False) or [flat]
        )
    return wrapped


def box_width(lines: list[str]) -> float:
    """The estimated width in points of a box with this (unwrapped) label."""
    longest = max((len(line) for line in wrap_lines(lines)), default=0)
    return max(MIN_BOX, longest * CHAR_WIDTH + BOX_MARGIN)


@dataclass(frozen=True)
class Stack:
    id: str  # the DOT cluster's name
    parent: str
    columns: list[list[str]]  # members per column, top to bottom


@dataclass
class TreePlan:
    stacks: list[Stack] = field(default_factory=list)
    # Edge index -> how it is drawn: "lead" (the parent's one line to its stack's frame) or
    # "hidden" (a stacked member's own line, which the lead stands for).
    stacked_edges: dict[int, str] = field(default_factory=dict)
    lead_to: dict[int, str] = field(default_factory=dict)  # lead edge index -> stack id
    loose: set[int] = field(default_factory=set)  # drawn, but no rank constraint
    # Invisible edges that place a box: (column top above, next member) inside a stack, the
    # parent to its other columns' tops, and (bottom of the subtree above, child) for rows.
    spacers: list[tuple[str, str]] = field(default_factory=list)

    def stacked(self) -> dict[str, str]:
        """Member node id -> the id of its stack."""
        return {
            member: stack.id
            for stack in self.stacks
            for column in stack.columns
            for member in column
        }


def tree_of(chart: Chart) -> tuple[dict[str, int], dict[str, list[str]], list[str]]:
    """Each node's tree edge (an index into chart.edges), children in chart order, roots."""
    known = {node.id for node in chart.nodes}
    tree_edge: dict[str, int] = {}
    for solid_only in (True, False):
        for index, edge in enumerate(chart.edges):
            if edge.source == edge.target or edge.source not in known or edge.target not in known:
                continue
            if solid_only and edge.kind != "solid":
                continue
            tree_edge.setdefault(edge.target, index)
    children: dict[str, list[str]] = {}
    for node in chart.nodes:
        if node.id in tree_edge:
            children.setdefault(chart.edges[tree_edge[node.id]].source, []).append(node.id)
    roots = [node.id for node in chart.nodes if node.id not in tree_edge]
    return tree_edge, children, roots


def depths(children: dict[str, list[str]], roots: list[str]) -> dict[str, int]:
    """Depth of every node reachable from a root (nodes on a reporting cycle are not)."""
    depth = dict.fromkeys(roots, 0)
    queue = list(roots)
    for current in queue:  # the list grows while it is walked: breadth first
        for child in children.get(current, ()):
            if child not in depth:
                depth[child] = depth[current] + 1
                queue.append(child)
    return depth


def _columns(
    members: list[str], member_width: float = MIN_BOX, limit: float = MAX_WIDTH
) -> list[list[str]]:
    """At most STACK_ROWS per column (more when that many columns of ``member_width`` would be
    wider than ``limit``), the columns as even as they can be, read top-down."""
    fits = max(1, int((limit + GAP) // (member_width + GAP)))
    count = min(math.ceil(len(members) / STACK_ROWS), fits)
    rows = math.ceil(len(members) / count)
    return [members[start : start + rows] for start in range(0, len(members), rows)]


def _per_row(widths: list[float], beside: float, limit: float = MAX_WIDTH) -> int:
    """How many branches of these widths go side by side: the most, up to ROW_WIDTH, whose
    rows (balanced, each branch under the one a row above) fit ``limit`` beside ``beside``."""
    count = len(widths)
    if count == 0:
        return 0
    for rows in range(math.ceil(count / ROW_WIDTH), count + 1):
        per = math.ceil(count / rows)
        columns = [max(widths[start::per]) for start in range(per)]
        if beside + sum(columns) + GAP * (per - 1) <= limit:
            return per
    return 1


class _Planner:
    """One chart's plan: sizes bottom-up (:meth:`measure`), then places top-down (:meth:`place`)."""

    def __init__(self, chart: Chart, plan: TreePlan) -> None:
        self.chart = chart
        self.plan = plan
        self.tree_edge, self.children, self.roots = tree_of(chart)
        self.depth = depths(self.children, self.roots)
        self.clustered = {node for cluster in chart.clusters for node in cluster.nodes}
        self.own_width = {node.id: box_width(node.lines) for node in chart.nodes}
        self.echoes = {node.id for node in chart.nodes if node.echo}
        self.width: dict[str, float] = {}
        self.columns: dict[str, list[list[str]]] = {}
        self.per_row: dict[str, int] = {}

    def stackable(self, node: str) -> bool:
        edge = self.chart.edges[self.tree_edge[node]]
        return (
            not self.children.get(node)
            and (edge.kind == "solid" or node in self.echoes)
            and not edge.label
            and node not in self.clustered
            and edge.source not in self.clustered
        )

    def split(self, node: str) -> tuple[list[str], list[str]]:
        """A node's children on the chart: (stacked members, branches)."""
        below = [c for c in self.children.get(node, ()) if self.depth.get(c) is not None]
        members = [child for child in below if self.stackable(child)]
        return members, [child for child in below if child not in members]

    def _beside(self, node: str, members: list[str], limit: float) -> float:
        """The width of the node's stack (its columns chosen to fit ``limit``), 0 without one."""
        if not members:
            return 0.0
        widest = max(self.own_width[m] for m in members)
        self.columns[node] = _columns(members, widest, limit)
        return len(self.columns[node]) * (widest + GAP) + GAP  # the frame, margin

    def limits(self) -> tuple[dict[str, float], dict[str, float]]:
        """Top-down: the width each subtree may take, MAX_WIDTH less the stacks beside it
        (an ancestor's stack sits beside every branch below that ancestor); and the width of
        each node's own stack, its columns chosen for that limit."""
        limit = dict.fromkeys(self.roots, MAX_WIDTH)
        beside: dict[str, float] = {}
        for node in sorted(self.depth, key=lambda n: self.depth[n]):
            members, branches = self.split(node)
            beside[node] = self._beside(node, members, limit[node])
            for child in (*members, *branches):
                limit[child] = max(limit[node] - beside[node], MIN_BOX)
        return limit, beside

    def measure(self) -> None:
        """Bottom-up (deepest first): each subtree's estimated width, and each node's stack
        columns and branches a row, chosen so that the subtree fits its limit when it can."""
        width = self.width
        limit, beside_of = self.limits()
        for node in sorted(self.depth, key=lambda n: -self.depth[n]):
            _members, branches = self.split(node)
            beside = beside_of[node]
            per = self.per_row[node] = _per_row([width[b] for b in branches], beside, limit[node])
            below = 0.0
            if branches:
                below = sum(max(width[b] for b in branches[s::per]) for s in range(per))
                below += GAP * (per - 1)
            width[node] = max(self.own_width[node], beside + below)

    def stack(self, node: str, rank: int) -> tuple[int, str]:
        """The node's stacked members in a frame below it; the stack's deepest (rank, box).

        A lone member is left as it is, a box below its manager: the frame says that a
        column holds one manager's reports, not a chain of command, and one box is no column
        (a frame is also what costs Graphviz most, a third of a unit chart's drawing)."""
        plan, tree_edge = self.plan, self.tree_edge
        if sum(map(len, self.columns[node])) == 1:
            return rank + 1, self.columns[node][0][0]
        stack = Stack(f"cluster_team_{node}", node, self.columns[node])
        plan.stacks.append(stack)
        deepest = (rank, node)
        for number, column in enumerate(stack.columns):
            top = tree_edge[column[0]]
            if number == 0:
                plan.stacked_edges[top] = "lead"
                plan.lead_to[top] = stack.id
            else:
                plan.stacked_edges[top] = "hidden"
                plan.spacers.append((node, column[0]))
            for upper, lower in itertools.pairwise(column):
                plan.stacked_edges[tree_edge[lower]] = "hidden"
                plan.spacers.append((upper, lower))
            deepest = max(deepest, (rank + len(column), column[-1]))
        return deepest

    def place(self, node: str, rank: int) -> tuple[int, str]:
        """Lay out the subtree of ``node`` at ``rank``; its deepest (rank, box)."""
        deepest = (rank, node)
        members, branches = self.split(node)
        if members:
            deepest = self.stack(node, rank)
        per = self.per_row[node]
        ends: list[tuple[int, str]] = []
        for number, branch in enumerate(branches):
            start = rank + 1
            if number >= per:
                above_rank, above = ends[number - per]
                start = above_rank + 1
                self.plan.spacers.append((above, branch))
            ends.append(self.place(branch, start))
            deepest = max(deepest, ends[-1])
        return deepest


def plan_tree(chart: Chart) -> TreePlan:
    plan = TreePlan()
    planner = _Planner(chart, plan)
    depth = planner.depth
    if not depth or max(depth.values()) > MAX_DEPTH:
        return plan
    tree_edges = set(planner.tree_edge.values())
    plan.loose = {
        index
        for index, edge in enumerate(chart.edges)
        if index not in tree_edges and edge.target in planner.tree_edge
    }
    planner.measure()
    for root in planner.roots:
        planner.place(root, 0)
    return plan
