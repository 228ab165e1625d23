"""BO110 manager-outside-unit-line."""

from __future__ import annotations

from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.graph.forest import Forest
from boconf.i18n import N_, _
from boconf.rules.base import UNIT, Finding, LintContext, Rule, RuleOptions


class ManagerOutsideUnitLine(Rule[RuleOptions]):
    """A unit manager who reports outside the unit's parent chain.

    ## What it checks
    For every unit with a `manager`, looks at the position the manager `reports_to` and
    reports the unit, at its `manager`, when that position belongs neither to the unit
    itself nor to any unit above it (its `parent`, the parent's parent, and so on). A
    manager at the top of the organisation (no `reports_to`) is fine; a unit without a
    `parent` whose manager reports into another unit is reported. A manager in a reporting
    cycle is left to `reporting-cycle` (BO101) and `self-report` (BO104), and a unit in a
    cycle of parent units to `unit-cycle` (BO105): that one mistake gets one finding, whose
    hint already names where to point.

    ## Why it matters
    The unit tree and the reporting lines then tell two different stories: the unit sits
    under one department on the chart while its manager answers to another. Budgets,
    approvals and escalations follow one line and accountability the other, and roll-ups
    of head count and cost by unit no longer match who manages what.

    ## How to fix
    Point the manager's `reports_to` at a position of the unit's parent (or of a unit above
    it), or move the unit: set its `parent` to the unit of the position its manager reports
    to.

    ## Options
    None.

    ## Failing example
    ```yaml
    kind: Unit
    id: payroll
    parent: finance
    manager: payroll-manager
    positions:
      - {id: payroll-manager, title: Payroll manager, reports_to: hr-director}  # in unit hr
    ```

    ## Passing example
    ```yaml
    kind: Unit
    id: payroll
    parent: hr
    manager: payroll-manager
    positions:
      - {id: payroll-manager, title: Payroll manager, reports_to: hr-director}
    ```
    """

    code = "BO110"
    name = "manager-outside-unit-line"
    severity = Severity.WARNING
    summary = N_("A unit manager who reports outside the unit's parent chain.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        positions = context.tree.positions
        line = _UnitLines(context.structure.unit_tree)
        in_cycle = context.structure.reporting.in_cycle
        unit_cycles = context.structure.unit_tree.in_cycle
        for unit_id, unit in sorted(context.tree.units.items()):
            manager = unit.manager
            if manager is None:
                continue
            boss = positions[manager].reports_to
            if boss is None or manager in in_cycle:  # the top; a cycle is BO101's or BO104's
                continue
            if unit_id in unit_cycles:  # the unit's line is BO105's finding
                continue
            boss_unit = positions[boss].unit
            if boss_unit is not None and line.contains(boss_unit, unit_id):
                continue
            message = (
                _(
                    "unit '{unit}' is headed by '{manager}', who reports to '{boss}' in "
                    "unit '{boss_unit}': neither '{unit}' nor a unit above it"
                )
                if boss_unit is not None
                else _(
                    "unit '{unit}' is headed by '{manager}', who reports to '{boss}' in "
                    "no unit: neither '{unit}' nor a unit above it"
                )
            )
            yield Finding(
                UNIT,
                unit_id,
                message.format(unit=unit_id, manager=manager, boss=boss, boss_unit=boss_unit),
                _(
                    "point the reports_to of '{manager}' at a position of '{unit}' or of a "
                    "unit above it, or move '{unit}' under the unit of '{boss}'"
                ).format(manager=manager, unit=unit_id, boss=boss),
                ("manager",),
            )


class _UnitLines:
    """Answers "is unit a on the line from unit u up?" in constant time.

    One iterative depth-first pass numbers the units on entry and exit, from every root and
    from every member of a parent cycle: a unit is above another exactly when its interval
    holds the other's; a unit in a cycle is above everything whose line ends in that cycle.
    """

    def __init__(self, forest: Forest) -> None:
        self.in_cycle = forest.in_cycle
        self.enter: dict[str, int] = {}
        self.leave: dict[str, int] = {}
        self.cycle_of: dict[str, int] = {}  # the cycle a unit's line ends in
        children = forest.children
        starts = [(root, -1) for root in forest.roots] + [
            (member, index) for index, cycle in enumerate(forest.cycles) for member in cycle
        ]
        clock = 0
        for start, cycle in starts:
            stack: list[tuple[str, bool]] = [(start, False)]
            while stack:
                node, done = stack.pop()
                clock += 1
                if done:
                    self.leave[node] = clock
                    continue
                self.enter[node] = clock
                if cycle >= 0:
                    self.cycle_of[node] = cycle
                stack.append((node, True))
                stack.extend(
                    (child, False) for child in children.get(node, ()) if child not in self.in_cycle
                )

    def contains(self, upper: str, unit: str) -> bool:
        """Whether ``upper`` is ``unit`` or a unit above it."""
        cycle = self.in_cycle.get(upper)
        if cycle is not None:
            return self.cycle_of.get(unit) == cycle
        if upper not in self.enter or unit not in self.enter:
            return False
        return self.enter[upper] <= self.enter[unit] and self.leave[unit] <= self.leave[upper]
