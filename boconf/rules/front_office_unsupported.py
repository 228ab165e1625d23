"""BO204 front-office-unsupported."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from pydantic import Field

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.model.entities import Office
from boconf.rules.base import GUESSED, UNIT, Finding, LintContext, Rule, RuleOptions


def _default_required_support() -> dict[str, list[str]]:
    return {"sales": ["credit", "administration"], "customer_support": ["it_support"]}


class Options(RuleOptions):
    required_support: dict[str, list[str]] = Field(
        default_factory=_default_required_support,
        description="For a front-office function, the back-office functions that must support it.",
    )


class FrontOfficeUnsupported(Rule[Options]):
    """A front-office unit without the back-office support it needs.

    ## What it checks
    For every unit with `office: front`, collects the back-office units that list it, or
    one of its parent units, in their `supports` (support given to a sales directorate
    covers the regional sales units below it). Reports the unit, once, at its `id` when no
    back-office unit supports it, or, for a unit with no front-office sub-units, when none
    of its supporters does a function that `required_support` requires for the unit's
    function. The message lists what is missing.

    ## Why it matters
    The back office exists to drive and support the front office, above all the sales
    effort. A front-office unit nobody supports is a gap: its orders, invoices, credit
    checks and tools fall to whoever happens to notice, or to the front-office staff
    themselves, at the expense of customers.

    ## How to fix
    Add the front-office unit to the `supports` list of the back-office units that serve
    it (one of each required function), or create the missing back-office unit. If the
    organisation organises support differently, adjust `required_support`.

    ## Options
    - `required_support` (default `{sales: [credit, administration], customer_support:
      [it_support]}`): for a front-office function, the back-office functions that must
      each have a unit supporting a unit of that function. Functions not listed need some
      support, of any function.

    ## Failing example
    ```yaml
    kind: Unit
    id: it
    office: back
    function: it_support
    supports: [sales]   # sales gets no credit and no administration support
    ```

    ## Passing example
    ```yaml
    kind: Unit
    id: credit
    office: back
    function: credit
    supports: [sales]
    ---
    kind: Unit
    id: administration
    office: back
    function: administration
    supports: [sales]
    ```
    """

    code = "BO204"
    name = "front-office-unsupported"
    severity = Severity.WARNING
    # Off in the settings an import writes, and when to turn it back on (see GUESSED in rules.base).
    off_when_imported: ClassVar[Mapping[str, str]] = {
        GUESSED: (
            "the source says nothing of which units support which (`supports`);\n"
            "re-enable once they are added."
        ),
    }
    summary = N_("A front-office unit without the back-office support it needs.")
    options_model = Options

    def check(self, context: LintContext, options: Options) -> Iterator[Finding]:
        units = context.tree.units
        structure = context.structure
        depth = structure.unit_tree.depth
        # Back-office support functions per unit, inherited from parent units: top-down in
        # one pass (units in a parent cycle, without depth, keep only their own support).
        inherited: dict[str, set[str]] = {}
        for unit_id in sorted(units, key=lambda u: (depth.get(u, 0), u)):
            own = {
                units[s].function
                for s in structure.supporters_of(unit_id)
                if units[s].office is Office.BACK
            }
            parent = units[unit_id].parent
            if parent is not None and depth.get(unit_id) is not None and parent in inherited:
                own |= inherited[parent]
            inherited[unit_id] = own
        has_front_children = {
            unit.parent
            for unit in units.values()
            if unit.parent is not None and unit.office is Office.FRONT
        }
        for unit_id, unit in sorted(units.items()):
            if unit.office is not Office.FRONT:
                continue
            present = inherited[unit_id]
            required = options.required_support.get(unit.function, [])
            if not present:
                message = (
                    _(
                        "front-office unit '{unit}' is supported by no back-office unit "
                        "(it needs {functions})"
                    )
                    if required
                    else _("front-office unit '{unit}' is supported by no back-office unit")
                )
                yield Finding(
                    UNIT,
                    unit_id,
                    message.format(unit=unit_id, functions=", ".join(required)),
                    _(
                        "add '{unit}' to the 'supports' of the back-office units that serve it"
                    ).format(unit=unit_id),
                    ("id",),
                )
                continue
            if unit_id in has_front_children:
                continue  # a directorate: its front-office sub-units are checked one by one
            missing = [f for f in dict.fromkeys(required) if f not in present]
            if missing:
                yield Finding(
                    UNIT,
                    unit_id,
                    _(
                        "front-office unit '{unit}' ({function}) has no support from {functions}"
                    ).format(unit=unit_id, function=unit.function, functions=", ".join(missing)),
                    _("add '{unit}' to the 'supports' of a {functions} unit").format(
                        unit=unit_id, functions=_(" and a ").join(missing)
                    ),
                    ("id",),
                )
