"""An import's positions and people, a column at a time.

Each row is a position: its id, title (from the jobs table when the cell is a key),
``reports_to``, unit, location, FTE and headcount; and, when it names someone, the person
holding it (the ``holder`` column if there is one, else the position's id).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import cast

from boconf.i18n import _
from boconf.interop.csv_companions import Companions
from boconf.interop.csv_context import CsvImport
from boconf.interop.csv_rows import CsvRows, absent
from boconf.interop.plain_org import PersonTable, PositionTable, fte_text
from boconf.interop.slugs import is_id, slugify

UNTITLED = "Untitled position"


def position_table(
    source: CsvImport,
    rows: CsvRows,
    companions: Companions,
    columns: tuple[list[str | None], list[str | None], list[str | None], list[str | None]],
) -> PositionTable:
    """The positions, given each row's (unit, manager, holder, location)."""
    units, bosses, holders, locations = columns
    count = len(rows.number)
    headcounts = (
        [1] * count
        if absent(rows.headcount)
        else [
            _headcount(source, row, value)
            for row, value in zip(rows.number, rows.headcount, strict=True)
        ]
    )
    ftes: list[str | None] = (
        [None] * count
        if absent(rows.fte)
        else [_fte(source, row, value) for row, value in zip(rows.number, rows.fte, strict=True)]
    )
    return PositionTable(
        rows.id,
        _titles(source, rows, companions),
        units,
        bosses,
        holders,
        headcounts,
        ftes,
        locations,
    )


def _titles(source: CsvImport, rows: CsvRows, companions: Companions) -> list[str]:
    titles = rows.title
    if companions.jobs is not None:
        jobs = companions.jobs
        named: dict[str | None, str] = {
            title: jobs.get(title, "jobtitle", "title", "name") or title
            for title in set(titles)
            if title is not None
        }
        titles = list(map(named.get, titles))
    if None in titles:
        titles = list(titles)
        for index, title in enumerate(titles):
            if title is None:
                titles[index] = UNTITLED
                if "title" in source.columns:
                    source.problem(
                        rows.number[index],
                        _("'{raw_id}' has no title: written as '{title}'").format(
                            raw_id=rows.raw_id[index], title=UNTITLED
                        ),
                    )
    return cast(list[str], titles)


def holders(rows: CsvRows) -> tuple[list[str | None], PersonTable]:
    """Each row's holder (the holder column, else the position's id when the row names
    someone) and the people, each from the first row that holds them."""
    ids, names, given = rows.id, rows.name, rows.holder
    holder_ids: list[str | None]
    if absent(given):
        holder_ids = (
            cast(list[str | None], ids)
            if None not in names
            else [i if name is not None else None for i, name in zip(ids, names, strict=True)]
        )
    else:
        slugs = {
            holder: holder if is_id(holder) else slugify(holder, "person")
            for holder in set(given)
            if holder is not None
        }
        holder_ids = [
            slugs[holder] if holder is not None else (i if name is not None else None)
            for holder, i, name in zip(given, ids, names, strict=True)
        ]
    if None not in holder_ids and len(set(holder_ids)) == len(holder_ids):
        # The usual export: one person per row, so the columns are the people's.
        shown = names if None not in names else list(map(_or, names, holder_ids))
        return holder_ids, PersonTable(
            cast(list[str], holder_ids), cast(list[str], shown), rows.email
        )
    people = PersonTable([], [], [])
    seen: set[str] = set()
    for holder, name, email in zip(holder_ids, names, rows.email, strict=True):
        if holder is not None and holder not in seen:
            seen.add(holder)
            people.id.append(holder)
            people.name.append(name or holder)
            people.email.append(email)
    return holder_ids, people


def _or(value: str | None, default: str | None) -> str | None:
    return value or default


def _headcount(source: CsvImport, row: int, value: str | None) -> int:
    if value is None:
        return 1
    try:
        count = int(value)
    except ValueError:
        count = 0
    if not 1 <= count <= 100_000:
        source.problem(
            row, _("headcount '{value}' is not a number from 1: ignored").format(value=value)
        )
        return 1
    return count


def _fte(source: CsvImport, row: int, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        fte = Decimal(value)
    except InvalidOperation:
        fte = Decimal(-1)
    # NaN first: comparing it raises rather than answering.
    if not fte.is_finite() or not 0 < fte <= 1:
        source.problem(
            row, _("fte '{value}' is not a number in (0, 1]: ignored").format(value=value)
        )

        return None
    return fte_text(fte)
