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
from boconf.rendering.dot import escape_label
from boconf.rendering.mermaid import escape
from boconf.rendering.views.registry import VIEWS

from .conftest import MINIMAL_ORG, REPO, Run

GOLDEN = REPO / "tests" / "golden" / "charts"
NODE = re.compile(r"^\s*n\d+ \[", re.MULTILINE)  # a node statement (edges read "n1 -> n2")
DATE = ("--reference-date", "2026-11-26")


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("BOCONF_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"BOCONF_UPDATE_GOLDEN=1 accepts {name}"


@pytest.mark.parametrize("view", sorted(VIEWS))
@pytest.mark.parametrize("output_format", ["dot", "mermaid"])
def test_golden_charts_of_the_example(
    view: str, output_format: str, boconf: Callable[..., Run]
) -> None:
    run = boconf("render", "org", "--view", view, "--format", output_format, *DATE, cwd=REPO)
    assert run.code == 0, run.err
    assert_golden(f"{view}.{output_format}", run.out)
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
    svg = ET.parse(target).getroot()
    nodes = [g for g in svg.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "node"]
    assert len(nodes) == expected > 0
    again = tmp_path / "again.svg"
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
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{view}.svg" for view in VIEWS)
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
