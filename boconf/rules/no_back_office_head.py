"""BO202 no-back-office-head."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from boconf.diagnostics import Severity
from boconf.i18n import N_, _
from boconf.model.entities import Office
from boconf.rules.base import GUESSED, ORGANISATION, Finding, LintContext, Rule, RuleOptions


class NoBackOfficeHead(Rule[RuleOptions]):
    """The back-office head post is vacant or heads no back-office unit.

    ## What it checks
    Looks at the organisation's `back_office_head` position and reports, at
    `back_office_head`:

    - a vacant post (no `holder`);
    - a post that heads nothing: it is the `manager` of no back-office unit, and no
      back-office unit's manager reports to it, directly or through other positions.

    ## Why it matters
    The back office as a whole falls to one person (a back-office manager, the COO, a VP of
    operations) who keeps it supporting the front office. With the post empty, or with a
    head whose reporting line holds no back-office department, nobody runs the back office:
    priorities between departments, sourcing moves and vendor escalations have no owner.

    ## How to fix
    Appoint someone to the post (`holder:`), or point `back_office_head` at the position
    that really runs the back office, and make the back-office managers report to it.

    ## Options
    None.

    ## Failing example
    ```yaml
    # organisation.yaml
    back_office_head: coo
    # units/exec.yaml: coo has no holder, and no back-office manager reports to it
    positions:
      - {id: ceo, title: Chief executive, holder: nicolo}
      - {id: coo, title: Chief operating officer, reports_to: ceo}
    ```

    ## Passing example
    ```yaml
    # units/exec.yaml
    positions:
      - {id: ceo, title: Chief executive, holder: nicolo}
      - {id: coo, title: Chief operating officer, reports_to: ceo, holder: ilaria}
    # units/it.yaml: office back, manager it-head
    positions:
      - {id: it-head, title: IT manager, reports_to: coo}
    ```
    """

    code = "BO202"
    name = "no-back-office-head"
    severity = Severity.ERROR
    # Off in the settings an import writes, and when to turn it back on (see GUESSED in rules.base).
    off_when_imported: ClassVar[Mapping[str, str]] = {
        GUESSED: (
            "back_office_head is the top of the organisation, chosen by the import;\n"
            "re-enable once the real back-office head is named."
        ),
    }
    summary = N_("The back-office head post is vacant or heads no back-office unit.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        tree = context.tree
        organisation = tree.organisation
        head = organisation.back_office_head
        post = tree.positions.get(head)
        if post is None:  # pragma: no cover - validation resolves the reference
            return
        if post.holder is None:
            yield Finding(
                ORGANISATION,
                organisation.id,
                _("the back-office head, position '{head}', is vacant").format(head=head),
                _(
                    "set 'holder:' on position '{head}', or point back_office_head at the post "
                    "that runs the back office"
                ).format(head=head),
                ("back_office_head",),
            )
        line = context.structure.back_office_line
        if not any(
            unit.office is Office.BACK and unit.manager in line for unit in tree.units.values()
        ):
            yield Finding(
                ORGANISATION,
                organisation.id,
                _(
                    "the back-office head, position '{head}', heads no back-office unit: it "
                    "manages none and no back-office manager reports to it"
                ).format(head=head),
                _(
                    "make the back-office managers report to the head, or point "
                    "back_office_head at the post they report to"
                ),
                ("back_office_head",),
            )
