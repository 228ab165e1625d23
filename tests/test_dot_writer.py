"""The DOT writer writes what the graphviz package wrote, byte for byte (the golden charts
pin the example; these pin the quoting rules on the awkward cases), and inlined charts are
checked for anything that could run."""

from __future__ import annotations

import random
import warnings

import graphviz
import pytest

from boconf.rendering.dot_writer import DotWriter, quote
from boconf.website.html_output import unsafe

AWKWARD = [
    "plain",
    "two words",
    "",
    "42",
    "-.5",
    "3.",
    "node",  # a DOT keyword: quoted
    "Graph",
    'say "hi"',
    'already \\"escaped\\"',
    "back\\\\slash\\\\n",
    "<b>html-like</b>",
    "ends in <",
    "Unità 102 — facilities",
    "#6b7280",
    "rounded,filled",
]


@pytest.mark.parametrize("value", AWKWARD)
def test_quote_is_the_graphviz_packages(value: str) -> None:
    assert quote(value) == graphviz.quoting.quote(value)


def test_quote_is_the_graphviz_packages_on_random_text() -> None:
    # The labels' quick path (a space, nothing to escape) and the library's path, on text
    # made of what DOT quoting cares about: spaces, quotes, backslashes, <, >, newlines,
    # keywords, digits and dots.
    generator = random.Random(7)
    pieces = [" ", '"', "\\", "<", ">", "\n", "a", "Z", "_", "7", ".", "-", "node", "é", "\\n"]
    seen_quick = 0
    for _ in range(20_000):
        value = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 8)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the library warns of a final odd backslash
            assert quote(value) == graphviz.quoting.quote(value), repr(value)
        seen_quick += " " in value and '"' not in value
    assert seen_quick > 1_000


def test_a_graph_is_written_as_the_graphviz_package_writes_it() -> None:
    graph_attr = {"rankdir": "TB", "label": 'A "title"', "fontsize": "16"}
    node_attr = {"shape": "box", "style": "rounded,filled"}
    edge_attr = {"color": "#6b7280"}
    package = graphviz.Digraph(
        "boconf", graph_attr=graph_attr, node_attr=node_attr, edge_attr=edge_attr
    )
    ours = DotWriter("boconf", graph_attr, node_attr, edge_attr)
    for value in AWKWARD[:6]:
        attributes = {"label": value + "\\nsecond", "URL": "u.html", "color": "#111111"}
        package.node(f"n{len(value)}", **attributes)
        ours.node(f"n{len(value)}", attributes)
    with package.subgraph(name="cluster_team_n1") as sub:
        sub.attr(label="", style="rounded", margin="6")
        sub.node("n9", label="in a frame")
        sub.edge("n9", "n3")
    ours.open_subgraph("cluster_team_n1", {"label": "", "style": "rounded", "margin": "6"})
    ours.node("n9", {"label": "in a frame"})
    ours.edge("n9", "n3", {})
    ours.close_subgraph()
    package.edge("n1", "n2", label="dotted", style="dashed", constraint="false")
    ours.edge("n1", "n2", {"style": "dashed", "constraint": "false", "label": "dotted"})
    package.edge("n2", "n3", style="invis")
    ours.edge("n2", "n3", {"style": "invis"})
    assert ours.source() == package.source


@pytest.mark.parametrize(
    ("svg", "bad"),
    [
        (b'<svg><g class="node"><text>online = 3 &lt;script&gt;</text></g></svg>', False),
        (b'<svg><g class="x" data-on="1"><a xlink:href="../units/a.html"></a></g></svg>', False),
        (b'<svg><g onclick="x()"></g></svg>', True),
        (b'<svg><g data-xonclick="1" class="a"></g></svg>', False),
        (b"<svg><g id=\"a\"\tonmouseover='x()'></g></svg>", True),
        (b'<svg><g class="ononclick" ononclick="x()"></g></svg>', True),
        (b'<svg><g\nONLOAD = "x()"></g></svg>', True),
        (b'<svg><a xlink:href=" JavaScript:x()"></a></svg>', True),
        (b"<svg><SCRIPT>x()</SCRIPT></svg>", True),
        (b"<svg><foreignObject></foreignObject></svg>", True),
    ],
)
def test_an_inlined_chart_that_could_run_anything_is_refused(svg: bytes, bad: bool) -> None:
    assert unsafe(svg) is bad
