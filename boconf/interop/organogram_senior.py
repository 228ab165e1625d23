"""An organogram's senior file: a position per senior post, its holder a person.

A post reference claims its id before any repeat is renamed. A repeated reference is told
apart: a row repeated exactly is merged into the first; part-time rows of the same title
are a job share (``<ref>-share``); any other row is another post reusing the reference
(``<ref>-2``). An ``Eliminated`` post is not written, only counted.
"""

from __future__ import annotations

from decimal import Decimal

from boconf.i18n import _, ngettext
from boconf.interop.organogram_posts import Post, Reading
from boconf.interop.organogram_source import (
    ELIMINATED,
    UNDISCLOSED,
    VACANT,
    amount,
    marker,
    value_or_none,
)
from boconf.interop.organogram_summary import said_number
from boconf.interop.slugs import as_id, slugify

DESCRIPTION_UNDISCLOSED = "The holder is not disclosed in the organogram (N/D)."
DESCRIPTION_UNNAMED = "The organogram gives no name for the holder."

Row = tuple[int, dict[str, str]]  # a row's number and its cells by field
Cells = dict[int, tuple[str, ...]]  # a row's raw cells, by number


def read_senior(reading: Reading) -> None:
    sheet = reading.senior
    groups: dict[str, list[Row]] = {}
    raw_rows: Cells = {}
    for index, (number, row) in enumerate(zip(sheet.numbers, sheet.rows, strict=True)):
        reference = row["id"]
        if not reference:
            reading.problem(sheet, number, _("no Post Unique Reference: row skipped"))
            reading.counts.unreadable += 1
            continue
        if ELIMINATED in (marker(row["name"]), marker(row["title"])):
            reading.eliminated.setdefault(reference, number)
            reading.counts.eliminated += 1
            continue
        groups.setdefault(reference, []).append((number, row))
        raw_rows[number] = sheet.cells(index)
    _claim_references(reading, groups)
    for reference, rows in groups.items():
        _senior_group(reading, reference, rows, raw_rows)
    reading.senior_posts = len(reading.posts)


def _claim_references(reading: Reading, groups: dict[str, list[Row]]) -> None:
    """Every first row claims its reference before any repeat is renamed, so that a
    renamed repeat never takes another post's id."""
    written, notes = reading.written, reading.log.notes
    for reference in groups:
        written[reference] = reading.ids.claim(as_id(reference, "post"))
    renamed = [ref for ref in groups if written[ref] != ref]
    if renamed:
        shown = ", ".join(f"'{ref}' -> '{written[ref]}'" for ref in renamed[:3])
        notes.append(
            ngettext(
                "{n} post reference(s) are not ids and were written as ids: {shown}",
                "{n} post reference(s) are not ids and were written as ids: {shown}",
                len(renamed),
            ).format(n=len(renamed), shown=shown)
        )
    for reference, number in reading.eliminated.items():
        if reference in groups:
            notes.append(
                _(
                    "{file}:{line}: post '{reference}' is Eliminated and its reference is used "
                    "by the current post on row {row}: the Eliminated one skipped, reports to "
                    "the reference go to the current one"
                ).format(
                    file=reading.senior.display,
                    line=number,
                    reference=reference,
                    row=groups[reference][0][0],
                )
            )


def _senior_group(reading: Reading, reference: str, rows: list[Row], raw_rows: Cells) -> None:
    sheet = reading.senior
    first_number, first = rows[0]
    written = reading.written[reference]
    reading.posts.append(_senior_post(reading, written, first_number, first))
    kept: list[Row] = [rows[0]]
    for number, row in rows[1:]:
        cells = raw_rows[number]
        same = next((n for n, _row in kept if raw_rows[n] == cells), None)
        if same is not None:
            reading.counts.repeated += 1
            reading.problem(
                sheet,
                number,
                _(
                    "post '{reference}' repeats row {same} exactly: merged into it (counted once)"
                ).format(reference=reference, same=same),
            )
            continue
        kept.append((number, row))
        first_fte = amount(first["fte"])
        fte = amount(row["fte"])
        if (
            marker(row["title"]) == marker(first["title"])
            and first_fte is not None
            and fte is not None
            and 0 < first_fte < 1
            and 0 < fte < 1
        ):
            identifier = reading.ids.claim(f"{written}-share")
            reading.counts.job_shares += 1
            reading.log.notes.append(
                _(
                    "{file}:{line}: post '{reference}' is a job share with row {first} "
                    "({first_fte} + {fte} FTE): written as '{identifier}' beside '{written}', "
                    "with the same manager"
                ).format(
                    file=sheet.display,
                    line=number,
                    reference=reference,
                    first=first_number,
                    first_fte=said_number(first_fte),
                    fte=said_number(fte),
                    identifier=identifier,
                    written=written,
                )
            )
        else:
            identifier = reading.ids.claim(written)
            reading.counts.reused += 1
            reading.problem(
                sheet,
                number,
                _(
                    "post reference '{reference}' is already row {first}'s ('{first_title}'): "
                    "this other post ({post}) written as '{identifier}'; posts reporting to "
                    "'{reference}' report to row {first}'s"
                ).format(
                    reference=reference,
                    first=first_number,
                    first_title=first["title"],
                    post=f"'{row['title']}'" + (f", {row['grade']}" if row["grade"] else ""),
                    identifier=identifier,
                ),
            )
        reading.posts.append(_senior_post(reading, identifier, number, row))


def _senior_post(reading: Reading, identifier: str, number: int, row: dict[str, str]) -> Post:
    sheet = reading.senior
    post = Post(
        identifier,
        row["title"] or row["grade"] or "Senior post",
        value_or_none(row["unit"]),
        grade=value_or_none(row["grade"]),
    )
    reading.manager(sheet, number, row["reports_to"], post, row["id"])
    _holder(reading, row["name"], post)
    post.fte = _senior_fte(reading, number, row["fte"])
    post.pay = reading.pay(sheet, number, row["pay_floor"], row["pay_ceiling"], "pay")
    if post.unit is None:
        reading.problem(
            sheet,
            number,
            _("post '{id}' has no Unit: it belongs to no unit").format(id=row["id"]),
        )
    return post


def _holder(reading: Reading, name: str, post: Post) -> None:
    kind = marker(name)
    counts = reading.counts
    if kind in UNDISCLOSED:
        counts.undisclosed += 1
        post.description = DESCRIPTION_UNDISCLOSED
    elif kind in VACANT:
        counts.vacant += 1
    elif not kind:
        counts.unnamed += 1
        post.description = DESCRIPTION_UNNAMED
    else:
        person = reading.people.get(name)
        if person is None:
            person = reading.people[name] = reading.person_ids.claim(slugify(name, "person"))
        post.holder = person


def _senior_fte(reading: Reading, number: int, value: str) -> Decimal:
    fte = amount(value)
    if fte is None or not 0 < fte <= 1:
        reading.problem(
            reading.senior,
            number,
            _("FTE '{value}' is not a number in (0, 1]: written as a full-time post").format(
                value=value
            ),
        )
        return Decimal(1)
    return fte
