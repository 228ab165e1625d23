"""What every view shares: the filter, the findings overlay, labels, and unit selection."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from boconf.graph.structure import OrgStructure
from boconf.i18n import N_, _
from boconf.model.entities import Office, Unit
from boconf.numbers import fte
from boconf.rendering.chart import Chart
from boconf.rules.base import RuleOptions
from boconf.util.suggest import did_you_mean


class ViewError(Exception):
    """A filter that names nothing (an unknown root or unit): a usage error."""


@dataclass(frozen=True)
class ViewFilter:
    root: str | None = None  # a unit (a position for the reporting view) to start from
    depth: int | None = None  # levels to show, counting the root (or the top) as 1
    office: Office | None = None
    unit: str | None = None  # only this unit and its sub-units


@dataclass
class ViewContext:
    structure: OrgStructure
    filter: ViewFilter = field(default_factory=ViewFilter)
    # Worst finding per entity, (kind, id) -> "error" | "warning", for the --findings overlay.
    findings: dict[tuple[str, str], str] = field(default_factory=dict)
    # A link per unit page, for charts embedded in the documentation site.
    link: Callable[[str, str], str | None] = lambda kind, identifier: None
    # The settings' rule options by code (the support matrix marks what BO204 and BO205 find
    # with them); a rule not here runs with its defaults.
    rule_options: Mapping[str, RuleOptions] = field(default_factory=dict)


def every_unit(structure: OrgStructure, unit: Unit) -> bool:
    return True


@dataclass(frozen=True)
class ViewSpec:
    """A view describes itself: what builds it, and how the site shows it. A new view is its
    module (with one of these) and one line in the registry."""

    name: str
    build: Callable[[ViewContext], Chart]
    # The site's caption; with ``overview`` (its place among the overview's charts, 1 first)
    # the view is on the site's overview page.
    caption: str = ""
    overview: int | None = None
    # Drawn whole and paged (the org charts), rather than narrowed by levels.
    paged: bool = False
    # The whole organisation or nothing: its totals would be wrong with fewer levels.
    whole: bool = False
    # When the view is drawn as a matrix, the overview shows that as a table of its own.
    matrix_as_table: bool = False
    # The units it shows for sure at a given depth (the view may add more), to pick the levels.
    selects: Callable[[OrgStructure, Unit], bool] = every_unit


def finding_class(context: ViewContext, kind: str, identifier: str) -> tuple[str, ...]:
    severity = context.findings.get((kind, identifier))
    return (f"finding-{severity}",) if severity else ()


# The office as a box names it (the YAML value is the key).
OFFICE_NAMES = {Office.FRONT: N_("front office"), Office.BACK: N_("back office")}


def unit_lines(structure: OrgStructure, unit_id: str) -> list[str]:
    tree = structure.tree
    unit = tree.units[unit_id]
    lines = [unit.name, f"{unit.function.replace('_', ' ')} · {_(OFFICE_NAMES[unit.office])}"]
    if unit.manager is not None and unit.manager in tree.positions:
        post = tree.positions[unit.manager]
        holder = tree.people[post.holder].name if post.holder else _("vacant")
        lines.append(f"{post.title}: {holder}")
    else:
        lines.append(_("no manager"))
    return lines


def position_lines(structure: OrgStructure, position_id: str) -> list[str]:
    tree = structure.tree
    post = tree.positions[position_id]
    lines = [post.title, tree.people[post.holder].name if post.holder else _("vacant")]
    extra = []
    if post.headcount > 1:
        extra.append(_("×{n} posts").format(n=post.headcount))
    if post.fte != 1:
        extra.append(_("{fte} FTE").format(fte=fte(post.fte)))
    if extra:
        lines.append(", ".join(extra))
    return lines


def check_unit(structure: OrgStructure, unit_id: str, option: str) -> None:
    if unit_id not in structure.tree.units:
        hint = did_you_mean(unit_id, structure.tree.units) or _(
            "run 'boconf graph' to list the ids"
        )
        message = _("{option}: no unit '{unit}'. {hint}")
        raise ViewError(message.format(option=option, unit=unit_id, hint=hint))


def select_units(context: ViewContext) -> list[str]:
    """The units a unit-based view shows, top-down (by layer, then id)."""
    structure = context.structure
    chosen = context.filter
    tree_depth = structure.unit_tree.depth
    start = chosen.unit or chosen.root
    if start is not None:
        check_unit(structure, start, "--unit" if chosen.unit else "--root")
        units = [start, *structure.subunits(start)]
        base = tree_depth.get(start, 1) - 1
    else:
        units = list(structure.tree.units)
        base = 0
    if chosen.depth is not None:
        units = [u for u in units if tree_depth.get(u, 1) - base <= chosen.depth]
    if chosen.office is not None:
        units = [u for u in units if structure.tree.units[u].office is chosen.office]
    return sorted(units, key=lambda u: (tree_depth.get(u, 0), u))
