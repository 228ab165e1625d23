"""`support`: back-office units -> the front-office units they support; front-office units
without back-office support highlighted."""

from __future__ import annotations

from boconf.model.entities import Office
from boconf.rendering.chart import Chart
from boconf.rendering.views.common import ViewContext, finding_class, select_units, unit_lines

TITLE = "Back-office support"


def build(context: ViewContext) -> Chart:
    structure = context.structure
    units = structure.tree.units
    chart = Chart(
        TITLE,
        direction="LR",
    )
    selected = select_units(context)
    chosen = set(selected)

    def add(unit_id: str) -> None:
        unit = units[unit_id]
        classes: tuple[str, ...] = (unit.office.value,)
        if unit.office is Office.FRONT and not any(
            units[s].office is Office.BACK for s in structure.supporters_of(unit_id)
        ):
            classes += ("unsupported",)
        chart.add_node(
            f"unit:{unit_id}",
            unit_lines(structure, unit_id)[:2],
            classes + finding_class(context, "unit", unit_id),
            context.link("unit", unit_id),
            unit_id,
        )

    for unit_id in selected:  # back-office units first, left; then who they support
        if units[unit_id].office is Office.BACK and units[unit_id].supports:
            add(unit_id)
    for unit_id in selected:
        if units[unit_id].office is Office.FRONT:
            add(unit_id)
    for unit_id in selected:
        unit = units[unit_id]
        if unit.office is not Office.BACK:
            continue
        for target in sorted(unit.supports):
            if target in chosen or context.filter.office is None:
                add(target)
                chart.add_edge(f"unit:{unit_id}", f"unit:{target}")
    return chart
