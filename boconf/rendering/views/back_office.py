"""`back-office`: the back-office head and everything that rolls up to it, with sourcing badges."""

from __future__ import annotations

from boconf.graph.structure import OrgStructure
from boconf.i18n import N_, _
from boconf.model.entities import Unit
from boconf.rendering.chart import Chart
from boconf.rendering.views.common import (
    ViewContext,
    ViewSpec,
    finding_class,
    position_lines,
    select_units,
    unit_lines,
)
from boconf.rendering.views.sourcing_labels import badge

TITLE = N_("Back office")


def build(context: ViewContext) -> Chart:
    structure = context.structure
    tree = structure.tree
    chart = Chart(_(TITLE), layout="tree", noun=("unit", "units"))
    line = structure.back_office_line
    head = tree.organisation.back_office_head
    units = [u for u in select_units(context) if tree.units[u].manager in line]
    if head in tree.positions:
        chart.add_node(
            f"position:{head}",
            [_("Back-office head"), *position_lines(structure, head)],
            ("head", *finding_class(context, "position", head)),
            None,
            head,
            tree.positions[head].headcount,
        )
    shown = set(units)
    for unit_id in units:
        model = tree.sourcing_model(unit_id)
        chart.add_node(
            f"unit:{unit_id}",
            [*unit_lines(structure, unit_id), badge(structure, unit_id)],
            (model.value, *finding_class(context, "unit", unit_id)),
            context.link("unit", unit_id),
            unit_id,
            structure.unit_posts(unit_id),
        )
    for unit_id in units:
        parent = tree.units[unit_id].parent
        if parent is not None and parent in shown and parent != unit_id:
            chart.add_edge(f"unit:{parent}", f"unit:{unit_id}")
        elif chart.has(f"position:{head}") and tree.units[unit_id].manager != head:
            chart.add_edge(f"position:{head}", f"unit:{unit_id}")
        elif chart.has(f"position:{head}"):
            chart.add_edge(f"position:{head}", f"unit:{unit_id}", "dashed")
    return chart


def _on_the_line(structure: OrgStructure, unit: Unit) -> bool:
    return unit.manager in structure.back_office_line


VIEW = ViewSpec(
    "back-office",
    build,
    caption=N_("Everything that rolls up to the back-office head, with sourcing badges."),
    overview=2,
    paged=True,
    selects=_on_the_line,
)
