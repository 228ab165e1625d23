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

import dataclasses
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from boconf.interop.csv_source import MAX_BYTES
from boconf.interop.enrichment import ENRICHMENT_RULES, SETTINGS_COMMENT
from boconf.interop.import_problems import ImportProblem, ImportUsageError
from boconf.interop.org_inference import infer_managers, infer_parents, top_position
from boconf.interop.organogram_source import (
    ELIMINATED,
    JUNIOR_FIELDS,
    JUNIOR_REQUIRED,
    SENIOR_FIELDS,
    SENIOR_REQUIRED,
    UNDISCLOSED,
    VACANT,
    Sheet,
    amount,
    marker,
    read_sheet,
    value_or_none,
)
from boconf.interop.organogram_summary import Counts, Totals, number_text, summary_notes
from boconf.interop.plain_org import (
    ImportResult,
    PersonTable,
    PlainLocation,
    PlainOrg,
    PlainUnit,
    PositionTable,
)
from boconf.interop.slugs import IdAllocator, as_id, slugify
from boconf.interop.unit_functions import guess_function, office_of
from boconf.interop.yaml_text import scalar

CENT = Decimal("0.01")
TOP_MARKER = "xx"
JUNIOR_TITLE = "Junior post"
DESCRIPTION_UNDISCLOSED = "The holder is not disclosed in the organogram (N/D)."
DESCRIPTION_UNNAMED = "The organogram gives no name for the holder."


@dataclass
class OrganogramOptions:
    name: str | None = None  # default: the senior file's Organisation column
    currency: str = "GBP"
    country: str = "GB"
    encoding: str | None = None
    max_bytes: int = MAX_BYTES


@dataclass
class _Post:
    """One position to write."""

    id: str
    title: str
    unit: str | None  # the unit's name
    reports_to: str | None = None  # a written id
    missing: str | None = None  # the reference the source gave, not in it
    holder: str | None = None
    headcount: int = 1
    fte: Decimal = Decimal(1)
    grade: str | None = None
    pay: tuple[Decimal, Decimal] | None = None
    description: str | None = None


def _fte_text(fte: Decimal) -> str | None:
    return None if fte == 1 else f"{fte.normalize():f}"


class _Importer:
    def __init__(self, senior: Sheet, junior: Sheet | None, options: OrganogramOptions) -> None:
        self.senior = senior
        self.junior = junior
        self.options = options
        self.problems: list[ImportProblem] = []
        self.notes: list[str] = []
        self.counts = Counts()
        self.posts: list[_Post] = []
        self.ids = IdAllocator()
        self.written: dict[str, str] = {}  # a senior reference -> the id of its (first) post
        self.eliminated: dict[str, int] = {}  # an eliminated reference -> its row
        self.people: dict[str, str] = {}  # a holder's name -> person id
        self.person_ids = IdAllocator()
        self.senior_posts = 0  # the positions of the senior file come first
        self.raw_rows: dict[int, tuple[str, ...]] = {}  # a senior row's cells, by number
        self._by_number: dict[str, str] | None = None

    def problem(self, sheet: Sheet, row: int, message: str) -> None:
        self.problems.append(ImportProblem(sheet.display, row, message))

    # -- senior posts ---------------------------------------------------------------------

    def read_senior(self) -> None:
        sheet = self.senior
        groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
        self.raw_rows = {}
        for index, (number, row) in enumerate(zip(sheet.numbers, sheet.rows, strict=True)):
            reference = row["id"]
            if not reference:
                self.problem(sheet, number, "no Post Unique Reference: row skipped")
                self.counts.unreadable += 1
                continue
            if ELIMINATED in (marker(row["name"]), marker(row["title"])):
                self.eliminated.setdefault(reference, number)
                self.counts.eliminated += 1
                continue
            groups.setdefault(reference, []).append((number, row))
            self.raw_rows[number] = sheet.cells(index)
        # Every first row claims its reference before any repeat is renamed, so that a
        # renamed repeat never takes another post's id.
        for reference in groups:
            self.written[reference] = self.ids.claim(as_id(reference, "post"))
        renamed = [ref for ref in groups if self.written[ref] != ref]
        if renamed:
            shown = ", ".join(f"'{ref}' -> '{self.written[ref]}'" for ref in renamed[:3])
            self.notes.append(
                f"{len(renamed)} post reference(s) are not ids and were written as ids: {shown}"
            )
        for reference, number in self.eliminated.items():
            if reference in groups:
                self.notes.append(
                    f"{sheet.display}:{number}: post '{reference}' is Eliminated and its "
                    f"reference is used by the current post on row {groups[reference][0][0]}: "
                    "the Eliminated one skipped, reports to the reference go to the current one"
                )
        for reference, rows in groups.items():
            self._senior_group(reference, rows)

    def _senior_group(self, reference: str, rows: list[tuple[int, dict[str, str]]]) -> None:
        sheet = self.senior
        first_number, first = rows[0]
        self.posts.append(self._senior_post(self.written[reference], first_number, first))
        kept: list[tuple[int, dict[str, str]]] = [rows[0]]
        for number, row in rows[1:]:
            cells = self.raw_rows[number]
            same = next((n for n, _ in kept if self.raw_rows[n] == cells), None)
            if same is not None:
                self.counts.repeated += 1
                self.problem(
                    sheet,
                    number,
                    f"post '{reference}' repeats row {same} exactly: merged into it (counted once)",
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
                identifier = self.ids.claim(f"{self.written[reference]}-share")
                self.counts.job_shares += 1
                self.notes.append(
                    f"{sheet.display}:{number}: post '{reference}' is a job share with row "
                    f"{first_number} ({number_text(first_fte)} + {number_text(fte)} FTE): written as "
                    f"'{identifier}' beside '{self.written[reference]}', with the same manager"
                )
            else:
                identifier = self.ids.claim(self.written[reference])
                self.counts.reused += 1
                self.problem(
                    sheet,
                    number,
                    f"post reference '{reference}' is already row {first_number}'s "
                    f"('{first['title']}'): this other post ('{row['title']}'"
                    + (f", {row['grade']}" if row["grade"] else "")
                    + f") written as '{identifier}'; posts reporting to '{reference}' "
                    f"report to row {first_number}'s",
                )
            self.posts.append(self._senior_post(identifier, number, row))

    def _senior_post(self, identifier: str, number: int, row: dict[str, str]) -> _Post:
        sheet = self.senior
        post = _Post(
            identifier,
            row["title"] or row["grade"] or "Senior post",
            value_or_none(row["unit"]),
            grade=value_or_none(row["grade"]),
        )
        self._manager(sheet, number, row["reports_to"], post, row["id"])
        self._holder(row["name"], post)
        post.fte = self._senior_fte(number, row["fte"])
        post.pay = self._pay(sheet, number, row["pay_floor"], row["pay_ceiling"], "pay")
        if post.unit is None:
            self.problem(sheet, number, f"post '{row['id']}' has no Unit: it belongs to no unit")
        return post

    def _holder(self, name: str, post: _Post) -> None:
        kind = marker(name)
        if kind in UNDISCLOSED:
            self.counts.undisclosed += 1
            post.description = DESCRIPTION_UNDISCLOSED
        elif kind in VACANT:
            self.counts.vacant += 1
        elif not kind:
            self.counts.unnamed += 1
            post.description = DESCRIPTION_UNNAMED
        else:
            person = self.people.get(name)
            if person is None:
                person = self.people[name] = self.person_ids.claim(slugify(name, "person"))
            post.holder = person

    def _senior_fte(self, number: int, value: str) -> Decimal:
        fte = amount(value)
        if fte is None or not 0 < fte <= 1:
            self.problem(
                self.senior,
                number,
                f"FTE '{value}' is not a number in (0, 1]: written as a full-time post",
            )
            return Decimal(1)
        return fte

    def _pay(
        self, sheet: Sheet, number: int, low: str, high: str, what: str
    ) -> tuple[Decimal, Decimal] | None:
        """The pay band, when the row discloses one (``0`` and blank mean not disclosed)."""
        floor, ceiling = amount(low), amount(high)
        if not floor and not ceiling:
            self.counts.pay_not_disclosed += 1
            return None
        if floor is None or ceiling is None or not 0 < floor <= ceiling:
            self.problem(
                sheet,
                number,
                f"{what} band '{low}' to '{high}' is not a range: no pay band written",
            )
            return None
        return floor, ceiling

    def _manager(self, sheet: Sheet, number: int, value: str, post: _Post, own: str | None) -> None:
        """Resolve a ``Reports to`` cell onto ``post``: a written id, a missing reference, or
        nothing at the top."""
        header = "Reports to Senior Post" if sheet is self.senior else "Reporting Senior Post"
        if marker(value) == TOP_MARKER:
            return
        if value_or_none(value) is None:
            self.problem(
                sheet,
                number,
                f"no {header}: written as a top of its own (boconf check reports it)",
            )
            return
        target = self.written.get(value)
        if target is None and value.isdigit():
            # Excel drops leading zeros from a column it takes for numbers: '105227' for
            # '00105227'. The same number is the same post, unless two posts share it.
            target = self._numbers().get(value.lstrip("0"))
            if target is not None:
                self.counts.zeros += 1
                self.problem(
                    sheet,
                    number,
                    f"reports to '{value}', which is not a post reference: taken as "
                    f"'{target}', the same number with its leading zeros",
                )
        if target is not None:
            post.reports_to = target
            return
        post.missing = value
        self.counts.cut_off[value] += 1
        subject = f"post '{own}'" if own else f"'{post.title}'"
        if value in self.eliminated:
            self.problem(
                sheet,
                number,
                f"{subject} reports to '{value}', an Eliminated post (row "
                f"{self.eliminated[value]} of {self.senior.display}): kept, with "
                f"reports_to_missing: '{value}' for boconf check to report",
            )
        else:
            self.problem(
                sheet,
                number,
                f"{subject} reports to senior post '{value}', which is not in "
                f"{self.senior.display}: kept, with reports_to_missing: '{value}' for "
                "boconf check to report",
            )

    def _numbers(self) -> dict[str, str]:
        """Numeric references without their leading zeros -> the post, when only one has
        that number."""
        if self._by_number is None:
            found: dict[str, list[str]] = {}
            for reference, written in self.written.items():
                if reference.isdigit():
                    found.setdefault(reference.lstrip("0"), []).append(written)
            self._by_number = {key: ids[0] for key, ids in found.items() if len(ids) == 1}
        return self._by_number

    # -- junior posts ---------------------------------------------------------------------

    def read_junior(self, sheet: Sheet) -> None:
        for number, row in zip(sheet.numbers, sheet.rows, strict=True):
            fte = amount(row["fte"])
            if fte is None or fte < 0:
                self.problem(
                    sheet,
                    number,
                    f"Number of Posts in FTE '{row['fte']}' is not a number of posts: row skipped",
                )
                self.counts.unreadable += 1
                self.counts.unreadable_junior += 1
                continue
            if fte == 0:
                self.counts.zero_fte += 1
                continue
            grade = value_or_none(row["grade"])
            post = _Post("", row["title"] or grade or JUNIOR_TITLE, value_or_none(row["unit"]))
            post.grade = grade
            self._manager(sheet, number, row["reports_to"], post, None)
            post.pay = self._pay(sheet, number, row["pay_min"], row["pay_max"], "payscale")
            if post.unit is None:
                self.problem(sheet, number, f"'{post.title}' has no Unit: it belongs to no unit")
            boss = post.reports_to or post.missing or "top"
            base = slugify(f"{boss} {grade or ''} {post.title}", "post")[:120].rstrip("-")
            whole, part = int(fte), fte - int(fte)
            if part:
                self.counts.fractional += 1
            if whole:
                post.id, post.headcount = self.ids.claim(base), whole
                self.posts.append(post)
            if part:
                share = dataclasses.replace(post)
                share.id = self.ids.claim(f"{base}-part" if whole else base)
                share.headcount, share.fte = 1, part
                self.posts.append(share)

    # -- the organisation -----------------------------------------------------------------

    def build(self) -> ImportResult:
        self.read_senior()
        self.senior_posts = len(self.posts)
        if self.junior is not None:
            self.read_junior(self.junior)
        if not self.posts:
            raise ImportUsageError(f"{self.senior.display}: no current posts to import")
        unit_ids: dict[str, str] = {}
        allocator = IdAllocator()
        for name in sorted({post.unit for post in self.posts if post.unit is not None}):
            unit_ids[name] = allocator.claim(slugify(name, "unit"))
        units = []
        for name in sorted(unit_ids, key=unit_ids.__getitem__):
            function = guess_function(name)
            units.append(PlainUnit(unit_ids[name], name, office_of(function), function))
        positions = self._positions(unit_ids)
        infer_managers(units, positions)
        infer_parents(units, positions)
        self._undisclosed_managers(units)
        tops = [post.id for post in self.posts if post.reports_to is None and not post.missing]
        top = tops[0] if len(tops) == 1 else top_position(positions)
        location = PlainLocation("headquarters", "Headquarters", self.options.country, "London")
        location.type = "headquarters"
        name = self.options.name or self._organisation_name()
        people = sorted(self.people.items(), key=lambda item: item[1])
        org = PlainOrg(
            slugify(name, "organisation"),
            name,
            self.options.currency,
            location.id,
            top,
            "Imported by boconf import organogram.",
            [location],
            units,
            positions,
            PersonTable([p for _, p in people], [n for n, _ in people], [None] * len(people)),
            list(ENRICHMENT_RULES),
            SETTINGS_COMMENT,
        )
        self._summarise(org)
        problems = sorted(self.problems, key=lambda p: (p.file != self.senior.display, p))
        return ImportResult(org, problems, self.notes)

    def _undisclosed_managers(self, units: list[PlainUnit]) -> None:
        """A unit headed by an N/D post is not headed by a vacant post: its holder is only
        not named. vacant-manager would say otherwise, so it is suppressed on that unit,
        with the reason (``check --show-suppressed`` lists it)."""
        undisclosed = {p.id for p in self.posts if p.description == DESCRIPTION_UNDISCLOSED}
        headed = [unit for unit in units if unit.manager in undisclosed]
        for unit in headed:
            unit.ignore["vacant-manager"] = (
                f"its manager '{unit.manager}' has a holder the organogram does not name "
                "(N/D): not vacant"
            )
        if headed:
            self.notes.append(
                f"{len(headed)} units headed by an N/D post: vacant-manager suppressed on "
                "them, with the reason (check --show-suppressed lists them)"
            )

    def _positions(self, unit_ids: dict[str, str]) -> PositionTable:
        posts = self.posts
        table = PositionTable(
            [post.id for post in posts],
            [post.title for post in posts],
            [unit_ids.get(post.unit) if post.unit else None for post in posts],
            [post.reports_to for post in posts],
            [post.holder for post in posts],
            [post.headcount for post in posts],
            [_fte_text(post.fte) for post in posts],
            [None] * len(posts),
        )
        bands = [post.pay for post in posts]
        self.counts.costed = sum(band is not None for band in bands)
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

    def _organisation_name(self) -> str:
        named = Counter(
            row["organisation"] for row in self.senior.rows if value_or_none(row["organisation"])
        )
        if not named:
            return "Imported organisation"
        chosen = min(named, key=lambda value: (-named[value], value))
        self.notes.append(f"organisation named '{chosen}' from the Organisation column (--name)")
        return chosen

    def _summarise(self, org: PlainOrg) -> None:
        for sheet in (self.senior, self.junior):
            if sheet is not None and sheet.encoding_note:
                self.notes.append(sheet.encoding_note)
        seniors, juniors = self.posts[: self.senior_posts], self.posts[self.senior_posts :]
        totals = Totals(
            (self.senior.display, len(self.senior.rows)),
            (self.junior.display, len(self.junior.rows)) if self.junior else None,
            len(seniors),
            sum((post.fte * post.headcount for post in seniors), Decimal(0)),
            len(org.people),
            len(juniors),
            sum(post.headcount for post in juniors),
            sum((post.fte * post.headcount for post in juniors), Decimal(0)),
        )
        self.notes += summary_notes(self.counts, totals)


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
    importer = _Importer(senior_sheet, junior_sheet, options)
    importer.problems.extend(senior_sheet.table.problems)
    if junior_sheet is not None:
        importer.problems.extend(junior_sheet.table.problems)
    return importer.build()
