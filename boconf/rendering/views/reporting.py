"""`reporting`: positions and holders by reporting line; vacancies and multi-headcount posts
marked.

A dotted-line report is drawn a second time, as a dotted echo of its box in its dotted-line
manager's stack, joined by a dashed line: not as a line from that manager to the post itself.
Such a line runs across the chart to wherever the post's own manager put it, and Graphviz,
which orders every box by every line, moved whole branches towards it: on a 10,000-position
site, 90 of the 1,000 unit charts grew wider than a window (up to 1,430 pt), and those lines
were a third of all the drawing time. The echo is a box where the manager's reports are; it
links to the post's unit like the post, says it is a dotted line, and is no position of its
own (paging counts it as none; see :data:`boconf.rendering.chart.ECHO`)."""

from __future__ import annotations

from boconf.i18n import N_, _
from boconf.rendering.chart import ECHO, Chart
from boconf.rendering.views.common import (
    ViewContext,
    ViewError,
    ViewSpec,
    check_unit,
    finding_class,
    position_lines,
)
from boconf.util.suggest import did_you_mean

TITLE = N_("Reporting lines")


def _positions(context: ViewContext) -> list[str]:
    structure = context.structure
    tree = structure.tree
    chosen = context.filter
    depth = structure.reporting.depth
    if chosen.root is not None:
        if chosen.root not in tree.positions:
            if chosen.root in tree.units and tree.units[chosen.root].manager:
                root = tree.units[chosen.root].manager  # a unit stands for its manager
            else:
                hint = did_you_mean(chosen.root, tree.positions) or _(
                    "give a position id (or a unit with a manager)"
                )
                message = _("--root: no position '{position}'. {hint}")
                raise ViewError(message.format(position=chosen.root, hint=hint))
        else:
            root = chosen.root
        assert root is not None
        positions = [root, *structure.all_reports(root)]
        base = depth.get(root, 1) - 1
    else:
        positions = list(tree.positions)
        base = 0
    if chosen.unit is not None:
        check_unit(structure, chosen.unit, "--unit")
        units = {chosen.unit, *structure.subunits(chosen.unit)}
        positions = [p for p in positions if tree.positions[p].unit in units]
    if chosen.depth is not None:
        positions = [p for p in positions if depth.get(p, 1) - base <= chosen.depth]
    if chosen.office is not None:
        # A position without a unit (BO115) is in no office.
        office = {unit_id: unit.office for unit_id, unit in tree.units.items()}
        positions = [
            p for p in positions if office.get(tree.positions[p].unit or "") is chosen.office
        ]
    return sorted(positions, key=lambda p: (depth.get(p, 0), p))


def build(context: ViewContext) -> Chart:
    structure = context.structure
    tree = structure.tree
    chart = Chart(_(TITLE), layout="tree", noun=("position", "positions"))
    shown = _positions(context)
    for position_id in shown:
        post = tree.positions[position_id]
        unit = tree.units.get(post.unit or "")
        classes: tuple[str, ...] = (unit.office.value,) if unit else ()
        classes += ("vacant",) if post.holder is None else ("filled",)
        if post.headcount > 1:
            classes += ("multi",)
        chart.add_node(
            f"position:{position_id}",
            position_lines(structure, position_id),
            classes + finding_class(context, "position", position_id),
            context.link("unit", post.unit) if post.unit else None,
            position_id,
            post.headcount,
        )
    visible = set(shown)
    for position_id in shown:
        post = tree.positions[position_id]
        if (
            post.reports_to is not None
            and post.reports_to in visible
            and post.reports_to != position_id
        ):
            chart.add_edge(f"position:{post.reports_to}", f"position:{position_id}")
    # Echoes after every post, so that a manager's stack lists its own reports first.
    for position_id in shown:
        post = tree.positions[position_id]
        for target in sorted(post.dotted_to):
            if target in visible and target != position_id:
                # (The key may name a page of its own: "+" is safe in a file name and a URL.)
                echo = f"dotted:{position_id}+{target}"
                chart.add_node(
                    echo,
                    [*position_lines(structure, position_id), _("(dotted line)")],
                    (ECHO,),
                    context.link("unit", post.unit) if post.unit else None,
                    _("{position}, dotted line to {manager}").format(
                        position=position_id, manager=target
                    ),
                )
                chart.add_edge(f"position:{target}", echo, "dashed")
    return chart


VIEW = ViewSpec("reporting", build)
