"""The shared structure of an organisation, computed once for every rule, chart and page.

Everything here is derived from an :class:`OrgTree` in a few linear passes: the reporting
forest (roots, cycles, orphans, depth), the unit tree, positions by unit and by holder, spans
of control, support relations both ways, FTE and sourcing mix. Queries are pure functions of it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from boconf.graph.forest import Forest, analyse
from boconf.model.entities import IN_HOUSE, Office, SourcingModel
from boconf.model.tree import OrgTree

if TYPE_CHECKING:
    from boconf.graph.work import Work


@dataclass
class OrgStructure:
    tree: OrgTree
    reporting: Forest
    unit_tree: Forest
    positions_by_unit: dict[str, list[str]] = field(default_factory=dict)
    positions_by_holder: dict[str, list[str]] = field(default_factory=dict)
    dotted_reports: dict[str, list[str]] = field(default_factory=dict)
    supporters: dict[str, list[str]] = field(default_factory=dict)  # unit -> units supporting it
    # Every unit's location as OrgTree.unit_location finds it (own, else inherited, else HQ).
    unit_locations: dict[str, str] = field(default_factory=dict)
    # Per manager, what its direct reports' headcounts add beyond one post each (only for
    # managers with a report of headcount above 1).
    extra_headcount: dict[str, int] = field(default_factory=dict)

    # -- people and posts ----------------------------------------------------------------
    def direct_reports(self, position: str) -> list[str]:
        return self.reporting.children.get(position, [])

    def all_reports(self, position: str) -> list[str]:
        return self.reporting.descendants(position)

    def span_of_control(self, position: str) -> int:
        """Direct reports, counting each post's headcount (from the counts kept while the
        structure was built: no post is read again)."""
        return len(self.direct_reports(position)) + self.extra_headcount.get(position, 0)

    def chain_of_command(self, position: str) -> list[str]:
        return self.reporting.chain(position)

    def layers(self, position: str) -> int | None:
        """The position's layer from the top (1 at the top); None when it reaches no top."""
        return self.reporting.depth.get(position)

    def fte(self, position: str) -> Decimal:
        post = self.tree.positions[position]
        return post.fte * post.headcount

    # -- units ---------------------------------------------------------------------------
    def units_supported_by(self, unit: str) -> list[str]:
        return sorted(self.tree.units[unit].supports)

    def supporters_of(self, unit: str) -> list[str]:
        return self.supporters.get(unit, [])

    def subunits(self, unit: str) -> list[str]:
        return self.unit_tree.descendants(unit)

    @cached_property
    def _fte_by_unit(self) -> dict[str, Decimal]:
        positions = self.tree.positions
        found: dict[str, Decimal] = {}
        for unit, members in self.positions_by_unit.items():
            total = Decimal(0)
            for position in members:
                post = positions[position]
                total += post.fte * post.headcount
            found[unit] = total
        return found

    def unit_fte(self, unit: str, subtree: bool = False) -> Decimal:
        """FTE of a unit's posts (headcount x fte), or of its whole subtree."""
        by_unit = self._fte_by_unit
        if not subtree:
            return by_unit.get(unit, Decimal(0))
        return sum((by_unit.get(u, Decimal(0)) for u in [unit, *self.subunits(unit)]), Decimal(0))

    def unit_posts(self, unit: str) -> int:
        positions = self.tree.positions
        return sum(positions[p].headcount for p in self.positions_by_unit.get(unit, ()))

    def sourcing_mix(self, unit: str) -> dict[SourcingModel, Decimal]:
        """Share of the unit's work per sourcing model (shares add up to 1)."""
        tree = self.tree
        sourcing = tree.units[unit].sourcing
        if not sourcing:
            return {tree.allocation_model(unit, IN_HOUSE, None): Decimal(1)}
        mix: dict[SourcingModel, Decimal] = defaultdict(Decimal)
        for allocation in sourcing:
            model = tree.allocation_model(unit, allocation.provider, allocation.location)
            mix[model] += allocation.share
        return dict(mix)

    @cached_property
    def contract_users(self) -> dict[str, list[str]]:
        """The units whose vendor work names each contract, by unit id."""
        users: dict[str, list[str]] = {}
        for unit_id in sorted(self.tree.units):
            for allocation in self.tree.units[unit_id].sourcing or ():
                contract = allocation.contract
                if allocation.provider != IN_HOUSE and contract is not None:
                    named = users.setdefault(contract, [])
                    if not named or named[-1] != unit_id:
                        named.append(unit_id)
        return users

    @cached_property
    def work(self) -> list[Work]:
        """Every unit's work, line by line (boconf.graph.work), computed once."""
        from boconf.graph.work import compute_all_work  # it builds on this module

        return compute_all_work(self)

    # -- the back office -----------------------------------------------------------------
    @cached_property
    def back_office_line(self) -> frozenset[str]:
        """The back-office head and every position that rolls up to it."""
        head = self.tree.organisation.back_office_head
        if head not in self.tree.positions:
            return frozenset()
        return frozenset([head, *self.reporting.descendants(head)])

    def rolls_up_to_back_office_head(self, position: str) -> bool:
        return position in self.back_office_line

    def units_in_office(self, office: Office) -> list[str]:
        return [u for u, unit in self.tree.units.items() if unit.office is office]


def build_structure(tree: OrgTree) -> OrgStructure:
    # One pass over the positions for the reporting lines and every index by position. At a
    # million positions each dictionary operation per position costs about a quarter of a
    # second: a unit's positions are listed together, so its list is kept at hand, and a
    # holder (nearly always of one post) takes one operation, not two.
    reports_to: dict[str, str | None] = {}
    by_unit: dict[str, list[str]] = {}
    by_holder: dict[str, list[str]] = {}
    dotted: dict[str, list[str]] = {}
    extra_headcount: dict[str, int] = {}
    last_unit: str | None = None
    members: list[str] = []
    for position_id, post in tree.positions.items():
        manager = reports_to[position_id] = post.reports_to
        if post.headcount != 1 and manager is not None:
            extra_headcount[manager] = extra_headcount.get(manager, 0) + post.headcount - 1
        in_unit = post.unit
        if in_unit is not None:
            if in_unit != last_unit:
                members = by_unit.setdefault(in_unit, [])
                last_unit = in_unit
            members.append(position_id)
        holder = post.holder
        if holder is not None:
            by_holder.setdefault(holder, []).append(position_id)
        for target in post.dotted_to:
            dotted.setdefault(target, []).append(position_id)
    structure = OrgStructure(
        tree=tree,
        reporting=analyse(reports_to),
        unit_tree=analyse({u: unit.parent for u, unit in tree.units.items()}),
        positions_by_unit=by_unit,
        positions_by_holder=by_holder,
        dotted_reports=dotted,
        extra_headcount=extra_headcount,
    )
    for unit_id, unit in sorted(tree.units.items()):
        for target in unit.supports:
            structure.supporters.setdefault(target, []).append(unit_id)
    structure.unit_locations = _unit_locations(tree, structure.unit_tree)
    return structure


def _unit_locations(tree: OrgTree, unit_tree: Forest) -> dict[str, str]:
    """Every unit's location in one pass down the unit tree (iterative)."""
    found: dict[str, str] = {}
    stack = [(root, tree.organisation.headquarters) for root in unit_tree.roots]
    while stack:
        unit_id, inherited = stack.pop()
        here = tree.units[unit_id].location or inherited
        found[unit_id] = here
        stack.extend((child, here) for child in unit_tree.children.get(unit_id, ()))
    for unit_id in tree.units:  # in or below a cycle of parents: walk up the bounded way
        if unit_id not in found:
            found[unit_id] = tree.unit_location(unit_id)
    return found


def sorted_unique(items: Iterable[str]) -> list[str]:
    return sorted(set(items))
