"""BO102 multiple-roots."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from boconf.diagnostics import Severity
from boconf.graph.cutoff import cut_off_below
from boconf.i18n import N_, _, ngettext
from boconf.rules.base import ORGANISATION, POSITION, Finding, LintContext, Rule, RuleOptions
from boconf.rules.cycle_findings import missing_managers, organisation_top, way_out


class MultipleRoots(Rule[RuleOptions]):
    """More than one position at the top of the organisation, or none.

    ## What it checks
    Counts the positions without a `reports_to`: the tops of the organisation. When there
    are two or more, the one that manages a top unit (else the one with the most positions
    below it) is the organisation's top, and every other one is reported once, at its `id`,
    with the number of positions below it (cut off from the top with it) and the largest
    lines among them; those get no finding of their own. The hint names the nearest unit
    manager up its unit line who reaches the top.

    A top whose `reports_to_missing` names the manager an import found in the source but not
    in it (a post of an organogram reporting to a post left out of the file) is reported
    with that id, so that each line cut off says which missing post it hangs from; such a
    top is never chosen as the organisation's top, and is reported even when it is the only
    one. A position reporting to itself or inside
    a reporting cycle is not a top: see
    `reporting-cycle` (BO101) and `self-report` (BO104). When there are positions but no
    top at all (every line ends in a cycle), reports that once, at the organisation's `id`,
    with the number of cycles.

    ## Why it matters
    A back office has one chain of command ending at one person. A second top is usually a
    forgotten `reports_to`: its whole line falls outside the organisation chart, escalations
    and approvals from it reach nobody, and head counts and costs rolled up from the top
    miss it. With no top at all, nobody is in charge: typical of an HR export whose top
    manager was given a manager of their own.

    ## How to fix
    Give every position except the real top a `reports_to`: the position it answers to;
    and remove the real top's `reports_to`. For a missing manager, add that position (and
    replace `reports_to_missing` with `reports_to`), or point `reports_to` at the post the
    line answers to now.

    ## Options
    None.

    ## Failing example
    ```yaml
    positions:
      - {id: ceo, title: Chief executive officer}
      - {id: coo, title: Chief operating officer}  # no reports_to: a second top
    ```

    ## Passing example
    ```yaml
    positions:
      - {id: ceo, title: Chief executive officer}
      - {id: coo, title: Chief operating officer, reports_to: ceo}
    ```
    """

    code = "BO102"
    name = "multiple-roots"
    severity = Severity.ERROR
    summary = N_("More than one position at the top of the organisation, or none.")

    def check(self, context: LintContext, options: RuleOptions) -> Iterator[Finding]:
        reporting = context.structure.reporting
        roots = reporting.roots  # sorted
        if not roots and context.tree.positions:
            yield _no_top(context, len(reporting.cycles))
            return
        missing = missing_managers(context, roots)
        if len(roots) < 2 and not missing:
            return
        top = organisation_top(context)
        sharing = Counter(missing.values())
        for root in roots:
            if root in missing:
                yield _cut_off(context, root, missing[root], top, sharing[missing[root]] - 1)
                continue
            if root == top:
                continue
            cut = cut_off_below(reporting, {root}).describe()
            message = (
                _(
                    "position '{position}' has no reports_to: a top of its own beside '{top}' "
                    "(one of {n} tops)"
                )
                if len(roots) > 2
                else _("position '{position}' has no reports_to: a top of its own beside '{top}'")
            ).format(position=root, top=top, n=len(roots))
            way = way_out(context, [root])
            if way.instead is not None and way.unit is not None:
                hint = (
                    _(
                        "point its reports_to at '{manager}', the manager of '{unit}' in its "
                        "unit line"
                    )
                    if way.instead == top
                    else _(
                        "point its reports_to at '{manager}', the manager of '{unit}' in its "
                        "unit line, under '{top}'"
                    )
                ).format(manager=way.instead, unit=way.unit, top=top)
            else:
                hint = _(
                    "give it a reports_to: the position it answers to in the line of '{top}'"
                ).format(top=top)
            yield Finding(POSITION, root, message + (f"; {cut}" if cut else ""), hint, ("id",))


def _cut_off(
    context: LintContext, root: str, missing: str, top: str | None, others: int
) -> Finding:
    """A top whose manager the source named but left out: reported with the missing id."""
    message = _(
        "position '{position}' reports to '{manager}', which is not in the organisation"
    ).format(position=root, manager=missing)
    if others:
        message += ngettext(
            " ({n} other position reports to it too)",
            " ({n} other positions report to it too)",
            others,
        ).format(n=others)
    if root == top:
        message += _(": it stands as the top, for want of another")
        hint = _(
            "add position '{manager}' and point reports_to at it; or, if '{position}' is the "
            "top, remove reports_to_missing"
        ).format(manager=missing, position=root)
        return Finding(POSITION, root, message, hint, ("reports_to_missing",))
    message += _(": a top of its own beside '{top}'").format(top=top)
    cut = cut_off_below(context.structure.reporting, {root}).describe()
    if cut:
        message += f"; {cut}"
    if missing in context.tree.positions:
        hint = _(
            "position '{manager}' exists now: replace reports_to_missing with reports_to"
        ).format(manager=missing)
    else:
        way = way_out(context, [root])
        # Only a manager in the top's line: another cut-off line is no way back to the top.
        reaches = way.instead is not None and reporting_root(context, way.instead) == top
        if reaches and way.unit is not None:
            hint = _(
                "add position '{manager}' and point reports_to at it, or at '{instead}', the "
                "manager of '{unit}' in its unit line"
            ).format(manager=missing, instead=way.instead, unit=way.unit)
        else:
            hint = _(
                "add position '{manager}' and point reports_to at it, or at the position it "
                "answers to now in the line of '{top}'"
            ).format(manager=missing, top=top)
    return Finding(POSITION, root, message, hint, ("reports_to_missing",))


def reporting_root(context: LintContext, position: str) -> str | None:
    return context.structure.reporting.root_of.get(position)


def _no_top(context: LintContext, cycles: int) -> Finding:
    organisation = context.tree.organisation.id
    count = len(context.tree.positions)
    message = (
        _(
            "the organisation has no top: none of its {count} positions is without a "
            "reports_to, so every reporting line ends in a reporting cycle"
        )
        if cycles == 1
        else _(
            "the organisation has no top: none of its {count} positions is without a "
            "reports_to, so every reporting line ends in one of {cycles} reporting cycles"
        )
    )
    return Finding(
        ORGANISATION,
        organisation,
        message.format(count=count, cycles=cycles),
        _(
            "remove the reports_to of the real top, and break the cycles (reporting-cycle, "
            "self-report)"
        ),
        ("id",),
    )
