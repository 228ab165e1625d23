"""A compact org chart from a tree-shaped chart: what Graphviz gets besides the chart itself.

Graphviz puts every child of a node on the rank below it, so an organisation of managers with
a few reports each comes out as one very wide row of boxes (the example's reporting chart was
18 times wider than high). Two rules make it compact, both with Graphviz's own means
(clusters, invisible edges), so that Graphviz still places every box and routes every line:

* **stacks**: the children without children of their own (posts without reports, units without
  sub-units) go in a column under their parent, in a frame the parent's one line points to;
  more than :data:`STACK_ROWS` of them are split into balanced columns;
* **rows**: children with children of their own, past :data:`ROW_WIDTH` of them, are wrapped
  onto rows, each row below the deepest box of the subtree above it (an invisible edge from
  that box holds it down), so that a manager's reports spread over a block, not a line.

The tree is the chart's solid edges (a node's first solid incoming edge is its parent; a node
with none hangs on its first edge of any kind). Every other edge, such as a dotted reporting
line, is drawn but does not move boxes, so it cannot widen the chart.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from boconf.rendering.chart import Chart

# Rows of one stack column before the stack is split into balanced columns.
STACK_ROWS = 6
# Children with children of their own, side by side, before they are wrapped onto rows.
ROW_WIDTH = 3
# A deeper tree than this is drawn as Graphviz lays it out (and is no org chart to read anyway).
MAX_DEPTH = 200


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


def _tree(chart: Chart) -> tuple[dict[str, int], dict[str, list[str]], list[str]]:
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


def _depths(children: dict[str, list[str]], roots: list[str]) -> dict[str, int]:
    """Depth of every node reachable from a root (nodes on a reporting cycle are not)."""
    depth = dict.fromkeys(roots, 0)
    queue = list(roots)
    for current in queue:  # the list grows while it is walked: breadth first
        for child in children.get(current, ()):
            if child not in depth:
                depth[child] = depth[current] + 1
                queue.append(child)
    return depth


def _columns(members: list[str]) -> list[list[str]]:
    """At most STACK_ROWS per column, the columns as even as they can be, read top-down."""
    count = math.ceil(len(members) / STACK_ROWS)
    rows = math.ceil(len(members) / count)
    return [members[start : start + rows] for start in range(0, len(members), rows)]


def plan_tree(chart: Chart) -> TreePlan:
    plan = TreePlan()
    tree_edge, children, roots = _tree(chart)
    depth = _depths(children, roots)
    if not depth or max(depth.values()) > MAX_DEPTH:
        return plan
    clustered = {node for cluster in chart.clusters for node in cluster.nodes}
    tree_edges = set(tree_edge.values())
    plan.loose = {
        index
        for index, edge in enumerate(chart.edges)
        if index not in tree_edges and edge.target in tree_edge
    }

    def stackable(node: str) -> bool:
        edge = chart.edges[tree_edge[node]]
        return (
            not children.get(node)
            and edge.kind == "solid"
            and not edge.label
            and node not in clustered
            and edge.source not in clustered
        )

    def place(node: str, rank: int) -> tuple[int, str]:
        """Lay out the subtree of ``node`` at ``rank``; its deepest (rank, box)."""
        deepest = (rank, node)
        below = [child for child in children.get(node, ()) if depth.get(child) is not None]
        members = [child for child in below if stackable(child)]
        branches = [child for child in below if child not in members]
        if members:
            stack = Stack(f"cluster_team_{node}", node, _columns(members))
            plan.stacks.append(stack)
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
        rows = math.ceil(len(branches) / ROW_WIDTH)
        width = math.ceil(len(branches) / rows) if rows else 0
        ends: list[tuple[int, str]] = []
        for number, branch in enumerate(branches):
            start = rank + 1
            if number >= width:
                above_rank, above = ends[number - width]
                start = above_rank + 1
                plan.spacers.append((above, branch))
            ends.append(place(branch, start))
            deepest = max(deepest, ends[-1])
        return deepest

    for root in roots:
        place(root, 0)
    return plan
