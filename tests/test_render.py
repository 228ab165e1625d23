"""Charts: golden DOT and Mermaid per view, escaping, filters, overlay, renderers, outputs."""

from __future__ import annotations

import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from boconf import load_organisation
from boconf.rendering import renderer
from boconf.rendering.chart import ECHO, Chart, Node
from boconf.rendering.dot import escape_label, to_dot, wrap_lines
from boconf.rendering.mermaid import escape
from boconf.rendering.tree_layout import MAX_WIDTH, TreePlan, _Planner, plan_tree
from boconf.rendering.views.registry import VIEWS

from .conftest import MINIMAL_ORG, REPO, Run
from .helpers import assert_golden

GOLDEN = REPO / "tests" / "golden" / "charts"
# A node statement (edges read "n1 -> n2"); a table chart is one node, "table".
NODE = re.compile(r"^\s*(?:n\d+|table) \[", re.MULTILINE)
DATE = ("--reference-date", "2026-11-26")


@pytest.mark.parametrize("view", sorted(VIEWS))
@pytest.mark.parametrize("output_format", ["dot", "mermaid"])
def test_golden_charts_of_the_example(
    view: str, output_format: str, boconf: Callable[..., Run]
) -> None:
    run = boconf("render", "org", "--view", view, "--format", output_format, *DATE, cwd=REPO)
    assert run.code == 0, run.err
    assert_golden(GOLDEN / f"{view}.{output_format}", run.out)
    assert (
        boconf("render", "org", "--view", view, "--format", output_format, *DATE, cwd=REPO).out
        == run.out
    )


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_svg_parses_and_has_a_node_per_entity(
    view: str, boconf: Callable[..., Run], tmp_path: Path
) -> None:
    target = tmp_path / f"{view}.svg"
    assert boconf("render", "org", "--view", view, "-o", str(target), cwd=REPO).code == 0
    dot = boconf("render", "org", "--view", view, "--format", "dot", cwd=REPO).out
    expected = len(NODE.findall(dot))
    # A paged chart (the example's reporting lines) has its boxes on the index and its pages.
    files = [target, *sorted(tmp_path.glob(f"{view}--*.svg"))]
    nodes = [
        g
        for svg in files
        for g in ET.parse(svg).getroot().iter("{http://www.w3.org/2000/svg}g")
        if g.get("class") == "node"
    ]
    assert len(nodes) == expected > 0
    again = tmp_path / "again" / f"{view}.svg"  # the same name: pages are linked by it
    boconf("render", "org", "--view", view, "-o", str(again), cwd=REPO)
    assert again.read_bytes() == target.read_bytes()  # byte-identical across runs


HOSTILE = (
    "<script>alert(1)</script> \"quoted\" 'single' back\\slash {x} |y| --> ]] end\nnext # %% `code`"
)


def test_labels_are_escaped_for_every_target() -> None:
    dot = escape_label([HOSTILE])
    assert "\n" not in dot and "\\\\slash" in dot
    mermaid = escape(HOSTILE)
    for raw in ['"', "<", ">", "{", "}", "|", "[", "]", "`", "-->", "\n", "\\"]:
        assert raw not in mermaid, raw
    assert mermaid.startswith("#lt;script#gt;")


def test_hostile_names_are_inert_in_dot_mermaid_and_svg(
    org: Callable[..., Path], boconf: Callable[..., Run], tmp_path: Path
) -> None:
    sales = MINIMAL_ORG["units/sales.yaml"].replace(
        "name: Vendite",
        'name: "<script>alert(1)</script> \\"q\\" back\\\\slash {x} |y| --> ]]\\nline2"',
    )
    root = org(units__sales_yaml=sales)
    assert boconf("validate", "org", cwd=root.parent).code == 0
    dot = boconf("render", "org", "--view", "structure", "--format", "dot", cwd=root.parent).out
    # Wrapped at a space into two box lines (DOT's \\n), the text itself untouched.
    assert 'label="<script>alert(1)</script> \\"q\\"\\nback\\\\slash {x} |y| --> ]] line2' in dot
    mermaid = boconf(
        "render", "org", "--view", "structure", "--format", "mermaid", cwd=root.parent
    ).out
    assert "<script>" not in mermaid and "-->]]" not in mermaid
    assert "#lt;script#gt;alert#40;1#41;#lt;/script#gt;" in mermaid
    svg_path = tmp_path / "s.svg"
    assert (
        boconf("render", "org", "--view", "structure", "-o", str(svg_path), cwd=root.parent).code
        == 0
    )
    svg = svg_path.read_text(encoding="utf-8")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ET.fromstring(svg)  # still well-formed XML


def structure_nodes(boconf: Callable[..., Run], *args: str) -> int:
    run = boconf("render", "org", "--view", "structure", "--format", "dot", *args, cwd=REPO)
    assert run.code == 0, run.err
    return sum(
        1 for line in run.out.splitlines() if "[label=" in line and line.strip().startswith("n")
    )


def test_filters(boconf: Callable[..., Run]) -> None:
    everything = structure_nodes(boconf)
    assert everything == 26
    assert structure_nodes(boconf, "--depth", "1") == 1
    assert structure_nodes(boconf, "--depth", "2") == 3
    tree = load_organisation(REPO / "org").tree
    assert tree is not None
    children = [u for u in tree.units.values() if u.parent == "operations-directorate"]
    assert structure_nodes(boconf, "--root", "operations-directorate", "--depth", "2") == 1 + len(
        children
    )
    assert structure_nodes(boconf, "--unit", "finance") == 3
    assert structure_nodes(boconf, "--office", "front") == 9
    reporting = boconf(
        "render",
        "org",
        "--view",
        "reporting",
        "--root",
        "coo",
        "--depth",
        "2",
        "--format",
        "dot",
        cwd=REPO,
    )
    assert reporting.code == 0 and reporting.out.count("[label=") == 12


def test_findings_overlay_marks_the_entity(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    no_manager = MINIMAL_ORG["units/it.yaml"].replace("manager: it-head\n", "")
    root = org(units__it_yaml=no_manager)
    plain = boconf(
        "render", "org", "--view", "structure", "--format", "dot", *DATE, cwd=root.parent
    ).out
    marked = boconf(
        "render",
        "org",
        "--view",
        "structure",
        "--format",
        "dot",
        "--findings",
        *DATE,
        cwd=root.parent,
    ).out
    line = next(row for row in marked.splitlines() if "IT support" in row)
    assert 'color="#dc2626"' in line and "penwidth=2.5" in line
    assert 'color="#dc2626"' not in next(row for row in plain.splitlines() if "IT support" in row)


def test_usage_errors_exit_2(boconf: Callable[..., Run], tmp_path: Path) -> None:
    assert boconf("render", "org", "--view", "organigram", cwd=REPO).code == 2
    unknown = boconf("render", "org", "--view", "structure", "--root", "finanse", cwd=REPO)
    assert unknown.code == 2 and "no unit 'finanse'. did you mean 'finance'?" in unknown.err
    inside = boconf("render", "org", "--view", "structure", "-o", "org/chart.svg", cwd=REPO)
    assert inside.code == 2 and "refusing to write inside the organisation directory" in inside.err
    assert not (REPO / "org" / "chart.svg").exists()
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    unwritable = boconf(
        "render", "org", "--view", "structure", "-o", str(blocked / "x.svg"), cwd=REPO
    )
    assert unwritable.code == 2 and "cannot write" in unwritable.err
    assert boconf("render", "org", "--view", "structure", "--format", "png", cwd=REPO).code == 2


def test_a_missing_renderer_is_a_clear_error_and_dot_and_mermaid_still_work(
    boconf: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(renderer, "find_renderers", lambda explicit=None: [])
    run = boconf("render", "org", "--view", "structure", "-o", str(tmp_path / "s.svg"), cwd=REPO)
    assert run.code == 2
    assert (
        "pip install graphviz-pure" in run.err
        and "--format dot and --format mermaid need no renderer" in run.err
    )
    assert not (tmp_path / "s.svg").exists()
    assert boconf("render", "org", "--view", "structure", "--format", "dot", cwd=REPO).code == 0
    assert boconf("render", "org", "--view", "structure", "--format", "mermaid", cwd=REPO).code == 0


def test_explicit_renderer_and_verbose(boconf: Callable[..., Run], tmp_path: Path) -> None:
    pure = shutil.which(
        "graphviz-pure",
        path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    )
    assert pure, "graphviz-pure is a dependency"
    run = boconf(
        "render",
        "org",
        "--view",
        "support",
        "-o",
        str(tmp_path / "s.svg"),
        "--dot",
        pure,
        "-v",
        cwd=REPO,
    )
    assert run.code == 0 and f"rendered by explicit ({pure})" in run.err
    missing = boconf(
        "render",
        "org",
        "--view",
        "support",
        "-o",
        str(tmp_path / "t.svg"),
        "--dot",
        "/nonexistent/dot",
        cwd=REPO,
    )
    assert missing.code == 2 and "does not exist" in missing.err


def test_all_views_into_a_directory_leaves_no_temporary_files(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "charts"
    assert boconf("render", "org", "--all", "-o", str(out), cwd=REPO).code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{view}.svg" for view in VIEWS]
        + ["reporting--coo.svg", "reporting--finance-manager.svg"]  # its 93 posts are paged
    )
    assert all(p.stat().st_mode & 0o044 for p in out.iterdir())  # readable like any file


def test_render_many_splits_one_svg_per_graph_and_matches_single_renders() -> None:
    sources = [f'digraph g{i} {{ a{i} -> b{i} [label="{i}"] }}' for i in range(5)]
    many = renderer.render_many(sources)
    assert len(many) == 5
    for source, svg in zip(sources, many, strict=True):
        single, _ = renderer.render(source, "svg")
        assert svg == single
        ET.fromstring(svg)
    assert renderer.render_many([]) == []


SVG_SIZE = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def test_every_view_of_the_example_fits_a_3_to_1_aspect_ratio(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    """Laid out by the renderer `make demo` uses; neither side more than 3 times the other."""
    out = tmp_path / "charts"
    assert boconf("render", "org", "--all", "-o", str(out), cwd=REPO).code == 0
    for view in sorted(VIEWS):
        size = SVG_SIZE.search((out / f"{view}.svg").read_bytes())
        assert size, view
        width, height = float(size.group(1)), float(size.group(2))
        assert max(width / height, height / width) <= 3, f"{view}: {width} x {height} pt"


def test_svg_names_the_font_stack_it_was_measured_for(tmp_path: Path) -> None:
    svg, _ = renderer.render(to_dot(Chart("t", nodes=[Node("n0", ["Box"])])), "svg")
    assert b'font-family="DejaVu Sans,Helvetica,Arial,Liberation Sans,sans-serif"' in svg
    assert b'font-family="DejaVu Sans"' not in svg


def test_labels_wrap_at_spaces() -> None:
    assert wrap_lines(["Responsabile amministrazione, finanza e controllo", "Ugo"]) == [
        "Responsabile amministrazione,",
        "finanza e controllo",
        "Ugo",
    ]
    word = "x" * 40  # a word longer than a line stays whole
    assert wrap_lines([f"a {word} b", ""]) == ["a", word, "b", ""]


def tree_chart(edges: list[tuple[str, str, str]], nodes: int) -> Chart:
    chart = Chart("t", layout="tree")
    for number in range(nodes):
        chart.add_node(f"p:{number}", [str(number)])
    for source, target, kind in edges:
        chart.add_edge(f"p:{source}", f"p:{target}", kind)
    return chart


def test_tree_plan_stacks_leaves_and_wraps_branches_onto_rows() -> None:
    # 0 has leaves 1, 2, 13 and branches 3..7 (each with one leaf, 8..12); 13 also has a
    # dotted line from 3.
    edges = [("0", "1", "solid"), ("0", "2", "solid")]
    edges += [("0", str(branch), "solid") for branch in range(3, 8)]
    edges += [(str(branch), str(branch + 5), "solid") for branch in range(3, 8)]
    edges += [("0", "13", "solid"), ("3", "13", "dashed")]
    plan = plan_tree(tree_chart(edges, 14))
    # Leaves of 0 (1, 2 and 13) in one framed column, in chart order; the one leaf under each
    # branch is no column: a plain box below it, no frame.
    assert [(s.parent, s.columns) for s in plan.stacks] == [("n0", [["n1", "n2", "n13"]])]
    lead = {index for index, how in plan.stacked_edges.items() if how == "lead"}
    assert {(edges[i][0], edges[i][1]) for i in lead} == {("0", "1")}
    assert plan.stacked_edges[1] == plan.stacked_edges[12] == "hidden"  # 0->2, 0->13
    assert plan.loose == {13}  # the dotted line places nothing
    # Five branches, at most 3 a row: 3, 4, 5 on the first row, 6 and 7 below 3 and 4's leaves.
    assert ("n8", "n6") in plan.spacers and ("n9", "n7") in plan.spacers
    assert ("n1", "n2") in plan.spacers and ("n2", "n13") in plan.spacers
    assert len(plan.spacers) == 4
    dot = to_dot(tree_chart(edges, 14))
    assert dot.count("subgraph cluster_") == 1
    assert "\tn3 -> n8\n" in dot  # a lone leaf's own line, drawn as any report's


def test_an_echo_is_stacked_after_the_reports_and_a_stack_of_echoes_leads_dashed() -> None:
    # Posts 0..4 (1, 2 and 4 report to 0, 3 to 2), then, as the reporting view adds them,
    # echoes: 5 (post 3's dotted line to 0), 6 and 7 (posts 3's and 4's dotted lines to 1).
    chart = tree_chart([("0", "1", "solid"), ("0", "2", "solid"), ("2", "3", "solid")], 4)
    chart.add_node("p:4", ["4"])
    chart.add_edge("p:0", "p:4")
    for echo, post, manager in (("5", "3", "0"), ("6", "3", "1"), ("7", "4", "1")):
        chart.add_node(f"p:{echo}", [post, "(dotted line)"], (ECHO,))
        chart.add_edge(f"p:{manager}", f"p:{echo}", "dashed")
    plan = plan_tree(chart)
    assert [(s.parent, s.columns) for s in plan.stacks] == [
        ("n0", [["n4", "n5"]]),  # the echo after the manager's own report
        ("n1", [["n6", "n7"]]),  # 2's lone report, 3, is a box below it
    ]
    dot = to_dot(chart)
    assert "constraint=false" not in dot  # no line across the chart to pull boxes towards
    assert "n0 -> n4 [lhead=cluster_team_n0]\n" in dot  # led by a report: solid
    assert "n1 -> n6 [lhead=cluster_team_n1 style=dashed]" in dot  # only echoes: dashed
    assert "\tn2 -> n3\n" in dot
    assert dot.count('style="rounded,filled,dotted"') == 3

    # A lone echo is a dotted box below its dotted-line manager, on a dashed line.
    lone = tree_chart([("0", "1", "solid"), ("0", "2", "solid"), ("1", "3", "solid")], 4)
    lone.add_node("p:4", ["3", "(dotted line)"], (ECHO,))
    lone.add_edge("p:2", "p:4", "dashed")
    assert "\tn2 -> n4 [style=dashed]\n" in to_dot(lone)
    assert plan_tree(lone).stacks == []


def test_a_stack_beside_a_branch_leaves_it_less_room() -> None:
    # 0 has two wide leaves (a stack) and one branch 3, whose 6 wide sub-branches each have a
    # leaf: on its own, 3 would put 3 sub-branches a row; beside 0's stack only fewer fit.
    wide = "w" * 30  # about 200 pt a box
    chart = Chart("t", layout="tree")
    for number in range(16):
        chart.add_node(f"p:{number}", [f"{wide} {number}"])
    edges = [("0", "1"), ("0", "2"), ("0", "3")]
    edges += [("3", str(branch)) for branch in range(4, 10)]
    edges += [(str(branch), str(branch + 6)) for branch in range(4, 10)]
    for source, target in edges:
        chart.add_edge(f"p:{source}", f"p:{target}")
    planner = _Planner(chart, TreePlan())
    planner.measure()
    root = planner.width["n0"]
    assert planner.per_row["n3"] < 3
    assert root <= MAX_WIDTH, f"{root} pt estimated"


def test_tree_plan_balances_long_stacks_into_columns() -> None:
    edges = [("0", str(leaf), "solid") for leaf in range(1, 15)]  # 14 leaves: 3 columns of 5, 5, 4
    plan = plan_tree(tree_chart(edges, 15))
    assert [len(column) for column in plan.stacks[0].columns] == [5, 5, 4]
    assert ("n0", "n6") in plan.spacers and ("n0", "n11") in plan.spacers


def test_tree_plan_leaves_cycles_and_dashed_only_parents_alone() -> None:
    # 1 and 2 report to each other (a cycle: no root reaches them); 4 hangs on 0 by a dashed
    # line only (the back-office head managing a unit itself): it is placed by that line.
    edges = [("1", "2", "solid"), ("2", "1", "solid"), ("0", "3", "solid"), ("0", "4", "dashed")]
    plan = plan_tree(tree_chart(edges, 5))
    assert plan.stacks == []  # 0's one leaf, 3, is a box below it
    assert plan.loose == set()
    dot = to_dot(tree_chart(edges, 5))
    assert "n0 -> n4 [style=dashed]" in dot and "n1 -> n2\n" in dot
