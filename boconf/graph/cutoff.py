"""What one broken link in a forest cuts off, and where a broken link should go instead.

A reporting cycle, a position reporting to itself or a second top cuts every post below it off
from the top. Those posts are one finding's consequence, not findings of their own: the
finding that reports the cause says how many they are and which lines below it are the
largest. Everything here is linear in what it walks, computed once per cause.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from boconf import numbers
from boconf.graph.forest import Forest
from boconf.i18n import _, ngettext

# The largest lines a summary names; the rest are counted.
LARGEST_SHOWN = 3


@dataclass(frozen=True)
class CutOff:
    """The nodes hanging below a set of nodes, and the largest lines among them."""

    count: int
    largest: list[tuple[str, int]]  # (head of a line, nodes in it, head included), largest first
    lines: int  # how many lines hang below

    def describe(self, noun: str = "positions") -> str:
        """``12 positions below it never reach the top (largest lines: 'a' 7, 'b' 3)``."""
        if not self.count:
            return ""
        template = (
            ngettext(
                "{n} unit below it never reaches the top",
                "{n} units below it never reach the top",
                self.count,
            )
            if noun == "units"
            else ngettext(
                "{n} position below it never reaches the top",
                "{n} positions below it never reach the top",
                self.count,
            )
        )
        text = template.format(n=numbers.number(self.count, 0))
        if self.lines == 1:  # one line: name its head, there is nothing to rank
            head = self.largest[0][0]
            if self.count == 1:
                return f"{text}: '{head}'"
            return _("{text} (the line of '{head}')").format(text=text, head=head)
        shown = ", ".join(f"'{head}' {numbers.number(size, 0)}" for head, size in self.largest)
        return _("{text} (largest lines: {lines})").format(text=text, lines=shown)


def cut_off_below(
    forest: Forest, members: Collection[str], below: Collection[str] | None = None
) -> CutOff:
    """Everything below ``members`` (a cycle, or a top) that is not itself a member; with
    ``below``, only what hangs from those of the members."""
    inside = members if isinstance(members, set | frozenset) else set(members)
    heads = sorted(
        child
        for member in (inside if below is None else below)
        for child in forest.children.get(member, ())
        if child not in inside
    )
    sizes = [(head, 1 + len(forest.descendants(head))) for head in heads]
    sizes.sort(key=lambda item: (-item[1], item[0]))
    return CutOff(sum(size for _, size in sizes), sizes[:LARGEST_SHOWN], len(sizes))


@dataclass(frozen=True)
class WayOut:
    """Where one link of a cycle should point instead, and why that one."""

    member: str  # whose link to change
    instead: str | None  # the node outside the cycle to link to; None: cut the link
    unit: str | None  # the unit whose manager ``instead`` is
    misplaced: bool  # the link points outside the member's unit line (the likely slip)


def unit_line(unit: str | None, unit_parent: Mapping[str, str | None]) -> list[str]:
    """A unit and every unit above it, nearest first (a parent cycle is walked once)."""
    line: list[str] = []
    seen: set[str] = set()
    while unit is not None and unit not in seen and unit in unit_parent:
        line.append(unit)
        seen.add(unit)
        unit = unit_parent[unit]
    return line


def reporting_way_out(
    cycle: list[str],
    reporting: Forest,
    unit_of: Mapping[str, str | None],
    unit_parent: Mapping[str, str | None],
    manager_of: Mapping[str, str | None],
) -> WayOut:
    """The link of a reporting cycle to change, and the post it could report to instead.

    The unit tree says where each post belongs: a unit's manager answers to a manager of a unit
    above, anyone else to a post of their own unit or above. A link that breaks that is the
    likely slip; the manager it should answer to is the nearest unit manager up its unit line
    who is outside the cycle and reaches the top. Without such a manager, the link to cut is
    the one of the member with the most posts below it (it is the likeliest top).
    """
    members = set(cycle)
    options: list[tuple[int, int, WayOut]] = []
    for order, member in enumerate(cycle):
        own = unit_line(unit_of.get(member), unit_parent)
        boss_unit = unit_of.get(reporting.parent.get(member) or "")
        heads_own = bool(own) and manager_of.get(own[0]) == member
        allowed = own[1:] if heads_own else own
        misplaced = boss_unit not in allowed
        for unit in own:
            manager = manager_of.get(unit)
            # Outside the cycle (or the cut-off top) and reaching a top other than it.
            if (
                manager is not None
                and manager not in members
                and reporting.root_of.get(manager) not in (None, *members)
            ):
                way = WayOut(member, manager, unit, misplaced)
                options.append((0 if misplaced else 1, order, way))
                break
    if options:
        return min(options, key=lambda option: option[:2])[2]
    # Largest count first; on a tie, the earliest in the cycle (which starts at its least id).
    _count, _order, member = max(
        (cut_off_below(reporting, members, (m,)).count, -order, m) for order, m in enumerate(cycle)
    )
    return WayOut(member, None, None, False)


def main_top(
    forest: Forest, preferred: Collection[str] = (), cut_off: Collection[str] = ()
) -> str | None:
    """The organisation's top when a forgotten link has made more than one: not a ``cut_off``
    top (one whose manager the source named but left out: it is below someone), then a
    ``preferred`` top (the manager of a top unit), then the one with the most nodes below
    it, then the least id."""
    if not forest.roots:
        return None
    below: dict[str, int] = {}
    for root in forest.root_of.values():
        if root is not None:
            below[root] = below.get(root, 0) + 1
    return min(
        forest.roots,
        key=lambda root: (root in cut_off, root not in preferred, -below.get(root, 0), root),
    )
