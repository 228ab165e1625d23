"""The annual cost of the organisation's work, line by line.

    annual cost = own staff: each post's FTE (headcount x fte) x its own annual_cost_per_fte
                  when it has one, else the annual cost per FTE of the location where it
                  works (its own, else its unit's)
                + vendors: each contract's annual_cost, attributed to the units that work
                  under it in proportion to the vendor FTE of their work

Own posts are own staff and are costed once, whatever the unit's sourcing shares: the shares
say how the *work* is split, and the in-house part is the posts. Vendor work is costed by its
contracts, never per FTE as well; its FTE is the allocation's contracted ``fte`` or an
equivalent derived from the shares (see :mod:`boconf.graph.work`). Money is Decimal in the
organisation's currency and stays exact: a contract's attribution is rounded to cents with
the remainder on its last share, so every breakdown adds up to the total. Anything unpriced
(a location without a cost per FTE, a contract without a cost, vendor work without a
contract) is listed, never counted as zero. A post's own ``annual_cost_per_fte`` (an import
sets it from the post's pay band, say) prices that post alone; the posts beside it at the same
place without one still take the place's rate.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from boconf.graph.structure import OrgStructure
from boconf.graph.work import FteBasis, Work, all_work, post_location
from boconf.i18n import N_, _
from boconf.model.entities import IN_HOUSE
from boconf.model.tree import OrgTree
from boconf.numbers import number, percent

CENT = Decimal("0.01")
FORMULA = N_(
    "annual cost = own staff (each post's FTE x its own annual_cost_per_fte when it has one, "
    "else the annual cost per FTE of the location where it works) + vendor contracts "
    "(annual_cost, attributed to the units that work under each contract in proportion to the "
    "vendor FTE of their work)"
)
VENDOR_FTE = N_(
    "vendor FTE: the allocation's contracted 'fte', else an equivalent derived from the "
    "shares (the unit's own FTE x the vendor's share / the in-house share)"
)
DIMENSIONS = ("unit", "function", "office", "location", "vendor", "model")
NOT_GIVEN = N_("(not given)")
OWN_STAFF = N_("(own staff)")  # the provider of in-house and captive work


@dataclass(frozen=True)
class CostLine:
    """One allocation of one unit, or a contract no unit uses (unit empty)."""

    unit: str
    function: str
    office: str
    model: str
    provider: str
    location: str
    contract: str
    fte: Decimal
    cost: Decimal | None  # None: unpriced (see CostReport.missing)
    basis: FteBasis = FteBasis.POSTS  # where the FTE come from (vendor FTE: see VENDOR_FTE)

    def key(self, dimension: str) -> str:
        if dimension == "vendor":
            return OWN_STAFF if self.provider == IN_HOUSE else self.provider
        value: str = getattr(self, dimension)
        return value or NOT_GIVEN


@dataclass(frozen=True)
class CalendarEntry:
    date: dt.date
    event: str  # "ends" | "notice deadline"
    contract: str
    vendor: str
    days: int  # from the reference date; negative: already past


@dataclass
class CostReport:
    currency: str
    reference_date: dt.date
    horizon_days: int
    lines: list[CostLine] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    # Vendor work whose FTE can be neither read nor derived: counted as 0 FTE, said here.
    unknown_fte: list[str] = field(default_factory=list)
    calendar: list[CalendarEntry] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.cost for line in self.lines if line.cost is not None), Decimal(0))

    @property
    def fte(self) -> Decimal:
        """Own FTE plus vendor FTE."""
        return sum((line.fte for line in self.lines), Decimal(0))

    @property
    def own_fte(self) -> Decimal:
        return sum((line.fte for line in self.lines if line.provider == IN_HOUSE), Decimal(0))

    @property
    def vendor_fte(self) -> Decimal:
        return self.fte - self.own_fte

    def unit_lines(self, unit: str) -> list[CostLine]:
        return [line for line in self.lines if line.unit == unit]

    def by(self, dimension: str) -> list[tuple[str, Decimal, Decimal]]:
        """(key, FTE, cost) per value of a dimension, largest cost first, then by key."""
        fte: dict[str, Decimal] = defaultdict(Decimal)
        cost: dict[str, Decimal] = defaultdict(Decimal)
        for line in self.lines:
            key = line.key(dimension)
            fte[key] += line.fte
            if line.cost is not None:
                cost[key] += line.cost
        return sorted(
            ((key, fte[key], cost[key]) for key in fte), key=lambda row: (-row[2], row[0])
        )


@dataclass
class _OwnPricing:
    """The posts of one unit at one place: the cost of those priced at their own rate, and
    the FTE left to the place's rate."""

    own_cost: Decimal = Decimal(0)
    own_posts: int = 0
    at_place_rate: Decimal = Decimal(0)


def _own_pricing(structure: OrgStructure) -> dict[tuple[str, str], _OwnPricing]:
    """(unit, place) -> how its posts are priced; only units with a post of its own rate."""
    positions = structure.tree.positions
    pricing: dict[tuple[str, str], _OwnPricing] = {}
    priced_units = {
        post.unit
        for post in positions.values()
        if post.annual_cost_per_fte is not None and post.unit is not None
    }
    for unit in sorted(priced_units):
        for position_id in structure.positions_by_unit.get(unit, ()):
            post = positions[position_id]
            entry = pricing.setdefault((unit, post_location(structure, position_id)), _OwnPricing())
            fte = post.fte * post.headcount
            if post.annual_cost_per_fte is None:
                entry.at_place_rate += fte
            else:
                entry.own_cost += fte * post.annual_cost_per_fte
                entry.own_posts += 1
    return pricing


def own_staff_cost(
    tree: OrgTree, work: Work, pricing: _OwnPricing | None = None
) -> tuple[Decimal | None, Decimal]:
    """The annual cost of an own-staff allocation (None for vendor work or when nothing of
    it is priced), and the FTE of it left unpriced (its place has no rate)."""
    if not work.own_staff or work.location is None:
        return None, Decimal(0)
    per_fte = tree.locations[work.location].annual_cost_per_fte
    if pricing is None or not pricing.own_posts:
        if per_fte is None:
            return None, work.fte
        return (work.fte * per_fte).quantize(CENT), Decimal(0)
    if per_fte is None:
        return pricing.own_cost.quantize(CENT), pricing.at_place_rate
    return (pricing.own_cost + pricing.at_place_rate * per_fte).quantize(CENT), Decimal(0)


def _attribute(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split ``total`` by ``weights`` in cents, the remainder on the last part: sums exactly."""
    weight = sum(weights, Decimal(0))
    if not weight:
        weights, weight = [Decimal(1)] * len(weights), Decimal(len(weights))
    parts = [(total * w / weight).quantize(CENT) for w in weights[:-1]]
    return [*parts, (total - sum(parts, Decimal(0))).quantize(CENT)]


def _unpriced_work(work: Work) -> str:
    message = _(
        "unit '{unit}': work of vendor '{vendor}' ({share} of the unit's work) under "
        "no contract: unpriced"
    )
    return message.format(unit=work.unit, vendor=work.provider, share=percent(work.share))


def _unknown_fte(work: Work) -> str:
    message = _(
        "unit '{unit}': the FTE of vendor '{vendor}''s work are not known: the unit has "
        "no in-house share to derive them from; give the allocation's 'fte' (contracted "
        "seats)"
    )
    return message.format(unit=work.unit, vendor=work.provider)


def _unpriced_staff(location: str, fte: Decimal) -> str:
    message = _("location '{location}' has no annual_cost_per_fte: {fte} FTE of own staff unpriced")
    return message.format(location=location, fte=number(fte))


def cost_report(
    structure: OrgStructure, reference_date: dt.date, horizon_days: int = 365
) -> CostReport:
    tree = structure.tree
    report = CostReport(tree.organisation.currency, reference_date, horizon_days)
    unpriced_locations: dict[str, Decimal] = defaultdict(Decimal)
    by_contract: dict[str, list[int]] = defaultdict(list)
    pricing = _own_pricing(structure)
    for work in all_work(structure):
        unit = tree.units[work.unit]
        cost: Decimal | None = None
        if work.own_staff:
            cost, unpriced = own_staff_cost(
                tree, work, pricing.get((work.unit, work.location or ""))
            )
            if work.location is not None and (cost is None or unpriced):
                unpriced_locations[work.location] += unpriced
        elif work.contract is None:
            report.missing.append(_unpriced_work(work))
        else:
            by_contract[work.contract].append(len(report.lines))
        if work.basis is FteBasis.UNKNOWN:
            report.unknown_fte.append(_unknown_fte(work))
        report.lines.append(
            CostLine(
                work.unit,
                unit.function,
                unit.office.value,
                work.model.value,
                work.provider,
                work.location or "",
                work.contract or "",
                work.fte,
                cost,
                work.basis,
            )
        )
    for contract_id in sorted(tree.contracts):
        contract = tree.contracts[contract_id]
        vendor = tree.contract_vendor[contract_id]
        users = by_contract.get(contract_id, [])
        if contract.annual_cost is None:
            if users:
                no_cost = _("contract '{contract}' of vendor '{vendor}' has no annual_cost")
                report.missing.append(no_cost.format(contract=contract_id, vendor=vendor))
            continue
        if not users:  # paid all the same: shown under its vendor, outside any unit
            report.lines.append(
                CostLine(
                    "",
                    "",
                    "",
                    "outsourced",
                    vendor,
                    "",
                    contract_id,
                    Decimal(0),
                    contract.annual_cost.quantize(CENT),
                    FteBasis.UNKNOWN,
                )
            )
            continue
        parts = _attribute(contract.annual_cost, [report.lines[i].fte for i in users])
        for index, part in zip(users, parts, strict=True):
            report.lines[index] = dataclasses.replace(report.lines[index], cost=part)
    for location, fte in sorted(unpriced_locations.items()):
        report.missing.append(_unpriced_staff(location, fte))
    report.calendar = contract_calendar(structure, reference_date, horizon_days)
    return report


def contract_calendar(
    structure: OrgStructure, reference_date: dt.date, horizon_days: int
) -> list[CalendarEntry]:
    """Contract ends and notice deadlines from the reference date to the horizon (and past ones
    of contracts still running), by date."""
    tree = structure.tree
    entries = []
    for contract_id, contract in tree.contracts.items():
        if contract.end is None:
            continue
        vendor = tree.contract_vendor[contract_id]
        events = [("ends", contract.end)]
        if contract.notice_days:
            events.append(
                ("notice deadline", contract.end - dt.timedelta(days=contract.notice_days))
            )
        for event, date in events:
            days = (date - reference_date).days
            running = contract.end >= reference_date
            if days <= horizon_days and (days >= 0 or running):
                entries.append(CalendarEntry(date, event, contract_id, vendor, days))
    return sorted(entries, key=lambda e: (e.date, e.contract, e.event))


@dataclass(frozen=True)
class CostDelta:
    dimension: str
    key: str
    base_fte: Decimal
    base_cost: Decimal
    fte: Decimal
    cost: Decimal

    @property
    def change(self) -> Decimal:
        return self.cost - self.base_cost


@dataclass
class CostComparison:
    """A scenario's cost against the base's: the savings (negative) or extra cost."""

    name: str
    base: CostReport
    scenario: CostReport

    @property
    def change(self) -> Decimal:
        return self.scenario.total - self.base.total

    def deltas(self, dimension: str) -> list[CostDelta]:
        """Every key of a dimension whose FTE or cost differs, largest saving first."""
        before = {key: (f, c) for key, f, c in self.base.by(dimension)}
        after = {key: (f, c) for key, f, c in self.scenario.by(dimension)}
        zero = (Decimal(0), Decimal(0))
        rows = [
            CostDelta(dimension, key, *before.get(key, zero), *after.get(key, zero))
            for key in sorted(set(before) | set(after))
            if before.get(key, zero) != after.get(key, zero)
        ]
        return sorted(rows, key=lambda row: (row.change, row.key))
