"""The one finding a reporting cycle gets (BO101, or BO104 for a cycle of one): where the
slip most likely is, the whole cycle from there, what it cuts off, and the way out.

Not a rule: the two rules share it so that a cycle of one and a longer cycle read alike.
"""

from __future__ import annotations

from boconf.graph.cutoff import WayOut, cut_off_below, main_top, reporting_way_out
from boconf.i18n import _
from boconf.rules.base import CYCLE_SHOWN_WHOLE, POSITION, Finding, LintContext, cycle_path


def way_out(context: LintContext, cycle: list[str]) -> WayOut:
    tree = context.tree
    positions = tree.positions
    return reporting_way_out(
        cycle,
        context.structure.reporting,
        {p: post.unit for p, post in positions.items()},
        {u: unit.parent for u, unit in tree.units.items()},
        {u: unit.manager for u, unit in tree.units.items()},
    )


def organisation_top(context: LintContext) -> str | None:
    """The top of the organisation: among several, one whose manager is not merely missing
    (``reports_to_missing``), then the one that manages a top unit."""
    units = context.tree.units
    heads = {units[u].manager for u in context.structure.unit_tree.roots} - {None}
    reporting = context.structure.reporting
    return main_top(
        reporting, {h for h in heads if h is not None}, missing_managers(context, reporting.roots)
    )


def missing_managers(context: LintContext, roots: list[str]) -> dict[str, str]:
    """The tops among ``roots`` whose manager a source named but left out, with that id."""
    positions = context.tree.positions
    found: dict[str, str] = {}
    for root in roots:
        missing = positions[root].reports_to_missing
        if missing is not None:
            found[root] = missing
    return found


def cycle_finding(context: LintContext, cycle: list[str]) -> Finding:
    """At the ``reports_to`` that most likely closed the cycle, with the cycle from there."""
    reporting = context.structure.reporting
    way = way_out(context, cycle)
    member = way.member
    start = cycle.index(member)
    path = cycle_path(cycle[start:] + cycle[:start], shown=CYCLE_SHOWN_WHOLE)
    cut = cut_off_below(reporting, cycle).describe()
    if len(cycle) == 1:
        message = _("position '{position}' reports to itself").format(position=member)
    else:
        boss = reporting.parent[member]
        message = _(
            "position '{position}' reports to '{manager}', closing the reporting cycle {path}"
        ).format(position=member, manager=boss, path=path)
    if cut:
        message += f"; {cut}"
    return Finding(POSITION, member, message, _hint(context, way, len(cycle)), ("reports_to",))


def _hint(context: LintContext, way: WayOut, length: int) -> str:
    member = way.member
    if way.instead is not None and way.unit is not None:
        unit = context.tree.positions[member].unit
        if way.unit == unit:
            return _(
                "point the reports_to of '{position}' at '{manager}', the manager of its unit "
                "'{unit}', who reaches the top"
            ).format(position=member, manager=way.instead, unit=way.unit)
        return _(
            "point the reports_to of '{position}' at '{manager}', the manager of '{unit}', "
            "above its unit '{own_unit}', who reaches the top"
        ).format(position=member, manager=way.instead, unit=way.unit, own_unit=unit)
    roots = context.structure.reporting.roots
    if len(roots) == 1:
        return _(
            "point the reports_to of '{position}' at its real manager in the line of "
            "'{top}', the top"
        ).format(position=member, top=roots[0])
    if not roots:
        if length > 1:
            return _(
                "if '{position}' is the top of the organisation, remove its reports_to; "
                "otherwise point it at its real manager outside the cycle"
            ).format(position=member)
        return _(
            "if '{position}' is the top of the organisation, remove its reports_to; "
            "otherwise point it at its real manager"
        ).format(position=member)
    if length > 1:
        return _(
            "point the reports_to of '{position}' at its real manager outside the cycle"
        ).format(position=member)
    return _("point the reports_to of '{position}' at its real manager").format(position=member)
