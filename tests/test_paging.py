"""Large organisations are paged, not shrunk: an index, one linked page per subtree, the way
back on every page; at 1,000 positions every post is on exactly one page and no page is
larger than 5,000 pt on either side."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from boconf import load_organisation
from boconf.graph.structure import build_structure
from boconf.rendering.chart import Chart
from boconf.rendering.paging import CRUMB_CLASS, LINK_CLASS, page_chart
from boconf.rendering.tree_layout import MAX_WIDTH
from boconf.rendering.views.common import ViewContext
from boconf.rendering.views.registry import VIEWS

from .conftest import REPO, Run

sys.path.insert(0, str(REPO / "benchmarks"))
import make_org

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
SIZE = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def boxes(svg: Path) -> list[tuple[str, str | None, str | None]]:
    """Every box of an SVG chart: (its class, its tooltip, its link)."""
    found = []
    for group in ET.parse(svg).getroot().iter(f"{SVG}g"):
        kind = group.get("class") or ""
        if not kind.startswith("node"):
            continue
        anchor = next(group.iter(f"{SVG}a"), None)
        title = anchor.get(f"{XLINK}title") if anchor is not None else None
        href = anchor.get(f"{XLINK}href") if anchor is not None else None
        found.append((kind, title, href))
    return found


def file_of(page: str) -> str:
    return f"c--{page}.svg" if page else "c.svg"


def chart_of(edges: list[tuple[int, int]], count: int) -> Chart:
    chart = Chart("Org", layout="tree", noun=("position", "positions"))
    for number in range(count):
        chart.add_node(f"position:p{number}", [f"Post {number}", "Holder"], posts=2)
    for source, target in edges:
        chart.add_edge(f"position:p{source}", f"position:p{target}")
    return chart


def test_a_small_chart_is_one_page_itself() -> None:
    chart = chart_of([(0, 1)], 2)
    [page] = page_chart(chart, file_of)
    assert page.name == "" and page.chart is chart and (page.boxes, page.posts) == (2, 4)


def test_largest_branches_go_to_their_own_pages_with_breadcrumbs() -> None:
    # 0 -> 1 (with 1 -> 2..7) and 0 -> 8 (with 8 -> 9..10), 0 -> 11: 12 boxes, budget 7.
    edges = [(0, 1), *[(1, n) for n in range(2, 8)], (0, 8), (8, 9), (8, 10), (0, 11)]
    pages = page_chart(chart_of(edges, 12), file_of, budget=7)
    assert [page.name for page in pages] == ["", "p1"]
    index, sub = pages
    # The index: 0, 8, 9, 10, 11 and one link box for 1's subtree (7 boxes, 14 posts).
    link = [n for n in index.chart.nodes if LINK_CLASS in n.classes]
    assert [n.lines for n in link] == [["Post 1", "7 positions, 14 posts ▸"]]
    assert link[0].link == "c--p1.svg"
    assert len(index.chart.nodes) == 6
    # The page: a crumb back to the index, then 1 and its six reports.
    crumbs = [n for n in sub.chart.nodes if CRUMB_CLASS in n.classes]
    assert [(n.lines, n.link) for n in crumbs] == [(["▲ Org"], "c.svg")]
    assert sub.chart.title == "Org: Post 1" and sub.parent == ""
    assert len(sub.chart.nodes) == 8 and (sub.boxes, sub.posts) == (7, 14)


def test_many_small_branches_are_packed_into_pages_and_the_trail_names_the_parent() -> None:
    # 0 -> 1 -> 2..21 (twenty leaves): with a budget of 8, 1 keeps no leaf; packs of 8, 8, 4.
    edges = [(0, 1), *[(1, n) for n in range(2, 22)]]
    pages = page_chart(chart_of(edges, 22), file_of, budget=8)
    assert [page.name for page in pages] == ["", "p1+1", "p1+2", "p1+3"]
    assert [page.boxes for page in pages] == [22, 8, 8, 4]
    last = pages[3].chart
    assert last.title == "Org: Post 18 … Post 21 (under Post 1)"
    # The index holds 0 and 1 under it: the trail is the index, then 1 (the packs' parent),
    # both linking to the index, and the pack's boxes hang on the last crumb.
    crumbs = [n for n in last.nodes if CRUMB_CLASS in n.classes]
    assert [(n.lines, n.link) for n in crumbs] == [(["▲ Org"], "c.svg"), (["▲ Post 1"], "c.svg")]
    assert [(e.source, e.kind) for e in last.edges] == [(crumbs[0].id, "dashed")] + [
        (crumbs[1].id, "dashed")
    ] * 4


@pytest.fixture(scope="module")
def org_1000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("org1000")
    make_org.generate(1000, root, seed=5)
    return root


@pytest.mark.parametrize("view", ["reporting", "structure", "back-office"])
def test_1000_positions_every_box_on_exactly_one_readable_page(
    view: str, org_1000: Path, boconf: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "charts"
    run = boconf("render", str(org_1000), "--view", view, "-o", f"{out}/")
    assert run.code == 0, run.err
    files = sorted(out.iterdir())
    assert (out / f"{view}.svg").is_file()
    assert all(p.name == f"{view}.svg" or p.name.startswith(f"{view}--") for p in files)
    tree = load_organisation(org_1000).tree
    assert tree is not None
    # What the whole chart shows, by each box's tooltip (its entity id).
    whole = VIEWS[view](ViewContext(build_structure(tree)))
    expected = Counter(node.tooltip for node in whole.nodes)
    if view == "reporting":
        # Every position once, by its own box; besides them, one echo per dotted line drawn
        # (the post again, under its dotted-line manager), each on exactly one page too.
        own = Counter(node.tooltip for node in whole.nodes if not node.echo)
        assert own == Counter(list(tree.positions)) and len(own) == 1000
        dotted = {(t, p) for p, post in tree.positions.items() for t in post.dotted_to}
        echoes = [node.tooltip for node in whole.nodes if node.echo]
        assert len(echoes) == len(dotted) > 0
        assert set(echoes) == {f"{p}, dotted line to {t}" for t, p in dotted}
    seen: Counter[str] = Counter()
    for svg in files:
        width, height = (float(v) for v in SIZE.search(svg.read_bytes()).groups())  # type: ignore[union-attr]
        assert width <= 5000 and height <= 5000, f"{svg.name}: {width} x {height} pt"
        assert width <= MAX_WIDTH + 100, f"{svg.name} is {width} pt wide"
        for kind, title, href in boxes(svg):
            if kind == "node":
                seen[title or ""] += 1
            else:
                assert kind in (f"node {LINK_CLASS}", f"node {CRUMB_CLASS}"), kind
                assert href and (out / href).is_file(), f"{svg.name}: {href} is missing"
    assert len(files) >= 2, "1,000 positions fit no single page"
    assert seen == expected
    # Deterministic: the same files, byte for byte.
    again = tmp_path / "again"
    assert boconf("render", str(org_1000), "--view", view, "-o", f"{again}/").code == 0
    assert {p.name: p.read_bytes() for p in again.iterdir()} == {
        p.name: p.read_bytes() for p in files
    }


def test_output_file_puts_pages_beside_it(
    org_1000: Path, boconf: Callable[..., Run], tmp_path: Path
) -> None:
    target = tmp_path / "org.svg"
    run = boconf("render", str(org_1000), "--view", "structure", "-o", str(target))
    assert run.code == 0, run.err
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names[0] == "org--u1.svg" and names[-1] == "org.svg"
    assert all(name.startswith("org--") for name in names[:-1])
    assert f"structure: {len(names) - 1} pages beside {target}" in run.err
    # The index links each page, each page links back to the index.
    index_links = {href for kind, _, href in boxes(target) if kind != "node"}
    assert index_links == set(names[:-1])
    for name in names[:-1]:
        assert "org.svg" in {href for kind, _, href in boxes(tmp_path / name) if kind != "node"}
    # dot and mermaid are sources: never paged.
    dot = boconf("render", str(org_1000), "--view", "structure", "--format", "dot")
    assert dot.code == 0 and "page-link" not in dot.out


def test_dotted_lines_do_not_widen_the_unit_charts_of_the_site(org_1000: Path) -> None:
    # Each unit's reporting chart on the site, at 1,000 positions with a dotted line from
    # every unit's first specialist to each sub-unit's second: drawn as lines to the posts
    # themselves, they pulled branches aside (9 of these 100 charts were wider than
    # 1,000 pt, up to 1,401); drawn as echoes, every chart keeps to the width limit.
    import datetime as dt

    from boconf.linting.check import check, settings_for
    from boconf.rendering.dot import to_dot
    from boconf.rendering.renderer import render
    from boconf.website import SiteOptions, plan_site

    result = check(org_1000, settings_for(org_1000, None, dt.date(2026, 11, 26)))
    charts = [c.chart for c in plan_site(result, SiteOptions()).charts if c.view == "reporting"]
    assert len(charts) == 100
    echoes = sum(node.echo for chart in charts for node in chart.nodes)
    assert echoes >= 90  # the dotted lines are drawn, not dropped
    for chart in charts:
        svg = render(to_dot(chart), "svg", None)[0]
        width, _height = (float(v) for v in SIZE.search(svg).groups())  # type: ignore[union-attr]
        assert width <= MAX_WIDTH + 100, f"{chart.title}: {width} pt wide"
