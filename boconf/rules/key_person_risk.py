"""BO213 key-person-risk."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from pydantic import Field

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.model.entities import IN_HOUSE, Office
from boconf.rules.base import GUESSED, UNIT, Finding, LintContext, Rule, RuleOptions


class Options(RuleOptions):
    exempt_functions: list[str] = Field(
        default_factory=lambda: ["executive", "general_management"],
        description="Functions never reported, such as a general management led by one person.",
    )


class KeyPersonRisk(Rule[Options]):
    """A back-office function that rests on one person.

    ## What it checks
    Adds up, for every function of the `office: back` units, the `headcount` of the
    positions in those units. Reports a function whose posts add up to exactly one, when no
    unit of the function has a vendor allocation in its `sourcing` to fall back on. The
    finding is on the unit that holds the single post, and names the function and the post.
    Functions listed in `exempt_functions` are never reported.

    ## Why it matters
    When the one person doing a back-office function is ill, on leave or leaves, the function
    stops: payroll is not run, invoices are not paid, access requests wait. Nobody else knows
    the work, and there is no vendor to call on either.

    ## How to fix
    Add a second post or a deputy for the function (part-time or in another unit), or source
    part of the work to a vendor under a contract. If a single post is acceptable, suppress
    the finding on the unit with the reason and the cover arrangement.

    ## Options
    - `exempt_functions` (default `["executive", "general_management"]`): functions never
      reported.

    ## Failing example
    ```yaml
    id: legal
    office: back
    function: legal
    positions:
      - {id: legal-counsel, title: Legal counsel, reports_to: coo}
    ```

    ## Passing example
    ```yaml
    id: legal
    office: back
    function: legal
    positions:
      - {id: legal-counsel, title: Legal counsel, reports_to: coo}
      - {id: legal-assistant, title: Legal assistant, reports_to: legal-counsel}
    ```
    """

    code = "BO213"
    name = "key-person-risk"
    severity = Severity.WARNING
    # Off in the settings an import writes, and when to turn it back on (see GUESSED in rules.base).
    off_when_imported: ClassVar[Mapping[str, str]] = {
        GUESSED: ("counts people per guessed function; re-enable once functions are checked."),
    }
    summary = N_("A back-office function that rests on one person.")
    options_model = Options

    def check(self, context: LintContext, options: Options) -> Iterator[Finding]:
        tree = context.tree
        structure = context.structure
        positions = tree.positions
        exempt = set(options.exempt_functions)
        posts: dict[str, int] = {}
        # The unit and position of the function's first post; enough when it has only one.
        first_post: dict[str, tuple[str, str]] = {}
        covered: set[str] = set()
        for unit_id, unit in sorted(tree.units.items()):
            function = unit.function
            if unit.office is not Office.BACK or function in exempt:
                continue
            if any(a.provider != IN_HOUSE for a in unit.sourcing or ()):
                covered.add(function)
            for position_id in structure.positions_by_unit.get(unit_id, ()):
                posts[function] = posts.get(function, 0) + positions[position_id].headcount
                first_post.setdefault(function, (unit_id, position_id))
        for function, count in sorted(posts.items()):
            if count != 1 or function in covered:
                continue
            unit_id, position_id = first_post[function]
            yield Finding(
                UNIT,
                unit_id,
                _(
                    "back-office function '{function}' rests on one post: position "
                    "'{position}' ({title}) in unit '{unit}'"
                ).format(
                    function=function,
                    position=position_id,
                    title=positions[position_id].title,
                    unit=unit_id,
                ),
                _(
                    "add a second post or a deputy for the function, or source part of it to a "
                    "vendor"
                ),
                ("id",),
            )
