"""Chart -> DOT. Byte-identical for the same chart.

Labels are user text: backslashes are doubled here (DOT reads ``\\n``, ``\\l`` ... as escapes)
and the writer (:mod:`dot_writer`) escapes the double quotes; everything else (``<``, ``{}``,
``|``) is literal inside a quoted label of a box node. Box labels are wrapped at :data:`WRAP`
characters: a long title makes a box, and with it its whole column, wide.

A chart with ``layout="tree"`` is drawn as a compact org chart (:mod:`tree_layout`).
"""

from __future__ import annotations

from boconf.rendering.chart import Chart, Node
from boconf.rendering.dot_writer import DotWriter
from boconf.rendering.fonts import FONT
from boconf.rendering.styles import (
    DASHED,
    DOTTED,
    DOUBLE,
    ROUNDED_PROVIDER,
    SVG_CLASSES,
    THICK,
    colours,
)
from boconf.rendering.table import Table, to_html_label
from boconf.rendering.tree_layout import WRAP, TreePlan, plan_tree, wrap_lines

__all__ = ["WRAP", "escape_label", "to_dot", "wrap_lines"]

NODE_STYLE = {"shape": "box", "style": "rounded,filled", "fontname": FONT, "fontsize": "11"}
EDGE_STYLE = {"color": "#6b7280", "fontname": FONT, "fontsize": "10"}


def escape_label(lines: list[str]) -> str:
    return "\\n".join(
        line.replace("\\", "\\\\").replace("\r", "").replace("\n", " ") for line in lines
    )


def table_dot(title: str, table: Table) -> str:
    """A table chart: its title, then the table as one borderless node (see rendering.table)."""
    dot = DotWriter(
        "boconf",
        {"label": escape_label([title]), "labelloc": "t", "fontname": FONT, "fontsize": "16"},
        {"shape": "plaintext", "fontname": FONT, "fontsize": "11", "margin": "0"},
    )
    dot.node("table", {"label": to_html_label(table)})
    return dot.source()


def graph_attributes(chart: Chart, tree: bool) -> dict[str, str]:
    attributes = {
        "rankdir": chart.direction,
        "label": escape_label([chart.title]),
        "labelloc": "t",
        "fontname": FONT,
        "fontsize": "16",
        "nodesep": "0.3",
        "ranksep": "0.5",
    }
    if tree:
        # Stacked boxes sit one rank apart: a narrow gap keeps a stack a list, not a ladder.
        attributes.update({"compound": "true", "nodesep": "0.25", "ranksep": "0.3"})
    return attributes


def node_attributes(node: Node) -> dict[str, str]:
    """How a box looks: its classes (rendering.styles) as Graphviz attributes."""
    fill, stroke = colours(node.classes)
    style = ["rounded", "filled"]
    if DASHED.intersection(node.classes):
        style.append("dashed")
    elif DOTTED.intersection(node.classes):
        style.append("dotted")
    attributes = {
        "label": escape_label(wrap_lines(node.lines)),
        "fillcolor": fill,
        "color": stroke,
        "style": ",".join(style),
    }
    if ROUNDED_PROVIDER in node.classes:
        attributes["shape"] = "ellipse"
        attributes["style"] = "filled"
    if DOUBLE.intersection(node.classes):
        attributes["peripheries"] = "2"
    if THICK.intersection(node.classes):
        attributes["penwidth"] = "2.5"
    if node.link:
        attributes["URL"] = node.link
    if node.tooltip:
        attributes["tooltip"] = escape_label([node.tooltip])
    marked = [name for name in node.classes if name in SVG_CLASSES]
    if marked:
        attributes["class"] = " ".join(marked)
    return attributes


def _nodes(dot: DotWriter, chart: Chart, plan: TreePlan) -> None:
    """Every box: loose ones first, then the view's clusters, then the stacks' frames."""
    stacked = plan.stacked()
    clustered = {node for cluster in chart.clusters for node in cluster.nodes}
    by_id = {node.id: node for node in chart.nodes}
    for node in chart.nodes:
        if node.id not in clustered and node.id not in stacked:
            dot.node(node.id, node_attributes(node))
    for cluster in chart.clusters:
        frame = {
            "label": escape_label([cluster.label]),
            "style": "rounded",
            "color": "#9ca3af",
            "fontname": FONT,
        }
        dot.open_subgraph(f"cluster_{cluster.id}", frame)
        for node_id in cluster.nodes:
            dot.node(node_id, node_attributes(by_id[node_id]))
        dot.close_subgraph()
    for stack in plan.stacks:
        dot.open_subgraph(
            stack.id, {"label": "", "style": "rounded", "color": "#d1d5db", "margin": "6"}
        )
        for column in stack.columns:
            for node_id in column:
                dot.node(node_id, node_attributes(by_id[node_id]))
        dot.close_subgraph()


def _edges(dot: DotWriter, chart: Chart, plan: TreePlan) -> None:
    """Every line but a stacked member's own (its stack's lead stands for it), then the
    invisible edges that place the stacks and rows."""
    for index, edge in enumerate(chart.edges):
        drawn = plan.stacked_edges.get(index)
        if drawn == "hidden":
            continue
        attributes = {}
        if edge.kind != "solid":
            attributes["style"] = edge.kind
        if edge.label:
            attributes["label"] = escape_label([edge.label])
        if drawn == "lead":
            attributes["lhead"] = plan.lead_to[index]
        if index in plan.loose:
            attributes["constraint"] = "false"
        dot.edge(edge.source, edge.target, attributes)
    for upper, lower in plan.spacers:
        dot.edge(upper, lower, {"style": "invis"})


def to_dot(chart: Chart) -> str:
    if chart.table is not None:
        return table_dot(chart.title, chart.table)
    tree = chart.layout == "tree" and chart.direction == "TB"
    plan = plan_tree(chart) if tree else TreePlan()
    dot = DotWriter("boconf", graph_attributes(chart, tree), NODE_STYLE, EDGE_STYLE)
    _nodes(dot, chart, plan)
    _edges(dot, chart, plan)
    return dot.source()
