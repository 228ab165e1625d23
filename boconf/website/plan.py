"""The site as a plan: every page with what it shows, and every chart.

Planning is quick and has no side effects. The content depends only on the organisation,
the settings and the reference date: everything is sorted, nothing holds a timestamp or an
absolute path, so two builds give byte-identical trees.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from boconf.economics.cost import CostLine, CostReport, cost_report
from boconf.graph.structure import OrgStructure, build_structure
from boconf.graph.work import Work, all_work
from boconf.i18n import _
from boconf.linting.check import CheckResult
from boconf.rendering.dot import to_dot
from boconf.rules.base import RuleOptions
from boconf.website import charts as chart_plan
from boconf.website.charts import PlannedChart
from boconf.website.costs import summarise_costs
from boconf.website.findings import FindingRow, by_file, finding_rows, severity_counts
from boconf.website.links import Links, unit_page
from boconf.website.overview import build_overview
from boconf.website.page import EXTENSIONS, HTML, Page
from boconf.website.refs import Ref, unit_ref
from boconf.website.registers import (
    MISSING_FUNCTION,
    function_coverage,
    location_register,
    vendor_register,
)
from boconf.website.support import site_matrix
from boconf.website.unit_list import unit_rows
from boconf.website.unit_page import build_unit_page


@dataclass(frozen=True)
class SiteOptions:
    format: str = HTML
    dot: str | None = None  # the Graphviz binary (else found as `boconf render` finds it)
    jobs: int | None = None


@dataclass
class SitePlan:
    options: SiteOptions
    pages: list[Page] = field(default_factory=list)
    charts: list[PlannedChart] = field(default_factory=list)

    @property
    def steps(self) -> int:
        """Units of work for a progress bar: a chart rendered, a page written."""
        return len(self.pages) + (len(self.charts) if self.options.format == HTML else 0)


def _overlay(result: CheckResult) -> dict[tuple[str, str], str]:
    """Entities with lint errors or warnings, marked on the charts."""
    return result.lint.overlay()


def _structure(result: CheckResult) -> OrgStructure:
    tree = result.load.tree
    if tree is None:  # the CLI stops at an invalid organisation before planning
        raise ValueError("the organisation does not validate: no site to build")
    return result.lint.structure or build_structure(tree)


def plan_charts(
    structure: OrgStructure,
    overlay: dict[tuple[str, str], str],
    fmt: str,
    rule_options: Mapping[str, RuleOptions] | None = None,
) -> list[PlannedChart]:
    """Every chart of the site. In HTML a chart's links are relative to its SVG file (in
    charts/ or charts/units/); in Markdown to the page that embeds it. Markdown pages draw
    charts in Mermaid, which has no tables: table charts (the sourcing bars) are left out, the
    pages have their figures as tables."""
    ext = EXTENSIONS[fmt]
    overview_link = Links(1 if fmt == HTML else 0, ext).chart_link
    unit_link = Links(2 if fmt == HTML else 1, ext).chart_link
    planned = chart_plan.overview_charts(
        structure, overlay, overview_link, rule_options, paged=fmt == HTML
    )
    if fmt != HTML:
        planned = [chart for chart in planned if chart.chart.table is None]
    posts = chart_plan.posts_below(structure)
    for unit_id in sorted(structure.tree.units):
        planned.extend(
            chart_plan.unit_charts(structure, unit_id, overlay, unit_link, posts[unit_id])
        )
    return planned


def site_dot_sources(result: CheckResult) -> list[str]:
    """The DOT source of every chart an HTML build renders, in the order it renders them."""
    charts = plan_charts(_structure(result), _overlay(result), HTML, result.settings.options)
    return [to_dot(c.chart) for c in charts]


def plan_site(result: CheckResult, options: SiteOptions) -> SitePlan:
    structure = _structure(result)
    tree = structure.tree
    reference_date: dt.date = result.settings.reference_date
    ext = EXTENSIONS[options.format]
    work = all_work(structure)
    # One cost report for the whole site: the overview, unit pages and registers agree with
    # `boconf report cost` because they read its lines.
    costs = cost_report(structure, reference_date, 0)
    unit_lines = _work_by_unit(work, costs.lines)
    findings = finding_rows(tree, result.diagnostics, result.load.root)
    unit_findings: dict[str, list[FindingRow]] = defaultdict(list)
    for row in findings:
        if row.unit is not None:
            unit_findings[row.unit].append(row)
    charts = plan_charts(structure, _overlay(result), options.format, result.settings.options)
    charts_by_page: dict[str, list[PlannedChart]] = defaultdict(list)
    for chart in charts:
        charts_by_page[chart.page].append(chart)
    common = {
        "org": tree.organisation,
        "reference_date": reference_date,
        "counts": tree.counts(),
    }
    plan = SitePlan(options, charts=charts)

    def add(
        path: str,
        template: str,
        title: str,
        charts: list[PlannedChart] | None = None,
        more: Callable[[], dict[str, Any]] | None = None,
        **context: Any,
    ) -> None:
        page = Page(path, template, title, {**common, **context}, tuple(charts or ()), more)
        plan.pages.append(page)

    add(
        f"index{ext}",
        "index",
        _("Overview"),
        overview=build_overview(structure, work),
        costs=summarise_costs(costs, tree),
        accepted=len(result.lint.suppressed_findings),
        lint=severity_counts(findings),
        charts=charts_by_page[""],
        support=site_matrix(structure, result.settings.options),
    )
    add(
        f"units{ext}",
        "units",
        _("Units"),
        units=unit_rows(
            structure, dict(Counter(row.unit for row in findings if row.unit is not None))
        ),
    )
    for unit_id in sorted(tree.units):
        add(
            unit_page(unit_id, ext),
            "unit",
            tree.units[unit_id].name,
            charts=charts_by_page.get(unit_id, []),
            more=functools.partial(
                _unit_context,
                structure,
                unit_id,
                unit_findings.get(unit_id, []),
                unit_lines.get(unit_id, []),
            ),
        )
    _register_pages(add, ext, structure, work, costs, findings, result)
    return plan


def _register_pages(
    add: Callable[..., None],
    ext: str,
    structure: OrgStructure,
    work: list[Work],
    costs: CostReport,
    findings: list[FindingRow],
    result: CheckResult,
) -> None:
    """The registers' pages: vendors, locations, function coverage, lint findings."""
    enabled = {rule.code for rule in result.settings.enabled}
    add(
        f"vendors{ext}",
        "vendors",
        _("Vendors and contracts"),
        vendors=vendor_register(structure, work),
    )
    add(
        f"locations{ext}",
        "locations",
        _("Locations"),
        locations=location_register(structure, costs),
    )
    add(
        f"functions{ext}",
        "functions",
        _("Function coverage"),
        coverage=function_coverage(structure, findings, MISSING_FUNCTION in enabled),
    )
    add(
        f"findings{ext}",
        "findings",
        _("Lint findings"),
        groups=by_file(findings),
        lint=severity_counts(findings),
        suppressed=_suppressed_rows(result),
    )


def _suppressed_rows(result: CheckResult) -> list[FindingRow]:
    """The accepted exceptions (suppressed findings) with their reasons, for the reviewer."""
    pairs = result.lint.suppressed_findings
    return finding_rows(
        result.load.tree,
        [diagnostic for diagnostic, _reason in pairs],
        result.load.root,
        [reason for _diagnostic, reason in pairs],
    )


def _work_by_unit(
    work: list[Work], lines: list[CostLine]
) -> dict[str, list[tuple[Work, CostLine]]]:
    """Each unit's work with its line of the cost report: the report's first lines are the
    work's, in its order (contracts no unit uses follow)."""
    by_unit: dict[str, list[tuple[Work, CostLine]]] = defaultdict(list)
    for item, line in zip(work, lines[: len(work)], strict=True):
        by_unit[item.unit].append((item, line))
    return by_unit


def _unit_context(
    structure: OrgStructure,
    unit_id: str,
    findings: list[FindingRow],
    lines: list[tuple[Work, CostLine]],
) -> dict[str, Any]:
    """A unit page's tables and breadcrumb (made by the worker that draws the page)."""
    return {
        "page": build_unit_page(structure, unit_id, findings, lines),
        "ancestors": _ancestors(structure, unit_id),
    }


def _ancestors(structure: OrgStructure, unit_id: str) -> list[Ref]:
    """The unit's parents from the top down, for the breadcrumb."""
    chain = structure.unit_tree.chain(unit_id)[1:]
    return [unit_ref(structure.tree, u) for u in reversed(chain)]
