"""`sourcing-mix` and `sourcing-mix-cost`: the back office's sourcing at a glance.

One horizontal bar per back-office unit, grouped by function, split into its in-house,
captive and vendor parts; the function totals above their units and the whole back office at
the top. Front-office units with captive or vendor work follow in a group of their own (the
rest of the front office is in-house by definition, and would only lengthen the chart).

Bars are weighted by FTE (own staff's from their posts, vendors' as contracted or derived:
:mod:`boconf.graph.work`) or by annual cost (:func:`boconf.economics.cost.cost_report`'s
lines); nothing is recomputed from shares here. Every unit and function bar uses one scale, so
lengths compare across the chart; the whole back office's bar is a 100% bar of its own.

Graphviz draws the chart as a table (see :mod:`boconf.rendering.table`): deterministic, the
same font and metrics as every chart, SVG, PNG or PDF, no script.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from boconf.economics.cost import cost_report
from boconf.graph.structure import OrgStructure
from boconf.graph.work import FteBasis, all_work
from boconf.i18n import N_, _
from boconf.model.entities import Office, SourcingModel
from boconf.numbers import fte, money, percent
from boconf.rendering.chart import Chart
from boconf.rendering.table import Cell, Segment, Table
from boconf.rendering.views.common import ViewContext, ViewSpec, select_units

TITLE_FTE = N_("Sourcing mix (FTE)")
TITLE_COST = N_("Sourcing mix (annual cost)")
BAR_WIDTH = 360  # points: the longest function bar, and the whole back office's bar
MAX_UNIT_BARS = 60  # past this, functions only: a bar chart is read at a glance or not at all
PARTS = (SourcingModel.IN_HOUSE, SourcingModel.CAPTIVE, SourcingModel.OUTSOURCED)
NAMES = {
    SourcingModel.IN_HOUSE: N_("in-house"),
    SourcingModel.CAPTIVE: N_("captive"),
    SourcingModel.OUTSOURCED: N_("vendor"),
}
FILLS = {
    SourcingModel.IN_HOUSE: "#15803d",
    SourcingModel.CAPTIVE: "#0369a1",
    SourcingModel.OUTSOURCED: "#c2410c",
}
GROUP_FILL = "#f3f4f6"
FRONT_GROUP = N_("front office (captive or vendor work)")
# Neither weight reads the date (cost_report's calendar does, and it is not drawn).
_ANY_DATE = dt.date(2000, 1, 1)


@dataclass
class Mix:
    """How much of one unit's (or group's) work each sourcing model does."""

    parts: dict[SourcingModel, Decimal] = field(default_factory=dict)
    unknown: int = 0  # lines whose weight is not known (vendor FTE, unpriced cost)

    @property
    def total(self) -> Decimal:
        return sum(self.parts.values(), Decimal(0))

    def add(self, model: SourcingModel, value: Decimal | None) -> None:
        if value is None:
            self.unknown += 1
            return
        self.parts[model] = self.parts.get(model, Decimal(0)) + value

    def merge(self, other: Mix) -> None:
        for model, value in other.parts.items():
            self.add(model, value)
        self.unknown += other.unknown


@dataclass(frozen=True)
class Weight:
    title: str
    figure: Callable[[Decimal], str]  # the total as written next to a bar
    unknown: str  # what an unknown line is called


def fte_mixes(structure: OrgStructure) -> dict[str, Mix]:
    mixes: dict[str, Mix] = {}
    for work in all_work(structure):
        known = work.fte if work.basis is not FteBasis.UNKNOWN else None
        mixes.setdefault(work.unit, Mix()).add(work.model, known)
    return mixes


def cost_mixes(structure: OrgStructure) -> dict[str, Mix]:
    mixes: dict[str, Mix] = {}
    for line in cost_report(structure, _ANY_DATE, 0).lines:
        if line.unit:  # a contract no unit uses belongs to no bar
            mixes.setdefault(line.unit, Mix()).add(SourcingModel(line.model), line.cost)
    return mixes


def _segments(mix: Mix, full: Decimal, width: int) -> tuple[Segment, ...]:
    """The mix's parts as segments on a scale where ``full`` is ``width`` points, rounded so
    that the ends of the parts (not each part alone) fall on whole points; a transparent
    filler makes every bar equally wide, so the bars start together."""
    segments: list[Segment] = []
    done = Decimal(0)
    end = 0
    for model in PARTS:
        value = mix.parts.get(model, Decimal(0))
        if not value or not full:
            continue
        done += value
        right = int((done * width / full).to_integral_value())
        segment_width = max(1, right - end)  # a sliver stays visible
        share = percent(value / mix.total, 0)
        segments.append(Segment(segment_width, FILLS[model], f"{_(NAMES[model])}: {share}"))
        end += segment_width
    if end < width:
        segments.append(Segment(width - end, ""))
    return tuple(segments)


def _figures(mix: Mix, weight: Weight) -> str:
    total = mix.total
    shares = ", ".join(
        f"{percent(mix.parts[model] / total, 0)} {_(NAMES[model])}"
        for model in PARTS
        if total and mix.parts.get(model)
    )
    text = weight.figure(total) + (f": {shares}" if shares else "")
    if mix.unknown:
        text += f" (+{mix.unknown} {weight.unknown})"
    return text


def _legend() -> Table:
    cells: list[Cell] = []
    for model in PARTS:
        cells.append(Cell(bar=(Segment(14, FILLS[model]),)))  # fixed: a swatch, not a band
        cells.append(Cell((_(NAMES[model]),), align="LEFT"))
    return Table([cells], borders=False)


def _groups(context: ViewContext, mixes: dict[str, Mix]) -> dict[str, list[str]]:
    """The bars' groups in order (back-office functions, then the front office's units with
    captive or vendor work), each group's units by name."""
    units = context.structure.tree.units
    groups: dict[str, list[str]] = {}
    for unit_id in select_units(context):
        unit = units[unit_id]
        mix = mixes.get(unit_id, Mix())
        if unit.office is Office.BACK:
            groups.setdefault(unit.function.replace("_", " "), []).append(unit_id)
        elif any(mix.parts.get(m) for m in (SourcingModel.CAPTIVE, SourcingModel.OUTSOURCED)):
            groups.setdefault(FRONT_GROUP, []).append(unit_id)
    order = sorted(groups, key=lambda name: (name == FRONT_GROUP, name))
    return {name: sorted(groups[name], key=lambda u: (units[u].name, u)) for name in order}


def _totals(groups: dict[str, list[str]], mixes: dict[str, Mix]) -> tuple[dict[str, Mix], Mix]:
    """Each group's mix, and the whole back office's (the front office's group left out)."""
    totals = {name: Mix() for name in groups}
    whole = Mix()
    for name, members in groups.items():
        for unit_id in members:
            totals[name].merge(mixes.get(unit_id, Mix()))
        if name != FRONT_GROUP:
            whole.merge(totals[name])
    return totals, whole


@dataclass
class _Bars:
    """The chart being drawn: its table's rows, and a node per bar for Mermaid."""

    context: ViewContext
    weight: Weight
    chart: Chart
    scale: Decimal  # the longest function's total: every unit and function bar's scale
    rows: list[list[Cell]] = field(default_factory=list)

    def row(self, label: Cell, mix: Mix, full: Decimal) -> None:
        figures = Cell((_figures(mix, self.weight),), align="LEFT")
        self.rows.append([label, Cell(bar=_segments(mix, full, BAR_WIDTH)), figures])

    def function(self, name: str, members: list[str], total: Mix) -> bool:
        """The group's bar; whether its units get bars of their own (not a group of one)."""
        alone = len(members) == 1 and name != FRONT_GROUP
        shown = _(FRONT_GROUP) if name == FRONT_GROUP else name  # functions' names are data
        # A function of one unit is one bar: its unit's, under both names.
        label = f"{shown}: {self.context.structure.tree.units[members[0]].name}" if alone else shown
        link = self.context.link("unit", members[0]) if alone else None
        tooltip = members[0] if alone else ""
        cell = Cell((label,), bold=True, align="LEFT", fill=GROUP_FILL, link=link, tooltip=tooltip)
        self.row(cell, total, self.scale)
        self.chart.add_node(f"function:{name}", [label, _figures(total, self.weight)])
        return not alone

    def unit(self, unit_id: str, mix: Mix) -> None:
        name = self.context.structure.tree.units[unit_id].name
        link = self.context.link("unit", unit_id)
        self.row(Cell((f"    {name}",), align="LEFT", link=link, tooltip=unit_id), mix, self.scale)
        lines = [name, _figures(mix, self.weight)]
        self.chart.add_node(f"unit:{unit_id}", lines, link=link, tooltip=unit_id)


def _build(context: ViewContext, weight: Weight, mixes: dict[str, Mix]) -> Chart:
    groups = _groups(context, mixes)
    totals, whole = _totals(groups, mixes)
    scale = max((mix.total for mix in totals.values()), default=Decimal(0))
    bars = _Bars(context, weight, Chart(weight.title), scale)
    bars.rows.append([Cell(inner=_legend(), align="LEFT", colspan=3)])
    if whole.total or whole.unknown:
        label = _("Whole back office")
        bars.row(Cell((label,), bold=True, align="LEFT"), whole, whole.total)
        bars.chart.add_node("whole", [label, _figures(whole, weight)])
    shown = sum(len(members) for members in groups.values())
    with_units = shown <= MAX_UNIT_BARS
    for name, members in groups.items():
        if bars.function(name, members, totals[name]) and with_units:
            for unit_id in members:
                bars.unit(unit_id, mixes.get(unit_id, Mix()))
    if not with_units:
        note = _(
            "Functions only: {n} units are too many bars to read; "
            "narrow with --unit or --root to see each unit."
        ).format(n=len(select_units(context)))
        bars.rows.append([Cell((note,), align="LEFT", colspan=3)])
    bars.chart.table = Table(bars.rows, borders=False)
    return bars.chart


def build(context: ViewContext) -> Chart:
    weight = Weight(
        _(TITLE_FTE),
        lambda value: _("{fte} FTE").format(fte=fte(value)),
        _("vendor lines of unknown FTE"),
    )
    return _build(context, weight, fte_mixes(context.structure))


def build_cost(context: ViewContext) -> Chart:
    currency = context.structure.tree.organisation.currency
    weight = Weight(_(TITLE_COST), lambda value: money(value, currency), _("unpriced lines"))
    return _build(context, weight, cost_mixes(context.structure))


VIEW = ViewSpec(
    "sourcing-mix",
    build,
    caption=N_(
        "The back office's work in FTE by sourcing model: a bar per unit, grouped by function."
    ),
    overview=4,
    whole=True,
)
COST_VIEW = ViewSpec("sourcing-mix-cost", build_cost, whole=True)
