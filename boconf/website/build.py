"""The plan made into files: charts drawn by Graphviz and pages by their templates, on
every core.

Drawing is the slow part (one Graphviz process per batch of charts). The site is made in
pieces, each a few pages with the charts they show: a worker makes the charts (a unit's are
made only then), draws them, writes the pages and inlines the charts. The workers are forked
once and inherit the build's state from a module global: only piece numbers and finished
files cross between processes.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from boconf.output import OutputError
from boconf.rendering.dot import to_dot
from boconf.rendering.renderer import RendererError
from boconf.util.workers import default_jobs, each_parallel
from boconf.website import charts as chart_plan
from boconf.website import html_output, markdown_output
from boconf.website.charts import PlannedChart
from boconf.website.page import HTML, MARKDOWN, Page, Progress
from boconf.website.plan import SitePlan
from boconf.website.writing import Staged, StagedSite


@dataclass(frozen=True)
class Output:
    """What an output format brings: its templates, how a page is drawn, its static files."""

    environment: Callable[[], Environment]
    render_page: Callable[[Environment, Page], bytes]
    static_files: Callable[[], dict[str, bytes]]
    template_suffix: str


OUTPUTS = {
    HTML: Output(
        html_output.environment, html_output.render_page, html_output.static_files, ".html"
    ),
    MARKDOWN: Output(
        markdown_output.environment,
        markdown_output.render_page,
        markdown_output.static_files,
        ".md",
    ),
}
CHARTS_PER_BATCH = 64  # charts drawn by one renderer process


@dataclass(frozen=True)
class Work:
    """What one worker does in one go: these charts and these pages (indices into the plan's
    lists). A page travels with the charts it shows: a unit's charts, made when first asked
    for, are made by the worker that writes the unit's page, which inlines them once drawn."""

    charts: tuple[int, ...] = ()
    pages: tuple[int, ...] = ()


@dataclass
class Made:
    """A worker's files: the charts as SVG and the pages (by index, in ``Work`` order), which
    pages show a chart drawn by another worker (inlined once every chart is drawn, left here
    as drafts); when the build writes the site as it goes, the files staged instead of sent
    back and the names of every file it wrote or found already there, or why the piece could
    not be made."""

    svgs: list[tuple[int, bytes]] = field(default_factory=list)
    pages: list[tuple[int, bytes]] = field(default_factory=list)
    late: list[int] = field(default_factory=list)
    staged: list[Staged] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    error: RendererError | OutputError | None = None


@dataclass
class _Build:
    """One build's work, in a module global while it runs: forked workers inherit it, so
    nothing but task numbers and finished files cross between processes."""

    output: Output
    dot: str | None
    charts: list[PlannedChart]  # those to draw as SVG: none in Markdown
    pages: list[Page]
    environment: Environment
    site: StagedSite | None = None  # where the workers write their files, if they do


_build: _Build | None = None


def _current() -> _Build:
    assert _build is not None, "workers run only inside render_site"
    return _build


def _make(work: Work) -> Made:
    """Worker: the charts' DOT sources, drawn as SVG by one renderer process, then the pages
    from their templates, each with its charts inlined; written beside their places when
    the build writes the site as it goes (all of the piece's or none)."""
    build = _current()
    charts = [build.charts[index] for index in work.charts]
    sources = [to_dot(chart.chart) for chart in charts]
    try:
        svgs = chart_plan.render_svgs(sources, build.dot)
    except RendererError as error:
        if build.site is None:
            raise
        return Made(error=error)
    drawn = {chart.path: svg for chart, svg in zip(charts, svgs, strict=True)}
    made = Made(svgs=list(zip(work.charts, svgs, strict=True)))
    for index in work.pages:
        page = build.pages[index]
        draft = build.output.render_page(build.environment, page)
        if build.charts and not all(path in drawn for path in html_output.chart_markers(draft)):
            made.late.append(index)
        elif build.charts:
            draft = html_output.inline_charts(page.path, draft, drawn)
        made.pages.append((index, draft))
    return made if build.site is None else _staged(build.site, made)


def _staged(site: StagedSite, made: Made) -> Made:
    """The piece's files written beside their places (a late page stays a draft, sent back)."""
    build = _current()
    late = set(made.late)
    files = [(f"{build.charts[index].path}.svg", data) for index, data in made.svgs]
    files += [(build.pages[index].path, data) for index, data in made.pages if index not in late]
    staged = Made(pages=[(i, data) for i, data in made.pages if i in late], late=made.late)
    try:
        for name, data in files:
            written = site.stage(name, data)
            if written is not None:
                staged.staged.append(written)
            staged.names.append(name)
    except OutputError as error:
        site.discard(staged.staged)
        return Made(error=error)
    return staged


def _work(build: _Build, jobs: int | None) -> list[Work]:
    """The build in pieces for the workers, each drawn by one renderer process.

    Each page goes with the charts it draws (a chart drawn twice with the first page), the
    charts no page draws (the pages of a paged chart) alone; those are packed into pieces of
    a few dozen charts: few enough to save renderer start-ups (a few ms each), enough
    (several per core) for the cores to finish together. The largest go first (by the boxes
    their charts show at most, a fair guess of their cost: a large unit's chart costs ten
    times a small one's), so that the last pieces, which one core may make while the other
    waits, are the quickest.
    """
    index_of = {id(chart): index for index, chart in enumerate(build.charts)}
    claimed: set[int] = set()
    units: list[Work] = []
    for number, page in enumerate(build.pages):
        # Only the charts it draws: an index's pages (linked, not drawn) could be hundreds,
        # too many for one piece.
        mine = [
            index_of[id(chart)] for chart in page.charts if chart.embedded and id(chart) in index_of
        ]
        mine = list(dict.fromkeys(index for index in mine if index not in claimed))
        claimed.update(mine)
        units.append(Work(tuple(mine), (number,)))
    units += [Work((index,)) for index in range(len(build.charts)) if index not in claimed]

    def weight(unit: Work) -> int:
        return sum(build.charts[index].weight for index in unit.charts)

    def slots(unit: Work) -> int:  # a page without charts is about as quick as a chart
        return max(1, len(unit.charts))

    cores = jobs or default_jobs()
    size = max(1, min(CHARTS_PER_BATCH, -(-sum(map(slots, units)) // (cores * 4))))
    pieces: list[Work] = []
    batch: list[Work] = []
    filled = 0
    for unit in sorted(units, key=lambda unit: -weight(unit)):  # stable: ties in page order
        if batch and filled + slots(unit) > size:
            pieces.append(_merged(batch))
            batch, filled = [], 0
        batch.append(unit)
        filled += slots(unit)
    if batch:
        pieces.append(_merged(batch))
    return pieces


def _merged(batch: list[Work]) -> Work:
    return Work(
        tuple(index for unit in batch for index in unit.charts),
        tuple(index for unit in batch for index in unit.pages),
    )


def render_site(plan: SitePlan, progress: Progress | None = None) -> dict[str, bytes]:
    """Every file of the site by path relative to its root. Raises RendererError.

    The site is made in pieces on every core: each piece's charts are drawn by one Graphviz
    process (start-ups cost a few milliseconds each; drawing is the slow part), then its
    pages are written from their templates with their charts inlined.
    The caller writes the files once all are made, so a failure writes nothing.
    """
    files, _made = _run(plan, progress, None)
    return files


def write_site_as_made(
    plan: SitePlan, out: Path, progress: Progress | None = None
) -> tuple[int, int]:
    """The site made as :func:`render_site` makes it and written into ``out`` as
    :func:`boconf.website.writing.write_site` writes it, but by the workers that make the
    files, each to a temporary beside its place: nothing crosses back to this process but
    names, and its files are moved into place once all are made; if one cannot be, none is
    (the staged ones are removed). Returns (files written, files of the site). Raises
    RendererError or OutputError."""
    site = StagedSite(out)
    files, made = _run(plan, progress, site)
    staged = [entry for piece in made for entry in piece.staged]
    elsewhere = [name for piece in made for name in piece.names]
    written = site.commit(files, staged, elsewhere)
    return written, len(files) + len(elsewhere) + 1  # and the manifest


def _run(
    plan: SitePlan, progress: Progress | None, site: StagedSite | None
) -> tuple[dict[str, bytes], list[Made]]:
    """The files made in this process (every one, unless ``site`` had the workers write
    theirs), and what each piece's worker made."""
    global _build
    output = OUTPUTS[plan.options.format]
    environment = output.environment()
    for name in sorted({page.template for page in plan.pages}):
        # Compiled here, once, before the fork: every worker inherits the compiled templates.
        environment.get_template(f"{name}{output.template_suffix}")
    charts = plan.charts if plan.options.format == HTML else []
    build = _Build(output, plan.options.dot, charts, plan.pages, environment, site)
    pieces = _work(build, plan.options.jobs)
    made: list[Made] = []
    _build = build
    try:
        # Closed at once if this fails half-way, so that no worker outlives the build.
        with closing(each_parallel(_make, pieces, plan.options.jobs, chunksize=1)) as results:
            for work, piece in zip(pieces, results, strict=True):
                made.append(piece)
                if progress is not None:
                    progress(len(work.charts) + len(work.pages))
    except BaseException:
        # Not a piece's failure (those are sent back, below) but this process's: a bug or
        # Ctrl-C. What was staged is removed; a worker stopped half-way through its piece
        # may leave a temporary behind (``.NAME.PID.tmp``, beside the file it was for).
        if site is not None:
            site.discard(entry for piece in made for entry in piece.staged)
        raise
    finally:
        _build = None
    failed = next((piece.error for piece in made if piece.error is not None), None)
    if failed is not None:
        assert site is not None  # only a staging worker sends a failure back
        site.discard(entry for piece in made for entry in piece.staged)
        raise failed
    svgs = {index: svg for piece in made for index, svg in piece.svgs}
    pages = {index: data for piece in made for index, data in piece.pages}
    late = sorted(index for piece in made for index in piece.late)
    if late:
        shown = {path for index in late for path in html_output.chart_markers(pages[index])}
        drawn = _drawn(charts, svgs, made, site, shown)
        for index in late:
            pages[index] = html_output.inline_charts(plan.pages[index].path, pages[index], drawn)
    files = output.static_files()
    for index, data in sorted(pages.items()):
        files[plan.pages[index].path] = data
    for index, svg in sorted(svgs.items()):
        files[f"{charts[index].path}.svg"] = svg
    return files, made


def _drawn(
    charts: list[PlannedChart],
    svgs: dict[int, bytes],
    made: list[Made],
    site: StagedSite | None,
    shown: set[str],
) -> dict[str, bytes]:
    """The SVG of each chart in ``shown`` (by path), for the late pages: from memory, or where
    a worker put it."""
    if site is None:
        return {charts[i].path: svg for i, svg in svgs.items() if charts[i].path in shown}
    where = {target: temporary for piece in made for temporary, target in piece.staged}
    drawn = {}
    for path in shown:
        target = str(site.out / f"{path}.svg")
        try:
            drawn[path] = Path(where.get(target, target)).read_bytes()
        except OSError:
            continue  # shown as an image instead (inline_charts)
    return drawn
