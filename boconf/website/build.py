"""The plan made into files: charts drawn by Graphviz and pages by their templates, on
every core.

Drawing is the slow part (one Graphviz process per chart). Every DOT source is built first,
with the pages, which need no chart; then every chart is rendered. Both passes run in forked
worker processes, which inherit the build's state from a module global: only task numbers
and finished files cross between processes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from jinja2 import Environment

from boconf.rendering.dot import to_dot
from boconf.util.workers import default_jobs, run_parallel
from boconf.website import charts as chart_plan
from boconf.website import html_output, markdown_output
from boconf.website.charts import PlannedChart
from boconf.website.page import HTML, MARKDOWN, Page, Progress
from boconf.website.plan import SitePlan


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
DOT = "dot"
PAGE = "page"
Task = tuple[str, int]  # (DOT or PAGE, index): all a worker is sent
CHARTS_PER_BATCH = 64  # charts drawn by one renderer process


@dataclass
class _Build:
    """One build's work, in a module global while it runs: forked workers inherit it, so
    nothing but task numbers and finished files cross between processes."""

    output: Output
    dot: str | None
    charts: list[PlannedChart]
    pages: list[Page]
    environment: Environment
    sources: list[str] = field(default_factory=list)


_build: _Build | None = None


def _current() -> _Build:
    assert _build is not None, "workers run only inside render_site"
    return _build


def _prepare(task: Task) -> bytes:
    """Worker, first pass: a chart's DOT source, or a page from its template."""
    kind, index = task
    build = _current()
    if kind == DOT:
        return to_dot(build.charts[index].chart).encode("utf-8")
    return build.output.render_page(build.environment, build.pages[index])


def _render_charts(indices: list[int]) -> list[bytes]:
    """Worker, second pass: a batch of DOT sources drawn as SVG by one renderer process."""
    build = _current()
    return chart_plan.render_svgs([build.sources[index] for index in indices], build.dot)


def _batches(sizes: list[int], jobs: int | None) -> list[list[int]]:
    """Chart indices in batches: few enough to save renderer start-ups (a few ms each),
    enough (several per core) for the cores to finish together.

    The largest charts (``sizes``: their DOT sources' lengths, a fair guess of their cost)
    go first, so that the last batches, which one core may draw while the other waits, are
    the quickest; a large unit's chart costs ten times a small one's.
    """
    count = len(sizes)
    cores = jobs or default_jobs()
    size = max(1, min(CHARTS_PER_BATCH, -(-count // (cores * 4))))
    order = sorted(range(count), key=lambda index: -sizes[index])  # stable: ties by index
    return [order[start : start + size] for start in range(0, count, size)]


def render_site(plan: SitePlan, progress: Progress | None = None) -> dict[str, bytes]:
    """Every file of the site by path relative to its root. Raises RendererError.

    First every DOT source (and every page, which needs no chart) is built on every core;
    then every chart is rendered on every core, in batches of charts per Graphviz process
    (start-ups cost a few milliseconds each): the slow part.
    The caller writes the files once all are made, so a failure writes nothing.
    """
    global _build
    output = OUTPUTS[plan.options.format]
    environment = output.environment()
    for name in sorted({page.template for page in plan.pages}):
        # Compiled here, once, before the fork: every worker inherits the compiled templates.
        environment.get_template(f"{name}{output.template_suffix}")
    charts = plan.charts if plan.options.format == HTML else []
    build = _Build(output, plan.options.dot, charts, plan.pages, environment)
    jobs = plan.options.jobs
    tasks: list[Task] = [(DOT, i) for i in range(len(charts))]
    tasks += [(PAGE, i) for i in range(len(plan.pages))]
    _build = build
    try:
        prepared = run_parallel(_prepare, tasks, jobs)
        build.sources = [data.decode("utf-8") for data in prepared[: len(charts)]]
        if progress is not None:
            progress(len(plan.pages))
        drawn_by_index: dict[int, bytes] = {}
        batches = _batches([len(source) for source in build.sources], jobs)
        step = max(1, len(batches) // 10) if progress is not None else len(batches) or 1
        for start in range(0, len(batches), step):
            group = batches[start : start + step]
            for batch, made in zip(group, run_parallel(_render_charts, group, jobs), strict=True):
                drawn_by_index.update(zip(batch, made, strict=True))
            if progress is not None:
                progress(sum(len(batch) for batch in group))
        svgs = [drawn_by_index[index] for index in range(len(charts))]
    finally:
        _build = None
    files = output.static_files()
    drawn = {chart.path: svg for chart, svg in zip(charts, svgs, strict=True)}
    for page, data in zip(plan.pages, prepared[len(charts) :], strict=True):
        files[page.path] = html_output.inline_charts(page.path, data, drawn) if charts else data
    for path, svg in drawn.items():
        files[f"{path}.svg"] = svg
    return files
