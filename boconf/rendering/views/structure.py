"""`structure`: the unit tree, front and back office in distinct colours, each unit's manager."""

from __future__ import annotations

from boconf.i18n import N_, _
from boconf.rendering.chart import Chart
from boconf.rendering.views.common import (
    ViewContext,
    ViewSpec,
    finding_class,
    select_units,
    unit_lines,
)

TITLE = N_("Unit structure")


def build(context: ViewContext) -> Chart:
    structure = context.structure
    units = structure.tree.units
    chart = Chart(_(TITLE), layout="tree", noun=("unit", "units"))
    shown = select_units(context)
    for unit_id in shown:
        unit = units[unit_id]
        manager = structure.tree.positions.get(unit.manager) if unit.manager else None
        classes: tuple[str, ...] = (unit.office.value,)
        if manager is not None and manager.holder is None:
            classes += ("vacant",)
        chart.add_node(
            f"unit:{unit_id}",
            unit_lines(structure, unit_id),
            classes + finding_class(context, "unit", unit_id),
            context.link("unit", unit_id),
            unit_id,
            structure.unit_posts(unit_id),
        )
    visible = set(shown)
    for unit_id in shown:
        parent = units[unit_id].parent
        if parent is not None and parent in visible and parent != unit_id:
            chart.add_edge(f"unit:{parent}", f"unit:{unit_id}")
    return chart


VIEW = ViewSpec(
    "structure",
    build,
    caption=N_("The unit tree, front and back office, with each unit's manager."),
    overview=1,
    paged=True,
)
