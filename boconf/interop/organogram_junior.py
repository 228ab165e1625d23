"""An organogram's junior file: junior posts grouped by grade under their senior post.

A row of 2.5 FTE is a position of 2 full-time posts and one of a 0.5 FTE post (``-part``),
so the FTE total stays exact; a row of 0 FTE holds no post and is skipped.
"""

from __future__ import annotations

import dataclasses

from boconf.i18n import _
from boconf.interop.organogram_posts import Post, Reading
from boconf.interop.organogram_source import Sheet, amount, value_or_none
from boconf.interop.slugs import slugify

JUNIOR_TITLE = "Junior post"


def read_junior(reading: Reading, sheet: Sheet) -> None:
    counts = reading.counts
    for number, row in zip(sheet.numbers, sheet.rows, strict=True):
        fte = amount(row["fte"])
        if fte is None or fte < 0:
            reading.problem(
                sheet,
                number,
                _("Number of Posts in FTE '{value}' is not a number of posts: row skipped").format(
                    value=row["fte"]
                ),
            )
            counts.unreadable += 1
            counts.unreadable_junior += 1
            continue
        if fte == 0:
            counts.zero_fte += 1
            continue
        grade = value_or_none(row["grade"])
        post = Post("", row["title"] or grade or JUNIOR_TITLE, value_or_none(row["unit"]))
        post.grade = grade
        reading.manager(sheet, number, row["reports_to"], post, None)
        post.pay = reading.pay(sheet, number, row["pay_min"], row["pay_max"], "payscale")
        if post.unit is None:
            reading.problem(
                sheet,
                number,
                _("'{title}' has no Unit: it belongs to no unit").format(title=post.title),
            )

        boss = post.reports_to or post.missing or "top"
        base = slugify(f"{boss} {grade or ''} {post.title}", "post")[:120].rstrip("-")
        whole, part = int(fte), fte - int(fte)
        if part:
            counts.fractional += 1
        if whole:
            post.id, post.headcount = reading.ids.claim(base), whole
            reading.posts.append(post)
        if part:
            share = dataclasses.replace(post)
            share.id = reading.ids.claim(f"{base}-part" if whole else base)
            share.headcount, share.fte = 1, part
            reading.posts.append(share)
