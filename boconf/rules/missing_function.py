"""BO206 missing-function."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated, ClassVar

from pydantic import Field

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.rules.base import GUESSED, ORGANISATION, Finding, LintContext, Rule, RuleOptions


def _default_required() -> list[list[str]]:
    return [["administration"], ["it_support"], ["hr"], ["finance", "credit"], ["data_management"]]


class Options(RuleOptions):
    required: list[Annotated[list[str], Field(min_length=1)]] = Field(
        default_factory=_default_required,
        description="Functions the organisation needs: each item is a list of alternatives, "
        "at least one of which some unit must do.",
    )


class MissingFunction(Rule[Options]):
    """The organisation lacks a function it needs.

    ## What it checks
    Collects the `function` of every unit, front and back office, and reports on the
    organisation, at its `id`, each item of `required` that no unit does: an item is a list
    of alternative functions, satisfied when some unit does any one of them. One finding
    per missing item.

    ## Why it matters
    Whatever the industry, a back office holds administrative services, technology support,
    personnel, the money side (finance or credit) and data management. When no unit does
    one of them the work is still done, but informally, by nobody accountable, or by a
    vendor nobody tracks: the organisation chart hides a gap.

    ## How to fix
    Add a unit for the function (in-house, at a captive centre or outsourced through its
    `sourcing`), or give an existing unit that function. If the organisation really does
    without it, change `required`.

    ## Options
    - `required` (default `[[administration], [it_support], [hr], [finance, credit],
      [data_management]]`): the functions the organisation needs; each item lists
      alternatives, at least one of which some unit must do.

    ## Failing example
    ```yaml
    # the only units: exec (executive), sales (sales), it (it_support)
    kind: Unit
    id: it
    office: back
    function: it_support
    ```

    ## Passing example
    ```yaml
    # besides exec, sales and it, one unit for each of:
    kind: Unit
    id: hr
    office: back
    function: hr
    # ... and administration, credit (or finance), data_management
    ```
    """

    code = "BO206"
    name = "missing-function"
    severity = Severity.WARNING
    # Off in the settings an import writes, and when to turn it back on (see GUESSED in rules.base).
    off_when_imported: ClassVar[Mapping[str, str]] = {
        GUESSED: ("unit functions were guessed from their names; re-enable once checked."),
    }
    summary = N_("The organisation lacks a function it needs.")
    options_model = Options

    def check(self, context: LintContext, options: Options) -> Iterator[Finding]:
        present = {unit.function for unit in context.tree.units.values()}
        organisation = context.tree.organisation.id
        for alternatives in options.required:
            if any(function in present for function in alternatives):
                continue
            wanted = _(" or ").join(alternatives)
            yield Finding(
                ORGANISATION,
                organisation,
                _("no unit does {functions}").format(functions=wanted),
                _("add a unit with function {functions}, in-house or outsourced").format(
                    functions=wanted
                ),
                ("id",),
            )
