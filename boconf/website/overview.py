"""The organisation at a glance: headcount and FTE by office, and the sourcing mixes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from boconf.graph.structure import OrgStructure
from boconf.graph.work import Work
from boconf.i18n import N_, _
from boconf.model.entities import Office, SourcingModel
from boconf.website.formatting import ratio
from boconf.website.refs import NOWHERE, Ref, location_ref, position_ref, provider_ref

MODEL_LABELS = {
    SourcingModel.IN_HOUSE: N_("in-house"),
    SourcingModel.CAPTIVE: N_("captive centre"),
    SourcingModel.OUTSOURCED: N_("outsourced"),
    SourcingModel.MIXED: N_("mixed"),
}


def model_label(model: SourcingModel) -> str:
    """A sourcing model as the pages name it, in the active language."""
    return _(MODEL_LABELS[model])


@dataclass(frozen=True)
class OfficeTotals:
    units: int
    posts: int
    fte: Decimal


@dataclass
class MixRow:
    """FTE of one sourcing model, location or provider, split by office."""

    ref: Ref
    units: set[str] = field(default_factory=set)
    back: Decimal = Decimal(0)
    front: Decimal = Decimal(0)
    share: Decimal | None = None  # of all work: own FTE and vendor FTE

    @property
    def fte(self) -> Decimal:
        return self.back + self.front

    def add(self, unit: str, office: Office, fte: Decimal) -> None:
        self.units.add(unit)
        if office is Office.BACK:
            self.back += fte
        else:
            self.front += fte


@dataclass(frozen=True)
class Overview:
    front: OfficeTotals
    back: OfficeTotals
    back_office_share: Decimal | None  # of FTE
    back_office_head: Ref | None
    by_model: list[MixRow]  # line by line: own staff in-house or captive, vendors outsourced
    by_location: list[MixRow]
    by_provider: list[MixRow]  # own staff first, then vendors by name
    vendor_fte: Decimal  # contracted or derived: the mixes count it, the office totals do not

    @property
    def fte(self) -> Decimal:
        return self.front.fte + self.back.fte

    @property
    def front_office_share(self) -> Decimal | None:
        return ratio(self.front.fte, self.fte)


def office_totals(structure: OrgStructure, office: Office) -> OfficeTotals:
    units = structure.units_in_office(office)
    return OfficeTotals(
        len(units),
        sum(structure.unit_posts(u) for u in units),
        sum((structure.unit_fte(u) for u in units), Decimal(0)),
    )


def _mix(
    work: Iterable[Work], key: Callable[[Work], str], label: Callable[[str], Ref], total: Decimal
) -> list[MixRow]:
    rows: dict[str, MixRow] = {}
    for item in work:
        name = key(item)
        if name not in rows:
            rows[name] = MixRow(label(name))
        rows[name].add(item.unit, item.office, item.fte)
    for row in rows.values():
        row.share = ratio(row.fte, total)
    return sorted(rows.values(), key=lambda row: (-row.fte, row.ref))


def build_overview(structure: OrgStructure, work: list[Work]) -> Overview:
    """The mixes count every line of work: own staff's FTE from their posts, vendors' FTE as
    contracted or derived (boconf.graph.work); shares are of all of it."""
    tree = structure.tree
    front = office_totals(structure, Office.FRONT)
    back = office_totals(structure, Office.BACK)
    total = sum((item.fte for item in work), Decimal(0))

    def model(item: Work) -> str:
        return item.model.value

    def model_ref(key: str) -> Ref:
        return Ref(model_label(SourcingModel(key)))

    def where(item: Work) -> str:
        # A vendor's work with no site given is grouped under the vendor.
        return item.location if item.location is not None else f"vendor:{item.provider}"

    def where_label(key: str) -> Ref:
        if key.startswith("vendor:"):
            vendor = tree.vendors[key.removeprefix("vendor:")]
            label = _("{vendor} (site not given, {country})")
            return Ref(label.format(vendor=vendor.name, country=vendor.country))
        return location_ref(tree, key)

    providers = _mix(work, lambda item: item.provider, lambda p: provider_ref(tree, p), total)
    providers.sort(key=lambda row: (row.ref.kind != NOWHERE, -row.fte, row.ref))  # own staff first
    head = tree.organisation.back_office_head
    return Overview(
        front,
        back,
        ratio(back.fte, front.fte + back.fte),
        position_ref(tree, head) if head in tree.positions else None,
        _mix(work, model, model_ref, total),
        _mix(work, where, where_label, total),
        providers,
        total - front.fte - back.fte,
    )
