"""What an organogram import says it did: what was read, kept, merged, skipped and guessed.

Counted while importing (:class:`Counts`), totalled once the posts are built (:class:`Totals`),
and said as one note per kind of decision, each with its numbers, in a fixed order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal


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


def summary_notes(counts: Counts, totals: Totals) -> list[str]:
    senior_file, senior_rows = totals.senior_file
    read = f"read {senior_rows} senior rows from {senior_file}"
    if totals.junior_file is not None:
        read += f" and {totals.junior_file[1]} junior rows from {totals.junior_file[0]}"
    notes = [
        read,
        f"kept {totals.senior_posts} senior posts ({number_text(totals.senior_fte)} FTE): "
        f"{totals.people} people named, {counts.undisclosed} holders not disclosed "
        f"(N/D), {counts.vacant} vacant, {counts.unnamed} without a name",
    ]
    if totals.junior_file is not None:
        rows = totals.junior_file[1] - counts.zero_fte - counts.unreadable_junior
        notes.append(
            f"kept {rows} junior rows as {totals.junior_positions} positions of "
            f"{totals.junior_posts} posts ({number_text(totals.junior_fte)} FTE; "
            f"{counts.fractional} fractional rows split into whole posts and one part-time "
            "post)"
        )
    notes.append(
        f"merged {counts.repeated} exactly repeated rows; kept {counts.job_shares} job "
        f"shares as posts of their own and renamed {counts.reused} other posts reusing a "
        "reference"
    )
    notes.append(
        f"skipped {counts.eliminated} Eliminated posts, {counts.zero_fte} junior rows of "
        f"0 FTE and {counts.unreadable} unreadable rows"
    )
    if counts.cut_off:
        missing = sorted(counts.cut_off)
        shown = ", ".join(f"'{ref}' ({counts.cut_off[ref]})" for ref in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        notes.append(
            f"{sum(counts.cut_off.values())} posts report to {len(missing)} senior posts "
            f"not in the file ({shown}{more}): kept with reports_to_missing"
        )
    notes.append(
        f"guessed: {counts.costed} positions costed at the middle of their pay band "
        f"(annual_cost_per_fte); {counts.pay_not_disclosed} without a disclosed pay band "
        f"(no cost); {counts.zeros} references matched to a post by their number (leading "
        "zeros lost); one 'Headquarters' location, as organograms give no places; unit "
        "managers, parents and functions from the posts and unit names"
    )
    return notes
