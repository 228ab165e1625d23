"""The support matrix and the sourcing bars: their content recomputed from the files, the
choice between the edge chart and the matrix, the gaps against the lint rules, the site."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import yaml

from boconf.graph.structure import build_structure
from boconf.load import load_organisation
from boconf.rendering.support_matrix import Mark, Status, build_matrix, least_crossings
from boconf.rendering.views.common import ViewContext
from boconf.rendering.views.sourcing_mix import build as build_mix

from .conftest import REPO, Run

SVG_SIZE = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def example_units() -> dict[str, dict[str, object]]:
    """Every unit of org/ as its YAML says it, read without boconf."""
    units = {}
    for path in sorted((REPO / "org" / "units").glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if document and document.get("kind") == "Unit":
                units[document["id"]] = document
    return units


def example_structure():  # type: ignore[no-untyped-def]
    tree = load_organisation(REPO / "org").tree
    assert tree is not None
    return build_structure(tree)


def test_the_matrix_marks_are_the_supports_of_the_files() -> None:
    units = example_units()
    back = sorted(u for u, d in units.items() if d["office"] == "back")
    front = sorted(u for u, d in units.items() if d["office"] == "front")
    matrix = build_matrix(example_structure(), back, front)
    assert sorted(matrix.columns) == front and len(front) == 9
    direct = {(b, f) for b in back for f in units[b].get("supports") or []}  # type: ignore[attr-defined]
    assert {k for k, m in matrix.marks.items() if m is Mark.DIRECT} == direct
    # Inherited: the unit supports the front-office unit's parent, not the unit itself.
    inherited = {
        (b, f)
        for b in back
        for f in front
        if (b, f) not in direct and units[f].get("parent") in (units[b].get("supports") or [])  # type: ignore[operator]
    }
    assert {k for k, m in matrix.marks.items() if m is Mark.INHERITED} == inherited
    assert ("controlling", "key-accounts") in inherited  # it supports the commercial directorate
    # Rows: every back-office unit that supports someone, plus the two BO205 exceptions.
    supporting = {b for b, _ in direct}
    assert set(matrix.row_units) == supporting | {"accounts-payable", "payroll"}
    assert len(matrix.row_units) == 16
    # Grouped by function, in order.
    functions = [units[u]["function"] for u in matrix.row_units]
    assert functions == sorted(functions)


def test_suppressed_findings_are_accepted_exceptions_with_their_reason() -> None:
    matrix = build_matrix(example_structure(), example_units(), example_units())
    assert {u: (f.code, f.status) for u, f in matrix.flags.items()} == {
        "accounts-payable": ("BO205", Status.ACCEPTED),
        "payroll": ("BO205", Status.ACCEPTED),
    }
    assert matrix.flags["payroll"].reason == (
        "pays every employee; it serves no front-office unit in particular"
    )


ARCHIVE = """apiVersion: boconf/v1
kind: Unit
id: archive
name: Archivio <&>
office: back
function: data_management
parent: exec
"""


def test_gaps_match_the_lint_rules(
    org: Callable[..., Path], boconf: Callable[..., Run], tmp_path: Path
) -> None:
    root = org(**{"units/archive.yaml": ARCHIVE})
    check = boconf("check", "org", "--format", "json", cwd=root.parent)
    found = {(d["code"], d["message"]) for d in json.loads(check.out)["findings"]}
    tree = load_organisation(root).tree
    assert tree is not None
    matrix = build_matrix(build_structure(tree), tree.units, tree.units)
    assert {u: f.status for u, f in matrix.flags.items()} == {
        "sales": Status.GAP,
        "archive": Status.GAP,
    }
    for flag in matrix.flags.values():
        assert (flag.code, flag.message) in found
    assert matrix.flags["sales"].message == (
        "front-office unit 'sales' (sales) has no support from credit, administration"
    )
    # One support edge cannot cross itself: the edge chart stays, with no table.
    dot = boconf("render", "org", "--view", "support", "--format", "dot", cwd=root.parent).out
    assert "table [" not in dot and "->" in dot
    # Accepted once suppressed on the unit, with the reason shown.
    root = org(
        **{
            "units/archive.yaml": ARCHIVE
            + "lint:\n  ignore:\n    BO205: keeps the records of the whole company\n"
        }
    )
    tree = load_organisation(root).tree
    assert tree is not None
    matrix = build_matrix(build_structure(tree), tree.units, tree.units)
    assert matrix.flags["archive"].status is Status.ACCEPTED
    assert matrix.flags["archive"].reason == "keeps the records of the whole company"


def test_the_example_crosses_itself_so_render_draws_the_matrix(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    dot = boconf("render", "org", "--view", "support", "--format", "dot", cwd=REPO).out
    assert "table [label=<<TABLE" in dot
    # A mark cell per support pair: 'supports X' tooltips, one per direct mark.
    units = example_units()
    pairs = sum(len(d.get("supports") or []) for d in units.values())  # type: ignore[arg-type]
    assert dot.count(" supports ") - dot.count(" supports a parent unit of ") == pairs
    # Mermaid has no tables: it keeps the edges.
    mermaid = boconf("render", "org", "--view", "support", "--format", "mermaid", cwd=REPO).out
    assert mermaid.count("-->") == pairs
    target = tmp_path / "support.svg"
    assert boconf("render", "org", "--view", "support", "-o", str(target), cwd=REPO).code == 0
    svg = target.read_text(encoding="utf-8")
    assert "&lt;" not in svg or "<script" not in svg
    size = SVG_SIZE.search(target.read_bytes())
    assert size
    width, height = float(size.group(1)), float(size.group(2))
    assert max(width / height, height / width) <= 3
    # Units link to their pages when the site embeds it: the view asks for every unit's link.
    asked: list[str] = []
    structure = example_structure()

    def link(kind: str, identifier: str) -> str:
        asked.append(identifier)
        return f"units/{identifier}.html"

    from boconf.rendering.views.support import build

    build(ViewContext(structure, link=link))
    shown = build_matrix(structure, units, units)
    assert set(asked) == {*shown.row_units, *shown.columns}


def test_crossing_counts() -> None:
    # a-x, b-y drawn in order: no crossing; a-y, b-x: one, which reordering removes.
    assert least_crossings(["a", "b"], ["x", "y"], [("a", "y"), ("b", "x")]) == 0
    # K(2,2) crosses itself whatever the order.
    full = [("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")]
    assert least_crossings(["a", "b"], ["x", "y"], full) == 1


def test_hostile_names_are_escaped_in_the_table(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    root = org(**{"units/archive.yaml": ARCHIVE})
    tree = load_organisation(root).tree
    assert tree is not None
    from boconf.rendering.table import to_html_label
    from boconf.rendering.views.support import matrix_table

    structure = build_structure(tree)
    label = to_html_label(
        matrix_table(ViewContext(structure), build_matrix(structure, tree.units, tree.units))
    )
    assert "Archivio &lt;&amp;&gt;" in label and "<&>" not in label


def test_sourcing_bars_recomputed_by_hand() -> None:
    chart = build_mix(ViewContext(example_structure()))
    lines = {node.lines[0]: node.lines[1] for node in chart.nodes}
    # payroll: its one post (1 FTE) in-house, 1.5 contracted vendor FTE: 2.5 FTE, 40/60.
    assert lines["payroll: Paghe e contributi"] == "2.5 FTE: 40% in-house, 60% vendor"
    # service desk: 4 posts in-house at 60%; the vendor's 40% derived: 4 x 0.4 / 0.6 = 2.67.
    assert lines["IT service desk"] == "6.67 FTE: 60% in-house, 40% vendor"
    # credit: Gestione crediti 4 in-house + Cluj 4 captive.
    assert lines["credit"] == "8 FTE: 50% in-house, 50% captive"
    assert lines["Whole back office"] == "69.47 FTE: 76% in-house, 14% captive, 10% vendor"
    assert chart.table is not None
    # The whole back office's bar is full width; its segments add up to it.
    bars = [cell.bar for row in chart.table.rows for cell in row if cell.bar]
    assert [s.width for s in bars[0]] == [273, 52, 35]  # 69.47 FTE: 52.8, 9.67, 7 of 360 pt
    assert all(sum(s.width for s in bar) == 360 for bar in bars)


class Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.marks = 0
        self._in: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "th" and values.get("scope") == "col":
            self._in, self._text = "col", ""
        if tag == "td" and "direct" in (values.get("class") or "").split():
            self.marks += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "th" and self._in == "col":
            self.headers.append(" ".join(self._text.split()))
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text += data


def test_the_site_shows_the_matrix_as_a_table(boconf: Callable[..., Run], tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert boconf("docs", "org", "-o", str(site), cwd=REPO).code == 0
    page = (site / "index.html").read_text(encoding="utf-8")
    table = page[page.index('<table class="matrix') : page.index("</table>", page.index("matrix"))]
    assert "<caption>" in table
    cells = Cells()
    cells.feed(table)
    units = example_units()
    front = {d["name"] for d in units.values() if d["office"] == "front"}
    assert set(cells.headers[2:]) == front and len(cells.headers) == 2 + len(front)
    assert cells.marks == sum(len(d.get("supports") or []) for d in units.values())  # type: ignore[arg-type]
    assert table.count("(accepted)") == 2
    assert 'href="units/payroll.html"' in table


def test_a_backslash_in_a_name_stays_a_backslash_in_the_drawn_matrix(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    """graphviz-pure expands escapes such as \\N (the node's name, here 'table') even in
    HTML-like text: a unit named 'Sales \\N team' must still read so in the SVG."""
    import shutil

    root = tmp_path / "org"
    shutil.copytree(REPO / "org", root)
    sales = root / "units" / "commercial-directorate.yaml"
    text = sales.read_text(encoding="utf-8")
    assert text.count("name: Direzione commerciale\n") == 1
    sales.write_text(
        text.replace("name: Direzione commerciale\n", 'name: "Sales \\\\N team"\n'),
        encoding="utf-8",
    )
    out = tmp_path / "support.svg"
    run = boconf("render", "--view", "support", "--format", "svg", str(root), "-o", str(out))
    assert run.code == 0, run.err
    drawn = out.read_text(encoding="utf-8").replace("\u2060", "")
    assert "Sales \\N team" in drawn
    assert "Sales table team" not in drawn


def test_matrix_cells_are_each_cell_as_its_row_and_column_say() -> None:
    # The row writer (built from cached empty rows) against a cell-by-cell reference, on
    # random rows: every row state, column states, and marks from none to every cell.
    import random

    from boconf.rendering.support_matrix import Flag
    from boconf.website.html_output import matrix_cells
    from boconf.website.refs import Ref
    from boconf.website.support import Header, MatrixRow

    def header(state: str) -> Header:
        flag = Flag("BO204", Status(state), "message") if state else None
        return Header(Ref("u"), flag)

    def reference(row: MatrixRow, columns: list[Header]) -> str:
        words = {"direct": ("●", "supports"), "inherited": ("○", "supports a parent unit")}
        cells = []
        for mark, column in zip(row.marks, columns, strict=True):
            if mark:
                symbol, word = words[mark]
                inner = f'<span aria-hidden="true">{symbol}</span><span class="sr">{word}</span>'
                cells.append(f'<td class="{mark}">{inner}</td>')
            else:
                state = row.header.state or column.state
                cells.append(f'<td class="{state}"></td>' if state else "<td></td>")
        return "".join(cells)

    generator = random.Random(7)
    states = ["", "", "", "gap", "accepted"]
    for _ in range(200):
        columns = [header(generator.choice(states)) for _ in range(generator.randint(1, 12))]
        density = generator.choice([0.0, 0.1, 0.5, 1.0])
        marks = [
            generator.choice(["direct", "inherited"]) if generator.random() < density else ""
            for _ in columns
        ]
        row = MatrixRow(header(generator.choice(states)), marks)
        states = tuple(column.state for column in columns)
        assert str(matrix_cells(row, states)) == reference(row, columns)
