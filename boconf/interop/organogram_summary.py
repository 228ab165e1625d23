"""What an organogram import says it did: what was read, kept, merged, skipped and guessed.

Counted while importing (:class:`Counts`), totalled once the posts are built (:class:`Totals`),
and said as one note per kind of decision, each with its numbers, in a fixed order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from boconf.i18n import _, active_language
from boconf.i18n.language import number_symbols


@dataclass
class Counts:
    undisclosed: int = 0
    vacant: int = 0
    unnamed: int = 0
    eliminated: int = 0
    repeated: int = 0
    job_shares: int = 0
    reused: int = 0
    zero_fte: int = 0
    unreadable: int = 0  # rows skipped, of either file
    unreadable_junior: int = 0
    fractional: int = 0
    costed: int = 0
    pay_not_disclosed: int = 0
    zeros: int = 0  # references matched to a post once their leading zeros were restored
    cut_off: Counter[str] = field(default_factory=Counter)  # missing reference -> posts


@dataclass(frozen=True)
class Totals:
    senior_file: tuple[str, int]  # (display, rows)
    junior_file: tuple[str, int] | None
    senior_posts: int
    senior_fte: Decimal
    people: int
    junior_positions: int
    junior_posts: int  # counting headcount
    junior_fte: Decimal


def number_text(value: Decimal) -> str:
    """``Decimal('1099.070')`` -> ``1099.07``; whole numbers without a point."""
    text = f"{value.normalize():f}"
    return text if "." not in text else text.rstrip("0").rstrip(".")


def said_number(value: Decimal) -> str:
    """:func:`number_text` as a message says it: the active language's decimal separator
    (``0,5`` in Italian), no grouping, so that English reads exactly as the data is written."""
    decimal, _group = number_symbols(active_language())
    return number_text(value).replace(".", decimal)


def summary_notes(counts: Counts, totals: Totals) -> list[str]:
    senior_file, senior_rows = totals.senior_file
    read = _("read {rows} senior rows from {file}").format(rows=senior_rows, file=senior_file)
    if totals.junior_file is not None:
        read += " " + _("and {rows} junior rows from {file}").format(
            rows=totals.junior_file[1], file=totals.junior_file[0]
        )
    notes = [
        read,
        _(
            "kept {posts} senior posts ({fte} FTE): {people} people named, {undisclosed} "
            "holders not disclosed (N/D), {vacant} vacant, {unnamed} without a name"
        ).format(
            posts=totals.senior_posts,
            fte=said_number(totals.senior_fte),
            people=totals.people,
            undisclosed=counts.undisclosed,
            vacant=counts.vacant,
            unnamed=counts.unnamed,
        ),
    ]
    if totals.junior_file is not None:
        rows = totals.junior_file[1] - counts.zero_fte - counts.unreadable_junior
        notes.append(
            _(
                "kept {rows} junior rows as {positions} positions of {posts} posts ({fte} FTE; "
                "{fractional} fractional rows split into whole posts and one part-time post)"
            ).format(
                rows=rows,
                positions=totals.junior_positions,
                posts=totals.junior_posts,
                fte=said_number(totals.junior_fte),
                fractional=counts.fractional,
            )
        )
    notes.append(
        _(
            "merged {repeated} exactly repeated rows; kept {shares} job shares as posts of "
            "their own and renamed {reused} other posts reusing a reference"
        ).format(repeated=counts.repeated, shares=counts.job_shares, reused=counts.reused)
    )
    notes.append(
        _(
            "skipped {eliminated} Eliminated posts, {zero} junior rows of 0 FTE and "
            "{unreadable} unreadable rows"
        ).format(eliminated=counts.eliminated, zero=counts.zero_fte, unreadable=counts.unreadable)
    )
    if counts.cut_off:
        missing = sorted(counts.cut_off)
        shown = ", ".join(f"'{ref}' ({counts.cut_off[ref]})" for ref in missing[:5])
        more = " " + _("and {n} more").format(n=len(missing) - 5) if len(missing) > 5 else ""
        notes.append(
            _(
                "{posts} posts report to {missing} senior posts not in the file "
                "({shown}{more}): kept with reports_to_missing"
            ).format(
                posts=sum(counts.cut_off.values()),
                missing=len(missing),
                shown=shown,
                more=more,
            )
        )
    notes.append(
        _(
            "guessed: {costed} positions costed at the middle of their pay band "
            "(annual_cost_per_fte); {undisclosed} without a disclosed pay band (no cost); "
            "{zeros} references matched to a post by their number (leading zeros lost); one "
            "'Headquarters' location, as organograms give no places; unit managers, parents "
            "and functions from the posts and unit names"
        ).format(costed=counts.costed, undisclosed=counts.pay_not_disclosed, zeros=counts.zeros)
    )
    return notes
