"""BO111 empty-unit."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.rules.base import UNIT, UNITS_ONLY, Finding, LintContext, Rule, RuleOptions


class EmptyUnit(Rule[RuleOptions]):
    """A unit with no positions and no sub-units.

    ## What it checks
    Reports, at its `id`, every unit that no position belongs to and that is no other
    unit's `parent`.

    ## Why it matters
    An empty unit does no work: it is a leftover of a reorganisation or a placeholder that
    was never staffed. It clutters the chart, counts in unit totals and coverage checks
    (a front-office unit can look supported by it) while nobody is behind it.

    ## How to fix
    Add the unit's positions (nested under `positions:`, or with `unit:` in their own
    files), or remove the unit and anything that refers to it.

    ## Options
    None.

    ## Failing example
    ```yaml
    kind: Unit
    id: treasury
    name: Treasury
    office: back
    function: finance
    parent: finance
    ```

    ## Passing example
    ```yaml
    kind: Unit
    id: treasury
    name: Treasury
    office: back
    function: finance
    parent: finance
    positions:
      - {id: treasurer, title: Treasurer, reports_to: cfo}
    ```
    """

    code = "BO111"
    name = "empty-unit"
    severity = Severity.WARNING
    # Off in the settings an import writes, and when to turn it back on (see GUESSED in rules.base).
    off_when_imported: ClassVar[Mapping[str, str]] = {
        UNITS_ONLY: ("every unit of a register is empty; re-enable once positions are added."),
    }
    summary = N_("A unit with no positions and no sub-units.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        structure = context.structure
        children = structure.unit_tree.children
        for unit_id in sorted(context.tree.units):
            if structure.positions_by_unit.get(unit_id):
                continue
            if any(child != unit_id for child in children.get(unit_id, ())):
                continue  # a unit that is its own parent is no sub-unit (BO105)
            yield Finding(
                UNIT,
                unit_id,
                _("unit '{unit}' has no positions and no sub-units").format(unit=unit_id),
                _("add the unit's positions, or remove the unit"),
                ("id",),
            )
