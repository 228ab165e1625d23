"""Position ids from the rows' ids: duplicates renamed, invalid ids slugged, both reported."""

from __future__ import annotations

from boconf.i18n import _
from boconf.interop.csv_context import CsvImport
from boconf.interop.csv_rows import CsvRows
from boconf.interop.slugs import IdAllocator, all_ids, is_id, slugify


def assign_ids(source: CsvImport, rows: CsvRows) -> dict[str | None, str]:
    """Raw id -> position id, and ``rows.id`` the id each row is written with.

    Ids are claimed in row order, so a renamed id never takes one a later row has."""
    raw_ids = rows.raw_id
    if len(set(raw_ids)) == len(raw_ids) and all_ids(raw_ids):
        return dict(zip(raw_ids, raw_ids, strict=True))  # the common case: nothing to do
    first: dict[str, int] = {}
    by_raw: dict[str | None, str] = {}
    ids = IdAllocator()
    taken = ids.taken
    written = list(raw_ids)
    for index, (number, raw) in enumerate(zip(rows.number, raw_ids, strict=True)):
        if raw in first:
            written[index] = ids.claim(raw if is_id(raw) else slugify(raw, "post"))
            source.problem(
                number,
                _(
                    "duplicate id '{raw}' (first on {row_word} {first}): this one renamed "
                    "'{written}'"
                ).format(
                    raw=raw, row_word=source.row_word, first=first[raw], written=written[index]
                ),
            )
            continue
        first[raw] = number
        if raw not in taken and is_id(raw):  # a valid id, not yet taken
            taken.add(raw)
        else:
            written[index] = ids.claim(raw if is_id(raw) else slugify(raw, "post"))
            if written[index] != raw:
                source.problem(
                    number,
                    _("'{raw}' is not a valid id: written as '{written}'").format(
                        raw=raw, written=written[index]
                    ),
                )

        by_raw[raw] = written[index]
    rows.id = written
    return by_raw
