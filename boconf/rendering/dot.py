"""Chart -> DOT, with the ``graphviz`` package. Byte-identical for the same chart.

Labels are user text: backslashes are doubled here (DOT reads ``\\n``, ``\\l`` ... as escapes)
and the ``graphviz`` package escapes the double quotes; everything else (``<``, ``{}``, ``|``)
is literal inside a quoted label of a box node. Box labels are wrapped at :data:`WRAP`
characters: a long title makes a box, and with it its whole column, wide.

A chart with ``layout="tree"`` is drawn as a compact org chart (:mod:`tree_layout`).
"""

from __future__ import annotations

import graphviz

from boconf.rendering.chart import Chart
from boconf.rendering.fonts import FONT
from boconf.rendering.styles import (
    DASHED,
    DOUBLE,
    ROUNDED_PROVIDER,
    SVG_CLASSES,
    THICK,
    colours,
)
from boconf.rendering.table import Table, to_html_label
from boconf.rendering.tree_layout import WRAP, TreePlan, plan_tree, wrap_lines

__all__ = ["WRAP", "escape_label", "to_dot", "wrap_lines"]


def escape_label(lines: list[str]) -> str:
    return "\\n".join(
        line.replace("\\", "\\\\").replace("\r", "").replace("\n", " ") for line in lines
    )


def table_dot(title: str, table: Table) -> str:
    """A table chart: its title, then the table as one borderless node (see rendering.table)."""
    graph = graphviz.Digraph(
        "boconf",
        graph_attr={
            "label": escape_label([title]),
            "labelloc": "t",
            "fontname": FONT,
            "fontsize": "16",
        },
        node_attr={"shape": "plaintext", "fontname": FONT, "fontsize": "11", "margin": "0"},
    )
    graph.node("table", label=to_html_label(table))
    source: str = graph.source
    return source


def to_dot(chart: Chart) -> str:
    if chart.table is not None:
        return table_dot(chart.title, chart.table)
    tree = chart.layout == "tree" and chart.direction == "TB"
    plan = plan_tree(chart) if tree else TreePlan()
    graph_attr = {
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
        graph_attr.update({"compound": "true", "nodesep": "0.25", "ranksep": "0.3"})
    graph = graphviz.Digraph(
        "boconf",
        graph_attr=graph_attr,
        node_attr={"shape": "box", "style": "rounded,filled", "fontname": FONT, "fontsize": "11"},
        edge_attr={"color": "#6b7280", "fontname": FONT, "fontsize": "10"},
    )
    stacked = plan.stacked()
    clustered = {node for cluster in chart.clusters for node in cluster.nodes}
    by_id = {node.id: node for node in chart.nodes}

    def add(target: graphviz.Digraph, node_id: str) -> None:
        node = by_id[node_id]
        fill, stroke = colours(node.classes)
        style = ["rounded", "filled"]
        if DASHED.intersection(node.classes):
            style.append("dashed")
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
        target.node(node.id, **attributes)

    for node in chart.nodes:
        if node.id not in clustered and node.id not in stacked:
            add(graph, node.id)
    for cluster in chart.clusters:
        with graph.subgraph(name=f"cluster_{cluster.id}") as sub:
            sub.attr(
                label=escape_label([cluster.label]), style="rounded", color="#9ca3af", fontname=FONT
            )
            for node_id in cluster.nodes:
                add(sub, node_id)
    for stack in plan.stacks:
        with graph.subgraph(name=stack.id) as sub:
            sub.attr(label="", style="rounded", color="#d1d5db", margin="6")
            for column in stack.columns:
                for node_id in column:
                    add(sub, node_id)
    for index, edge in enumerate(chart.edges):
        drawn = plan.stacked_edges.get(index)
        if drawn == "hidden":
            continue  # the stack's lead line stands for it
        attributes = {}
        if edge.kind != "solid":
            attributes["style"] = edge.kind
        if edge.label:
            attributes["label"] = escape_label([edge.label])
        if drawn == "lead":
            attributes["lhead"] = plan.lead_to[index]
        if index in plan.loose:
            attributes["constraint"] = "false"
        graph.edge(edge.source, edge.target, **attributes)
    for upper, lower in plan.spacers:
        graph.edge(upper, lower, style="invis")
    source: str = graph.source
    return source
