"""Chart -> DOT, with the ``graphviz`` package. Byte-identical for the same chart.

Labels are user text: backslashes are doubled here (DOT reads ``\\n``, ``\\l`` ... as escapes)
and the ``graphviz`` package escapes the double quotes; everything else (``<``, ``{}``, ``|``)
is literal inside a quoted label of a box node.
"""

from __future__ import annotations

import graphviz

from boconf.rendering.chart import Chart
from boconf.rendering.styles import DASHED, DOUBLE, ROUNDED_PROVIDER, THICK, colours

FONT = "Helvetica"


def escape_label(lines: list[str]) -> str:
    return "\\n".join(
        line.replace("\\", "\\\\").replace("\r", "").replace("\n", " ") for line in lines
    )


def to_dot(chart: Chart) -> str:
    graph = graphviz.Digraph(
        "boconf",
        graph_attr={
            "rankdir": chart.direction,
            "label": escape_label([chart.title]),
            "labelloc": "t",
            "fontname": FONT,
            "fontsize": "16",
            "nodesep": "0.3",
            "ranksep": "0.5",
        },
        node_attr={"shape": "box", "style": "rounded,filled", "fontname": FONT, "fontsize": "11"},
        edge_attr={"color": "#6b7280", "fontname": FONT, "fontsize": "10"},
    )
    clustered = {node for cluster in chart.clusters for node in cluster.nodes}
    by_id = {node.id: node for node in chart.nodes}

    def add(target: graphviz.Digraph, node_id: str) -> None:
        node = by_id[node_id]
        fill, stroke = colours(node.classes)
        style = ["rounded", "filled"]
        if DASHED.intersection(node.classes):
            style.append("dashed")
        attributes = {
            "label": escape_label(node.lines),
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
        target.node(node.id, **attributes)

    for node in chart.nodes:
        if node.id not in clustered:
            add(graph, node.id)
    for cluster in chart.clusters:
        with graph.subgraph(name=f"cluster_{cluster.id}") as sub:
            sub.attr(
                label=escape_label([cluster.label]), style="rounded", color="#9ca3af", fontname=FONT
            )
            for node_id in cluster.nodes:
                add(sub, node_id)
    for edge in chart.edges:
        attributes = {}
        if edge.kind != "solid":
            attributes["style"] = edge.kind
        if edge.label:
            attributes["label"] = escape_label([edge.label])
        graph.edge(edge.source, edge.target, **attributes)
    source: str = graph.source
    return source
