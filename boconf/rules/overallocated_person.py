"""BO112 overallocated-person."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from boconf.diagnostics import Severity
from boconf.i18n import N_, _, active_language
from boconf.i18n.language import number_symbols
from boconf.rules.base import PERSON, Finding, LintContext, Rule, RuleOptions


class Options(RuleOptions):
    max_fte: Decimal = Field(default=Decimal(1), gt=0)
    """The most FTE one person's posts may add up to."""


class OverallocatedPerson(Rule[Options]):
    """A person whose posts add up to more than one FTE.

    ## What it checks
    Adds up the `fte` of every post a person holds (the positions naming them as `holder`)
    and reports the people above `max_fte`, at their `id`, with the posts and the total.
    A person holds one post of a multi-headcount position, so each position counts its
    `fte` once, not `fte` times `headcount`.

    ## Why it matters
    Nobody works more than full time. An over-allocated person means the chart promises
    capacity that does not exist: one of the posts is really vacant or covered part-time,
    its work queues up, and segregation of duties may rest on one person wearing two hats.

    ## How to fix
    Lower the `fte` of the posts to what the person really gives each of them, or hand one
    of the posts to someone else (or leave it vacant: remove its `holder`).

    ## Options
    - `max_fte` (default 1): the most FTE one person's posts may add up to.

    ## Failing example
    ```yaml
    positions:
      - {id: payroll-manager, title: Payroll manager, reports_to: cfo, holder: sara-conti}
      - {id: hr-manager, title: HR manager, reports_to: coo, holder: sara-conti, fte: 0.5}
    ```

    ## Passing example
    ```yaml
    positions:
      - {id: payroll-manager, title: Payroll manager, reports_to: cfo, holder: sara-conti, fte: 0.5}
      - {id: hr-manager, title: HR manager, reports_to: coo, holder: sara-conti, fte: 0.5}
    ```
    """

    code = "BO112"
    name = "overallocated-person"
    severity = Severity.ERROR
    summary = N_("A person whose posts add up to more than one FTE.")
    options_model = Options

    def check(self, context: LintContext, options: Options) -> Iterator[Finding]:
        positions = context.tree.positions
        limit = options.max_fte
        over = []
        for person, posts in context.structure.positions_by_holder.items():
            if len(posts) == 1 and positions[posts[0]].fte <= limit:
                continue  # the common case, decided without summing
            total = sum((positions[p].fte for p in posts), Decimal(0))
            if total > limit:
                over.append((person, posts, total))
        for person, posts, total in sorted(over):
            held = ", ".join(f"{p} ({_number(positions[p].fte)})" for p in sorted(posts))
            yield Finding(
                PERSON,
                person,
                _("person '{person}' holds {total} FTE, more than {limit}: {posts}").format(
                    person=person,
                    total=_number(total),
                    limit=_number(options.max_fte),
                    posts=held,
                ),
                _(
                    "lower the fte of the posts to the person's real share, or give one of them "
                    "to someone else"
                ),
                ("id",),
            )


def _number(value: Decimal) -> str:
    """1.50 as 1.5, 1.0 as 1, 100 as 100 (never 1E+2); with the language's decimal mark."""
    text = f"{value:f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return text.replace(".", number_symbols(active_language())[0])
