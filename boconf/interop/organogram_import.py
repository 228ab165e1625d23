"""``boconf import organogram``: a UK government organogram -> a :class:`PlainOrg`.

The standard has two files. The **senior** file holds one row per senior post: its
``Post Unique Reference`` (text: ``00105227`` keeps its zeros), the post it ``Reports to``
(``XX`` at the top), the holder's ``Name``, ``Grade``, ``Job Title``, ``Unit``, ``FTE`` and the
actual pay band. The **junior** file holds the junior posts grouped by grade under their
``Reporting Senior Post``, with a ``Number of Posts in FTE`` that may be fractional.

What the files mean, and what is written for it:

- a senior row is a position; a name that is no person's (``N/D`` not disclosed, ``Vacant``,
  blank) leaves it without a holder, an undisclosed holder said in its description (and a
  unit an N/D post heads gets vacant-manager suppressed, with the reason: it is held);
- a reference that is not in the file but is a post's number without its leading zeros
  (Excel's doing) is that post, said as a problem;
- an ``Eliminated`` post is not a current post: not written, counted;
- a repeated post reference is told apart: a row repeated exactly is merged into the first;
  part-time rows of the same title are a job share, each half its own position
  (``<ref>-share-2``) beside the first; any other row is another post reusing the reference,
  renamed ``<ref>-2`` (reports to the reference stay with the first row);
- a senior post that reports to a reference not in the file (or to an eliminated post) keeps
  the reference as ``reports_to_missing``: the tree validates, and ``boconf check`` reports
  the post with the id it reported to (multiple-roots, BO102);
- a junior row of 2.5 FTE is a position of 2 full-time posts and one of a 0.5 FTE post
  (``-part``), so the FTE total stays exact; a row of 0 FTE holds no post and is skipped;
- grade and pay band are kept (``grade``, ``pay_band``); a post with a disclosed pay band is
  costed at its middle (``annual_cost_per_fte``), which ``boconf report cost`` uses instead
  of its location's rate: a guess, counted as one.

Organograms give no places: one headquarters location (in ``--country``) holds everyone.
Units come from the ``Unit`` column, their managers and parents inferred as for a CSV.
Problems are ``FILE:ROW: message``; the notes say what was read, kept, merged, skipped and
guessed, with counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from boconf.i18n import _, ngettext
from boconf.interop.csv_source import MAX_BYTES
from boconf.interop.enrichment import ENRICHMENT_RULES, SETTINGS_COMMENT
from boconf.interop.import_problems import ImportUsageError
from boconf.interop.org_inference import infer_managers, infer_parents, top_position
from boconf.interop.organogram_junior import read_junior
from boconf.interop.organogram_posts import Reading
from boconf.interop.organogram_senior import DESCRIPTION_UNDISCLOSED, read_senior
from boconf.interop.organogram_source import (
    JUNIOR_FIELDS,
    JUNIOR_REQUIRED,
    SENIOR_FIELDS,
    SENIOR_REQUIRED,
    read_sheet,
    value_or_none,
)
from boconf.interop.organogram_summary import Totals, number_text, summary_notes
from boconf.interop.plain_org import (
    ImportResult,
    PersonTable,
    PlainOrg,
    PlainUnit,
    PositionTable,
    fte_text,
    headquarters_placeholder,
)
from boconf.interop.unit_naming import unit_ids, units_by_id
from boconf.interop.yaml_text import scalar

CENT = Decimal("0.01")


@dataclass
class OrganogramOptions:
    name: str | None = None  # default: the senior file's Organisation column
    currency: str = "GBP"
    country: str = "GB"
    encoding: str | None = None
    max_bytes: int = MAX_BYTES


def import_organogram(
    senior: Path,
    junior: Path | None,
    options: OrganogramOptions,
    displays: tuple[str, str | None] | None = None,
) -> ImportResult:
    """Read an organogram's senior file (and its junior file) into an organisation; never
    writes. Raises :class:`ImportUsageError` for a file that is not an organogram's."""
    shown_senior, shown_junior = displays or (str(senior), str(junior) if junior else None)
    encoding, limit = options.encoding, options.max_bytes
    senior_sheet = read_sheet(
        senior,
        shown_senior,
        SENIOR_FIELDS,
        SENIOR_REQUIRED,
        "senior",
        encoding=encoding,
        max_bytes=limit,
    )
    junior_sheet = None
    if junior is not None:
        junior_sheet = read_sheet(
            junior,
            shown_junior or str(junior),
            JUNIOR_FIELDS,
            JUNIOR_REQUIRED,
            "junior",
            encoding=encoding,
            max_bytes=limit,
        )
    reading = Reading(senior_sheet, junior_sheet)
    reading.log.problems.extend(senior_sheet.table.problems)
    if junior_sheet is not None:
        reading.log.problems.extend(junior_sheet.table.problems)
    return _build(reading, options)


def _build(reading: Reading, options: OrganogramOptions) -> ImportResult:
    """The phases: the posts of both files, the units, the organisation, the summary."""
    read_senior(reading)
    if reading.junior is not None:
        read_junior(reading, reading.junior)
    if not reading.posts:
        raise ImportUsageError(
            _("{file}: no current posts to import").format(file=reading.senior.display)
        )
    units, positions = _units(reading)
    org = _organisation(reading, options, units, positions)
    _summarise(reading, org)
    senior = reading.senior.display
    problems = sorted(reading.log.problems, key=lambda p: (p.file != senior, p))
    return ImportResult(org, problems, reading.log.notes)


def _units(reading: Reading) -> tuple[list[PlainUnit], PositionTable]:
    """The units the posts name, with their managers and parents inferred."""
    ids = unit_ids(post.unit for post in reading.posts if post.unit is not None)
    units = units_by_id(ids)
    positions = _positions(reading, ids)
    infer_managers(units, positions)
    infer_parents(units, positions)
    _undisclosed_managers(reading, units)
    return units, positions


def _organisation(
    reading: Reading,
    options: OrganogramOptions,
    units: list[PlainUnit],
    positions: PositionTable,
) -> PlainOrg:
    tops = [post.id for post in reading.posts if post.reports_to is None and not post.missing]
    top = tops[0] if len(tops) == 1 else top_position(positions)
    location = headquarters_placeholder(options.country, "London")
    name = options.name or _organisation_name(reading)
    people = sorted(reading.people.items(), key=lambda item: item[1])
    return PlainOrg.named(
        name,
        options.currency,
        "Imported by boconf import organogram.",
        headquarters=location.id,
        head=top,
        locations=[location],
        units=units,
        positions=positions,
        people=PersonTable(
            [p for _name, p in people], [n for n, _person in people], [None] * len(people)
        ),
        ignored_rules=list(ENRICHMENT_RULES),
        settings_comment=SETTINGS_COMMENT,
    )


def _undisclosed_managers(reading: Reading, units: list[PlainUnit]) -> None:
    """A unit headed by an N/D post is not headed by a vacant post: its holder is only
    not named. vacant-manager would say otherwise, so it is suppressed on that unit,
    with the reason (``check --show-suppressed`` lists it)."""
    undisclosed = {p.id for p in reading.posts if p.description == DESCRIPTION_UNDISCLOSED}
    headed = [unit for unit in units if unit.manager in undisclosed]
    for unit in headed:
        unit.ignore["vacant-manager"] = (
            f"its manager '{unit.manager}' has a holder the organogram does not name "
            "(N/D): not vacant"
        )
    if headed:
        reading.log.notes.append(
            ngettext(
                "{n} units headed by an N/D post: vacant-manager suppressed on them, with the "
                "reason (check --show-suppressed lists them)",
                "{n} units headed by an N/D post: vacant-manager suppressed on them, with the "
                "reason (check --show-suppressed lists them)",
                len(headed),
            ).format(n=len(headed))
        )


def _positions(reading: Reading, unit_ids: dict[str, str]) -> PositionTable:
    posts = reading.posts
    table = PositionTable(
        [post.id for post in posts],
        [post.title for post in posts],
        [unit_ids.get(post.unit) if post.unit else None for post in posts],
        [post.reports_to for post in posts],
        [post.holder for post in posts],
        [post.headcount for post in posts],
        [fte_text(post.fte) for post in posts],
        [None] * len(posts),
    )
    bands = [post.pay for post in posts]
    reading.counts.costed = sum(band is not None for band in bands)
    table.extra = {
        "reports_to_missing": [scalar(p.missing) if p.missing else None for p in posts],
        "grade": [scalar(p.grade) if p.grade else None for p in posts],
        "pay_band": [
            f"{{min: {number_text(band[0])}, max: {number_text(band[1])}}}" if band else None
            for band in bands
        ],
        # The middle of the band: what a post of it costs, for want of its salary.
        "annual_cost_per_fte": [
            number_text(((band[0] + band[1]) / 2).quantize(CENT)) if band else None
            for band in bands
        ],
        "description": [scalar(p.description) if p.description else None for p in posts],
    }
    return table


def _organisation_name(reading: Reading) -> str:
    named = Counter(
        row["organisation"] for row in reading.senior.rows if value_or_none(row["organisation"])
    )
    if not named:
        return "Imported organisation"
    chosen = min(named, key=lambda value: (-named[value], value))
    reading.log.notes.append(
        _("organisation named '{name}' from the Organisation column (--name)").format(name=chosen)
    )

    return chosen


def _summarise(reading: Reading, org: PlainOrg) -> None:
    senior, junior = reading.senior, reading.junior
    for sheet in (senior, junior):
        if sheet is not None and sheet.encoding_note:
            reading.log.notes.append(sheet.encoding_note)
    seniors = reading.posts[: reading.senior_posts]
    juniors = reading.posts[reading.senior_posts :]
    totals = Totals(
        (senior.display, len(senior.rows)),
        (junior.display, len(junior.rows)) if junior else None,
        len(seniors),
        sum((post.fte * post.headcount for post in seniors), Decimal(0)),
        len(org.people),
        len(juniors),
        sum(post.headcount for post in juniors),
        sum((post.fte * post.headcount for post in juniors), Decimal(0)),
    )
    reading.log.notes += summary_notes(reading.counts, totals)
