"""Which charts the site shows, each small enough to read, and their rendering on every core.

The overview shows the structure, back-office, support and sourcing views of the whole
organisation. A chart past ``MAX_NODES`` boxes is a wall, never a map: the org charts
(structure, back-office) are paged as ``boconf render`` pages them (:mod:`boconf.rendering.paging`:
the index embedded, every page a file beside it, linked from its box and from the caption);
the other views get fewer and fewer levels until one fits. A unit page shows its reporting
lines (its top levels when they are many: each sub-unit's page shows the rest) and, when it
has sub-units, its part of the unit tree.

Rendering is the slow part, one Graphviz process per chart: the site builds every DOT source
first, then renders them all in parallel (:mod:`boconf.website.build`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from boconf import numbers
from boconf.graph.structure import OrgStructure
from boconf.i18n import _, ngettext
from boconf.rendering.chart import Chart
from boconf.rendering.paging import PAGE_BOXES, page_chart
from boconf.rendering.renderer import render_many
from boconf.rendering.views.common import ViewContext, ViewFilter
from boconf.rendering.views.registry import BY_NAME, OVERVIEW, VIEWS
from boconf.rules.base import RuleOptions
from boconf.website.links import CHARTS_DIR, UNITS_DIR, slug

MAX_NODES = PAGE_BOXES
# Which views the overview shows, how, and in what order, each view says itself (ViewSpec).
# A top-down chart wider than this many boxes on one level is turned left-to-right: a page
# scrolls down, not across, and a wide chart scaled to the page width cannot be read. (Not a
# compact org chart: it keeps its width down by stacking and wrapping, see tree_layout.)
MAX_WIDTH = 6
SHALLOWER = (6, 5, 4, 3, 2, 1)

Overlay = dict[tuple[str, str], str]
LinkFor = Callable[[str, str], str | None]  # ViewContext.link: (kind, id) -> URL


@dataclass(frozen=True, eq=False)
class PlannedChart:
    page: str  # "" for the overview, else the unit id
    path: str  # where the SVG goes, relative to the site root (without extension)
    view: str
    caption: str
    # The chart, or how to make it: a unit's charts are made when first asked for, by the
    # worker process that draws the unit's page (boconf.website.build), not one by one
    # while the site is planned.
    made: Chart | Callable[[], Chart]
    embedded: bool = True  # False: a page of a paged chart, linked, not shown on a page
    pages: tuple[tuple[str, str], ...] = ()  # an index's pages: (label, path without .svg)
    # How many boxes it shows, at most: a guess of its drawing time, known before it is made.
    bound: int = 0

    @property
    def weight(self) -> int:
        return self.bound or (len(self.made.nodes) if isinstance(self.made, Chart) else 1)

    @functools.cached_property
    def chart(self) -> Chart:
        return self.made if isinstance(self.made, Chart) else self.made()


def chart_path(page: str, view: str) -> str:
    """``charts/structure`` for the overview, ``charts/units/<unit>.<view>`` for a unit: a
    view name has no dot, so no unit id and view can make another's file name."""
    if not page:
        return f"{CHARTS_DIR}/{view}"
    return f"{CHARTS_DIR}/{UNITS_DIR}/{slug(page)}.{view}"


Candidate = tuple[ViewFilter, int]  # a filter, and how many boxes it shows at least


def _first_readable(
    view: str,
    structure: OrgStructure,
    candidates: Sequence[Candidate],
    overlay: Overlay,
    link: LinkFor,
    rule_options: Mapping[str, RuleOptions] | None = None,
) -> tuple[Chart, ViewFilter]:
    """The first filter whose chart is readable, else the last (the narrowest).

    A candidate whose lower bound already exceeds the limit is skipped unbuilt: building the
    whole organisation's chart only to throw it away would cost more than the site itself.
    """
    for index, (chosen, at_least) in enumerate(candidates):
        last = index == len(candidates) - 1
        if at_least > MAX_NODES and not last:
            continue
        chart = VIEWS[view](ViewContext(structure, chosen, overlay, link, rule_options or {}))
        if len(chart.nodes) <= MAX_NODES or last:
            break
    return _orient(chart), chosen


def _widest_level(chart: Chart) -> int:
    """The most boxes on one level, levels counted along the edges from the sources."""
    targets = {edge.target for edge in chart.edges}
    below: dict[str, list[str]] = {}
    for edge in chart.edges:
        below.setdefault(edge.source, []).append(edge.target)
    level = {node.id: 0 for node in chart.nodes if node.id not in targets}
    queue = list(level)
    while queue:  # breadth first: each box on the level of its shortest path
        current = queue.pop(0)
        for target in below.get(current, ()):
            if target not in level:
                level[target] = level[current] + 1
                queue.append(target)
    counts: dict[int, int] = {}
    for value in level.values():
        counts[value] = counts.get(value, 0) + 1
    return max(counts.values(), default=0)


def _orient(chart: Chart) -> Chart:
    # A compact org chart ("tree" layout) stacks and wraps its wide levels itself.
    if chart.direction == "TB" and chart.layout != "tree" and _widest_level(chart) > MAX_WIDTH:
        chart.direction = "LR"
    return chart


def _levels(chosen: ViewFilter) -> str:
    if chosen.depth is None:
        return ""
    return ngettext(" (top {n} level)", " (top {n} levels)", chosen.depth).format(n=chosen.depth)


def _overview_candidates(structure: OrgStructure, view: str) -> list[Candidate]:
    """The whole organisation, then fewer and fewer levels, each with the units it shows
    for sure (the view may add more: providers, the back-office head)."""
    spec = BY_NAME[view]
    depth = structure.unit_tree.depth
    if spec.whole:
        return [(ViewFilter(), 0)]
    units = [
        depth.get(unit_id, 1)
        for unit_id, unit in structure.tree.units.items()
        if spec.selects(structure, unit)
    ]
    return [
        (ViewFilter(depth=levels), sum(1 for d in units if levels is None or d <= levels))
        for levels in (None, *SHALLOWER)
    ]


def overview_charts(
    structure: OrgStructure,
    overlay: Overlay,
    link: LinkFor,
    rule_options: Mapping[str, RuleOptions] | None = None,
    paged: bool = True,
) -> list[PlannedChart]:
    """The overview's charts. A support chart drawn as a matrix is left out: the overview shows
    the matrix as a table of its own (boconf.website.support), with every front-office unit.
    ``paged``: the org charts as linked SVG pages (HTML); else by levels, as Markdown's
    Mermaid charts are (a Mermaid chart cannot link to a page that is not written)."""
    planned: list[PlannedChart] = []
    for spec in OVERVIEW:
        view, caption = spec.name, _(spec.caption)
        if paged and spec.paged:
            planned.extend(_paged(view, caption, structure, overlay, link))
            continue
        candidates = _overview_candidates(structure, view)
        chart, chosen = _first_readable(view, structure, candidates, overlay, link, rule_options)
        if not chart.nodes or (spec.matrix_as_table and chart.table is not None):
            continue
        chart.title += _levels(chosen)
        note = (
            caption
            if chosen.depth is None
            else _("{caption} Top {n} levels only: each unit's page shows the rest.").format(
                caption=caption, n=chosen.depth
            )
        )
        planned.append(PlannedChart("", chart_path("", view), view, note, chart))
    return planned


def _paged(
    view: str, caption: str, structure: OrgStructure, overlay: Overlay, link: LinkFor
) -> list[PlannedChart]:
    """The whole view, paged: the index first, then its pages, each a file in charts/."""
    chart = VIEWS[view](ViewContext(structure, ViewFilter(), overlay, link))
    if not chart.nodes:
        return []
    base = chart_path("", view)
    name = base.rsplit("/", 1)[-1]
    pages = page_chart(chart, lambda page: f"{name}--{page}.svg" if page else f"{name}.svg")
    paths = [f"{base}--{page.name}" if page.name else base for page in pages]
    index = PlannedChart(
        "",
        base,
        view,
        caption
        + (
            _(
                " Paged: the top levels here, the rest on {pages} pages of at most "
                "{boxes} boxes, each opened from its ▸ box."
            ).format(pages=len(pages) - 1, boxes=MAX_NODES)
            if len(pages) > 1
            else ""
        ),
        pages[0].chart,
        pages=tuple(
            (
                ngettext("{label} ({n} post)", "{label} ({n} posts)", page.posts).format(
                    label=page.label, n=numbers.number(page.posts, 0)
                ),
                path,
            )
            for page, path in zip(pages[1:], paths[1:], strict=True)
        ),
    )
    return [index] + [
        PlannedChart("", path, view, page.label, page.chart, embedded=False)
        for page, path in zip(pages[1:], paths[1:], strict=True)
    ]


def _rolls_up(structure: OrgStructure, position: str, manager: str) -> bool:
    """Whether ``position`` is ``manager`` or below it: a walk up that stops at its level."""
    depth = structure.reporting.depth
    parent = structure.reporting.parent
    top = depth.get(manager)
    current: str | None = position
    steps = depth.get(position, 0) - (top or 0)
    if top is None or steps < 0:
        return False
    for _step in range(steps):
        current = parent.get(current) if current is not None else None
    return current == manager


def _reporting_candidates(structure: OrgStructure, unit_id: str) -> list[Candidate]:
    """The unit's reporting lines, narrowed from its manager down when they are many.

    Starting from the manager is also much faster than filtering every position of the
    organisation by unit, so it is used whenever it shows the same posts: when every post of
    the unit and its sub-units rolls up to the manager.
    """
    manager = structure.tree.units[unit_id].manager
    members = [
        p
        for u in [unit_id, *structure.subunits(unit_id)]
        for p in structure.positions_by_unit.get(u, ())
    ]
    if (
        manager is None
        or manager not in structure.tree.positions
        or not all(_rolls_up(structure, p, manager) for p in members)
    ):
        return [(ViewFilter(unit=unit_id), len(members))]
    depth = structure.reporting.depth
    base = depth.get(manager, 1) - 1
    return [
        (
            ViewFilter(root=manager, unit=unit_id, depth=levels),
            sum(1 for p in members if levels is None or depth.get(p, 1) - base <= levels),
        )
        for levels in (None, 3, 2)
    ]


def unit_charts(
    structure: OrgStructure, unit_id: str, overlay: Overlay, link: LinkFor, posts: int = 0
) -> list[PlannedChart]:
    """The unit page's charts: its reporting lines if it has posts, its sub-units if it has
    any. Which charts there are is decided here; each is made when first asked for.
    ``posts``: the posts of the unit and its sub-units (see ``posts_below``), a guess of the
    reporting chart's size."""
    planned = []
    children = structure.unit_tree.children.get(unit_id)
    if structure.positions_by_unit.get(unit_id):
        planned.append(
            PlannedChart(
                unit_id,
                chart_path(unit_id, "reporting"),
                "reporting",
                _(
                    "Posts of this unit and its sub-units by reporting line; a dotted-line "
                    "report is shown again, dotted, under its dotted-line manager; vacant posts "
                    "dashed and grey."
                ),
                functools.partial(_unit_reporting, structure, unit_id, overlay, link),
                bound=min(max(posts, 1), MAX_NODES),
            )
        )
    if children:
        planned.append(
            PlannedChart(
                unit_id,
                chart_path(unit_id, "structure"),
                "structure",
                _("This unit and the units directly below it."),
                functools.partial(_unit_structure, structure, unit_id, overlay, link),
                bound=1 + len(children),
            )
        )
    return planned


def posts_below(structure: OrgStructure) -> dict[str, int]:
    """Each unit's posts with those of its sub-units (a unit in a cycle: its own only)."""
    tree = structure.unit_tree
    counts = {unit: len(structure.positions_by_unit.get(unit, ())) for unit in structure.tree.units}
    for unit in sorted(tree.depth, key=lambda unit: -tree.depth[unit]):  # deepest first
        parent = tree.parent.get(unit)
        if parent in tree.depth and parent in counts:
            counts[parent] += counts[unit]
    return counts


def _unit_reporting(
    structure: OrgStructure, unit_id: str, overlay: Overlay, link: LinkFor
) -> Chart:
    chart, chosen = _first_readable(
        "reporting", structure, _reporting_candidates(structure, unit_id), overlay, link
    )
    name = structure.tree.units[unit_id].name
    chart.title = _("Reporting lines: {unit}").format(unit=name) + _levels(chosen)
    return chart


def _unit_structure(
    structure: OrgStructure, unit_id: str, overlay: Overlay, link: LinkFor
) -> Chart:
    chart, _chosen = _first_readable(
        "structure", structure, [(ViewFilter(root=unit_id, depth=2), 0)], overlay, link
    )
    chart.title = _("Sub-units: {unit}").format(unit=structure.tree.units[unit_id].name)
    return chart


def render_svgs(dot_sources: list[str], explicit: str | None) -> list[bytes]:
    """DOT sources as SVG, in one renderer process, by the renderer ``boconf render`` uses."""
    return render_many(dot_sources, explicit)
