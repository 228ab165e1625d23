"""`support`: which back-office units support which front-office units.

Drawn as an edge chart (back-office units on the left, the front-office units they support on
the right) while that chart can be drawn without crossings; past that, as a matrix (see
:mod:`boconf.rendering.support_matrix`): Graphviz then draws the table, while Mermaid, which has
no tables, still draws the edges. Front-office units without the support they need (BO204) and
back-office units that support nobody (BO205) are highlighted in both.
"""

from __future__ import annotations

import textwrap

from boconf.graph.structure import OrgStructure
from boconf.i18n import N_, _
from boconf.model.entities import Office, Unit
from boconf.rendering.chart import Chart
from boconf.rendering.support_matrix import (
    Flag,
    Mark,
    Status,
    SupportMatrix,
    build_matrix,
    prefers_matrix,
)
from boconf.rendering.table import Cell, Table
from boconf.rendering.views.common import (
    ViewContext,
    ViewSpec,
    finding_class,
    select_units,
    unit_lines,
)

TITLE = N_("Back-office support")
# Characters per line of a column header (the front-office unit's name): about 90 pt.
HEADER_WRAP = 14
NOTE_WRAP = 110  # characters per line of a note under the matrix
MARK_WIDTH = 70  # points: the narrowest column, so short names still leave room for a mark

DIRECT_FILL = "#1e40af"
INHERITED_FILL = "#93c5fd"
GAP_FILL = "#fee2e2"
GAP_TEXT = "#b91c1c"
GAP_CELL = "#fef2f2"  # the empty cells of a gap's row or column
ACCEPTED_FILL = "#e5e7eb"
ACCEPTED_CELL = "#f9fafb"
GROUP_FILL = "#f3f4f6"


def _name(function: str) -> str:
    return function.replace("_", " ")


def _wrap(text: str, width: int) -> tuple[str, ...]:
    return tuple(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or (
        text,
    )


def _header(context: ViewContext, unit_id: str, flag: Flag | None, wrap: int) -> Cell:
    unit = context.structure.tree.units[unit_id]
    lines = _wrap(unit.name, wrap)
    tooltip = unit_id
    if flag is None:
        return Cell(lines, link=context.link("unit", unit_id), tooltip=tooltip, width=MARK_WIDTH)
    if flag.status is Status.GAP:
        return Cell(
            (*lines, _("(gap)")),
            fill=GAP_FILL,
            colour=GAP_TEXT,
            bold=True,
            link=context.link("unit", unit_id),
            tooltip=f"{flag.code}: {flag.message}",  # the rule's message, translated there
            width=MARK_WIDTH,
        )
    return Cell(
        (*lines, _("(accepted)")),
        fill=ACCEPTED_FILL,
        link=context.link("unit", unit_id),
        tooltip=_("{code} accepted: {reason}").format(code=flag.code, reason=flag.reason),
        width=MARK_WIDTH,
    )


def _mark(structure: OrgStructure, matrix: SupportMatrix, back: str, front: str) -> Cell:
    units = structure.tree.units
    mark = matrix.marks.get((back, front))
    if mark is Mark.DIRECT:
        return Cell(
            fill=DIRECT_FILL,
            tooltip=_("{back} supports {front}").format(
                back=units[back].name, front=units[front].name
            ),
        )
    if mark is Mark.INHERITED:
        return Cell(
            fill=INHERITED_FILL,
            tooltip=_("{back} supports a parent unit of {front}").format(
                back=units[back].name, front=units[front].name
            ),
        )
    flags = [matrix.flags.get(back), matrix.flags.get(front)]
    if any(f is not None and f.status is Status.GAP for f in flags):
        return Cell(fill=GAP_CELL)
    if any(f is not None for f in flags):
        return Cell(fill=ACCEPTED_CELL)
    return Cell()


def _legend() -> Table:
    def swatch(fill: str) -> Cell:
        return Cell(fill=fill, width=14)

    def words(text: str) -> Cell:
        return Cell((text,), align="LEFT")

    return Table(
        [
            [
                swatch(DIRECT_FILL),
                words(_("supports it")),
                swatch(INHERITED_FILL),
                words(_("supports a parent unit of it")),
                swatch(GAP_FILL),
                words(_("(gap): a lint finding")),
                swatch(ACCEPTED_FILL),
                words(_("(accepted): a suppressed finding")),
            ]
        ],
        borders=False,
    )


def matrix_table(context: ViewContext, matrix: SupportMatrix) -> Table:
    structure = context.structure
    units = structure.tree.units
    span = 2 + len(matrix.columns)
    corner = Cell(
        (_("Back-office units (rows)"), _("support front-office units (columns)")),
        bold=True,
        colspan=2,
    )
    rows: list[list[Cell]] = [
        [
            corner,
            *(
                Cell(_wrap(_name(function), HEADER_WRAP * count), fill=GROUP_FILL, colspan=count)
                for function, count in matrix.column_groups(structure)
            ),
        ],
        [
            Cell((_("Function"),), bold=True, align="LEFT"),
            Cell((_("Back-office unit"),), bold=True, align="LEFT"),
            *(_header(context, u, matrix.flags.get(u), HEADER_WRAP) for u in matrix.columns),
        ],
    ]
    for function, members in matrix.rows:
        for index, back in enumerate(members):
            header = _header(context, back, matrix.flags.get(back), 40)
            group = (
                [Cell((_name(function),), fill=GROUP_FILL, align="LEFT", rowspan=len(members))]
                if index == 0
                else []
            )
            rows.append(
                [
                    *group,
                    Cell(
                        (" ".join(header.lines),),
                        fill=header.fill,
                        colour=header.colour,
                        bold=header.bold,
                        align="LEFT",
                        link=header.link,
                        tooltip=header.tooltip,
                    ),
                    *(_mark(structure, matrix, back, front) for front in matrix.columns),
                ]
            )
    rows.append([Cell(inner=_legend(), align="LEFT", colspan=span)])
    notes = sorted(
        matrix.flags.items(), key=lambda item: (item[1].code, item[1].status, units[item[0]].name)
    )
    for unit_id, flag in notes:
        text = (
            f"{units[unit_id].name}: {flag.code} {flag.message}"
            if flag.status is Status.GAP
            else f"{units[unit_id].name}: "
            + _("{code} accepted: {reason}").format(code=flag.code, reason=flag.reason)
        )
        rows.append(
            [
                Cell(
                    _wrap(text, NOTE_WRAP),
                    align="LEFT",
                    colspan=span,
                    colour=GAP_TEXT if flag.status is Status.GAP else "",
                )
            ]
        )
    return Table(rows)


def build(context: ViewContext) -> Chart:
    structure = context.structure
    units = structure.tree.units
    chart = Chart(
        _(TITLE),
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
    pairs: list[tuple[str, str]] = []
    for unit_id in selected:
        unit = units[unit_id]
        if unit.office is not Office.BACK:
            continue
        for target in sorted(unit.supports):
            if target in chosen or context.filter.office is None:
                add(target)
                chart.add_edge(f"unit:{unit_id}", f"unit:{target}")
                pairs.append((unit_id, target))
    left = list(dict.fromkeys(a for a, _b in pairs))
    right = sorted(
        {b for _a, b in pairs}, key=lambda u: (left.index(next(a for a, b in pairs if b == u)), u)
    )
    if prefers_matrix(left, right, pairs):
        back = [u for u in selected if units[u].office is Office.BACK]
        front = [u for u in selected if units[u].office is Office.FRONT]
        if context.filter.office is Office.BACK:
            front = sorted({b for _a, b in pairs})
        elif context.filter.office is Office.FRONT:
            back = sorted({a for a, _b in pairs})
        chart.table = matrix_table(
            context, build_matrix(structure, back, front, context.rule_options)
        )
    return chart


def _supported_or_supporting(structure: OrgStructure, unit: Unit) -> bool:
    return unit.office is Office.FRONT or bool(unit.supports)


VIEW = ViewSpec(
    "support",
    build,
    caption=N_("Which back-office units support which front-office units."),
    overview=3,
    matrix_as_table=True,
    selects=_supported_or_supporting,
)
