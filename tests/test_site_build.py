"""How `boconf docs` makes its files: in pieces on every core, a unit's charts made only by the
worker that writes the unit's page, every chart inlined into the page that shows it."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from boconf.linting.check import CheckResult, check, settings_for
from boconf.output import OutputError
from boconf.rendering.renderer import RendererError
from boconf.website import SiteOptions, plan_site, render_site, write_site, write_site_as_made
from boconf.website import build as site_build
from boconf.website.charts import MAX_NODES, posts_below
from boconf.website.plan import SitePlan

from .conftest import REPO

DATE = dt.date(2026, 11, 26)


@functools.cache
def example_result() -> CheckResult:
    return check(REPO / "org", settings_for(REPO / "org", None, DATE))


def example_plan(jobs: int | None = None) -> SitePlan:
    return plan_site(example_result(), SiteOptions(jobs=jobs))


def pieces_of(plan: SitePlan, jobs: int) -> list[site_build.Work]:
    """How the build would split ``plan`` for ``jobs`` workers (no environment needed)."""
    output = site_build.OUTPUTS["html"]
    build = site_build._Build(output, None, plan.charts, plan.pages, None)  # type: ignore[arg-type]
    return site_build._work(build, jobs)


def test_unit_charts_are_made_by_the_workers_not_while_planning() -> None:
    plan = example_plan(jobs=2)
    units = [chart for chart in plan.charts if chart.page]
    overview = [chart for chart in plan.charts if not chart.page]
    assert len(units) > 20 and overview
    # functools.cached_property keeps a made chart in the instance's __dict__.
    assert not any("chart" in vars(chart) for chart in units)
    assert all(callable(chart.made) for chart in units)
    files = render_site(plan)
    # Forked workers made and drew them; the planning process never did.
    assert not any("chart" in vars(chart) for chart in units)
    assert all(f"{chart.path}.svg" in files for chart in plan.charts)


def test_serial_and_parallel_builds_give_the_same_files() -> None:
    serial = render_site(example_plan(jobs=1))
    parallel = render_site(example_plan(jobs=2))
    assert serial.keys() == parallel.keys()
    assert [name for name in serial if serial[name] != parallel[name]] == []
    # Every chart shown on a page is inlined there, none left as a marker or an image.
    pages = [data for name, data in parallel.items() if name.endswith(".html")]
    assert not any(b"<!--boconf-chart:" in page for page in pages)
    assert not any(b'<img src="' in page and b'.svg"' in page for page in pages)


def test_a_chart_shown_on_two_pages_is_inlined_on_both() -> None:
    plan = example_plan(jobs=2)
    unit_page = next(page for page in plan.pages if page.template == "unit" and page.charts)
    twin = replace(unit_page, path=unit_page.path.replace(".html", "-twin.html"))
    plan.pages.append(twin)
    files = render_site(plan)
    first, second = files[unit_page.path], files[twin.path]
    assert first == second  # same directory, same charts: the same page
    assert first.count(b"<svg") == len(unit_page.charts)
    assert b"<!--boconf-chart:" not in second and b'<img src="' not in second


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_every_chart_and_page_is_in_exactly_one_piece_heaviest_first(jobs: int) -> None:
    plan = example_plan(jobs=jobs)
    pieces = pieces_of(plan, jobs)
    charts = Counter(index for piece in pieces for index in piece.charts)
    pages = Counter(index for piece in pieces for index in piece.pages)
    assert charts == Counter(range(len(plan.charts)))
    assert pages == Counter(range(len(plan.pages)))
    # A page travels with the charts it draws.
    for piece in pieces:
        for index in piece.pages:
            shown = {id(chart) for chart in plan.pages[index].charts if chart.embedded}
            in_piece = {id(plan.charts[i]) for i in piece.charts}
            assert shown <= in_piece
    # Several pieces per core, so that the cores finish together; the heaviest chart first,
    # the last piece only light ones.
    assert len(pieces) >= min(jobs * 4, len(plan.pages))
    weights = [chart.weight for chart in plan.charts]
    assert max(weights[i] for i in pieces[0].charts) == max(weights)
    assert (
        max((weights[i] for i in pieces[-1].charts), default=0)
        <= sorted(weights)[len(weights) // 2]
    )


def test_posts_below_counts_each_units_posts_with_its_sub_units() -> None:
    structure = example_result().lint.structure
    assert structure is not None
    counts = posts_below(structure)
    tree = structure.tree
    # By hand: a unit's posts are the positions whose unit is it or any unit below it.
    for unit_id in tree.units:
        below = {unit_id}
        grew = True
        while grew:
            more = {u for u, unit in tree.units.items() if unit.parent in below} - below
            grew = bool(more)
            below |= more
        expected = sum(1 for post in tree.positions.values() if post.unit in below)
        assert counts[unit_id] == expected, unit_id
    top = [u for u, unit in tree.units.items() if unit.parent not in tree.units]
    assert sum(counts[u] for u in top) == len(tree.positions)


def test_a_unit_charts_weight_is_known_before_it_is_made() -> None:
    plan = example_plan()
    structure = example_result().lint.structure
    assert structure is not None
    counts = posts_below(structure)
    for chart in plan.charts:
        if chart.page and chart.view == "reporting":
            assert chart.weight == min(counts[chart.page], MAX_NODES)
        elif chart.page:
            assert chart.weight == 1 + len(structure.unit_tree.children[chart.page])
        else:
            assert chart.weight == len(chart.chart.nodes)
    assert not any("chart" in vars(chart) for chart in plan.charts if chart.page)


# The positions table's rows as the unit template wrote them with a loop, before
# html_output.position_rows wrote them in Python.
ROWS_TEMPLATE = """{% for p in rows %}
<tr id="{{ anchor('position', p.id) }}"{% if p.manager %} class="manager"{% endif %}>
<th scope="row">{{ p.title }}{% if p.manager %} <span class="badge">{{ _("manager") }}</span>{% endif %}</th>
<td>{% if p.holder %}{{ p.holder }}{% else %}<span class="vacant">{{ _("vacant") }}</span>{% endif %}</td>
<td class="n">{{ p.headcount }}</td>
<td class="n">{{ p.fte|fte }}</td>
<td>{{ link(p.reports_to) }}{% if p.dotted_to %}<div class="dotted">{{ _("dotted line to %(positions)s", positions=link_list(p.dotted_to)) }}</div>{% endif %}</td>
<td>{{ link(p.location) }}</td>
</tr>
{% endfor %}"""

HOSTILE = "<script>alert(1)</script> \"dq\" 'sq' & &amp; %(x)s %% {{ x }}"


@pytest.mark.parametrize("language", ["en", "it"])
def test_position_rows_are_what_the_template_loop_wrote(language: str) -> None:
    from decimal import Decimal

    from boconf import i18n
    from boconf.website import html_output
    from boconf.website.links import Links
    from boconf.website.refs import LOCATION, POSITION, Ref
    from boconf.website.unit_page import PostRow

    with i18n.using(language):
        env = html_output.environment()
        loop = env.from_string(ROWS_TEMPLATE)
        link, link_list = html_output.linker(Links(1, ".html"))
        pages = [page for page in example_plan().pages if page.template == "unit"]
        rows = [page.full_context()["page"].positions for page in pages]
        hostile = PostRow(
            f"id-{HOSTILE}",
            HOSTILE,
            None,
            3,
            Decimal("2.50"),
            Ref(HOSTILE, POSITION, "boss", "unit<1>"),
            [Ref(HOSTILE, POSITION, "a", "u"), Ref("plain"), Ref(HOSTILE)],
            Ref(HOSTILE, LOCATION, "loc&1"),
            True,
        )
        rows.append([hostile, replace(hostile, holder=HOSTILE, manager=False, dotted_to=[])])
        assert sum(1 for each in rows for row in each if row.dotted_to) >= 2
        for each in rows:
            expected = loop.render(rows=each, link=link, link_list=link_list)
            assert html_output.position_rows(each, link, link_list) == expected
        made = html_output.position_rows(rows[-1], link, link_list)
        assert "<script>" not in made and "&lt;script&gt;" in made


def test_the_pages_of_a_paged_chart_are_drawn_apart_from_its_index_page() -> None:
    # As a large organisation's overview: the index page lists many linked chart pages that
    # it does not draw; they must not all go to the index page's worker.
    plan = example_plan(jobs=2)
    index = next(number for number, page in enumerate(plan.pages) if page.template == "index")
    shown = plan.pages[index].charts
    linked = [
        replace(chart, path=f"{chart.path}--page{n}", embedded=False)
        for n in range(40)
        for chart in shown[:1]
    ]
    plan.charts.extend(linked)
    plan.pages[index] = replace(plan.pages[index], charts=(*shown, *linked))
    pieces = pieces_of(plan, 2)
    first = next(piece for piece in pieces if index in piece.pages)
    numbers = {id(chart): number for number, chart in enumerate(plan.charts)}
    assert {numbers[id(chart)] for chart in shown} <= set(first.charts)
    # Spread over the pieces like any chart, not all drawn by the index page's worker.
    together = {numbers[id(chart)] for chart in linked} & set(first.charts)
    assert len(together) < len(linked) // 2
    assert sum(1 for piece in pieces if set(piece.charts) & {numbers[id(c)] for c in linked}) > 2
    files = render_site(plan)
    assert all(f"{chart.path}.svg" in files for chart in linked)
    assert files[plan.pages[index].path].count(b"<svg") == len(
        [chart for chart in shown if chart.embedded]
    )


# -- the workers write the site ------------------------------------------------------------


def tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_workers_write_the_same_site_as_write_site(jobs: int, tmp_path: Path) -> None:
    plan = example_plan(jobs=jobs)
    written, total = write_site_as_made(plan, tmp_path / "staged")
    write_site(render_site(example_plan(jobs=jobs)), tmp_path / "memory")
    staged, memory = tree(tmp_path / "staged"), tree(tmp_path / "memory")
    assert staged == memory  # the manifest too
    assert written == total == len(staged)
    assert not any(name.endswith(".tmp") for name in staged)
    # Again: nothing to write, nothing staged.
    assert write_site_as_made(example_plan(jobs=jobs), tmp_path / "staged") == (0, total)


def test_a_page_showing_another_pages_chart_is_inlined_when_the_workers_write(
    tmp_path: Path,
) -> None:
    plan = example_plan(jobs=2)
    unit_page = next(page for page in plan.pages if page.template == "unit" and page.charts)
    twin = replace(unit_page, path=unit_page.path.replace(".html", "-twin.html"))
    plan.pages.append(twin)
    write_site_as_made(plan, tmp_path / "site")
    first = (tmp_path / "site" / unit_page.path).read_bytes()
    assert (tmp_path / "site" / twin.path).read_bytes() == first
    assert first.count(b"<svg") == len(unit_page.charts)


def test_a_chart_that_cannot_be_drawn_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    write_site_as_made(example_plan(jobs=2), out)
    before = tree(out)
    index_chart = next(chart.path for chart in example_plan().charts if not chart.page)
    draw = site_build.chart_plan.render_svgs

    def failing(sources: list[str], dot: str | None) -> list[bytes]:
        made = draw(sources, dot)
        if any(index_chart.rsplit("/", 1)[-1] in source for source in sources):
            raise RendererError("graphviz-pure: out of luck")
        return made

    monkeypatch.setattr(site_build.chart_plan, "render_svgs", failing)
    plan = example_plan(jobs=2)
    # Change what every page says, so that every other piece stages files before the failure.
    plan.pages[:] = [replace(page, title=page.title + " (new)") for page in plan.pages]
    with pytest.raises(RendererError, match="out of luck"):
        write_site_as_made(plan, out)
    assert tree(out) == before  # nothing moved into place, no temporary left behind


def test_a_file_that_cannot_be_written_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "units").write_text("a file where the unit pages' directory goes\n")
    with pytest.raises(OutputError, match=r"units is a file where a directory must go; remove"):
        write_site_as_made(example_plan(jobs=2), out)
    assert tree(out) == {"units": b"a file where the unit pages' directory goes\n"}
