"""What an organogram import has read so far: its posts, their ids, and how a ``Reports to``
cell and a pay band are read (the same for the senior and the junior file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from boconf.i18n import _
from boconf.interop.import_problems import ImportLog
from boconf.interop.organogram_source import Sheet, amount, marker, value_or_none
from boconf.interop.organogram_summary import Counts
from boconf.interop.slugs import IdAllocator

TOP_MARKER = "xx"


@dataclass
class Post:
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


@dataclass
class Reading:
    """The posts of both files, in the order they are written, and what they were read
    with. ``written`` maps a senior post's reference to the id of its (first) post."""

    senior: Sheet
    junior: Sheet | None
    log: ImportLog = field(default_factory=ImportLog)
    counts: Counts = field(default_factory=Counts)
    posts: list[Post] = field(default_factory=list)
    ids: IdAllocator = field(default_factory=IdAllocator)
    written: dict[str, str] = field(default_factory=dict)
    eliminated: dict[str, int] = field(default_factory=dict)  # a reference -> its row
    people: dict[str, str] = field(default_factory=dict)  # a holder's name -> person id
    person_ids: IdAllocator = field(default_factory=IdAllocator)
    senior_posts: int = 0  # the positions of the senior file come first
    _by_number: dict[str, str] | None = None

    def problem(self, sheet: Sheet, row: int, message: str) -> None:
        self.log.problem(sheet.display, row, message)

    def pay(
        self, sheet: Sheet, number: int, low: str, high: str, what: str
    ) -> tuple[Decimal, Decimal] | None:
        """The pay band, when the row discloses one (``0`` and blank mean not disclosed)."""
        floor, ceiling = amount(low), amount(high)
        if not floor and not ceiling:
            self.counts.pay_not_disclosed += 1
            return None
        if floor is None or ceiling is None or not 0 < floor <= ceiling:
            # Two whole messages, not a word put into one: a translation words them apart.
            not_a_range = (
                _("pay band '{low}' to '{high}' is not a range: no pay band written")
                if what == "pay"
                else _("payscale band '{low}' to '{high}' is not a range: no pay band written")
            )
            self.problem(sheet, number, not_a_range.format(low=low, high=high))
            return None
        return floor, ceiling

    def manager(self, sheet: Sheet, number: int, value: str, post: Post, own: str | None) -> None:
        """Resolve a ``Reports to`` cell onto ``post``: a written id, a missing reference, or
        nothing at the top."""
        header = "Reports to Senior Post" if sheet is self.senior else "Reporting Senior Post"
        if marker(value) == TOP_MARKER:
            return
        if value_or_none(value) is None:
            self.problem(
                sheet,
                number,
                _("no {header}: written as a top of its own (boconf check reports it)").format(
                    header=header
                ),
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
                    _(
                        "reports to '{value}', which is not a post reference: taken as "
                        "'{target}', the same number with its leading zeros"
                    ).format(value=value, target=target),
                )
        if target is not None:
            post.reports_to = target
            return
        self._missing(sheet, number, value, post, own)

    def _missing(self, sheet: Sheet, number: int, value: str, post: Post, own: str | None) -> None:
        """A post reporting to a reference the senior file does not hold (or holds as an
        Eliminated post): kept, with the reference, for boconf check to report."""
        post.missing = value
        self.counts.cut_off[value] += 1
        subject = _("post '{id}'").format(id=own) if own else f"'{post.title}'"
        if value in self.eliminated:
            self.problem(
                sheet,
                number,
                _(
                    "{subject} reports to '{value}', an Eliminated post (row {row} of "
                    "{file}): kept, with reports_to_missing: '{value}' for boconf check to "
                    "report"
                ).format(
                    subject=subject,
                    value=value,
                    row=self.eliminated[value],
                    file=self.senior.display,
                ),
            )
        else:
            self.problem(
                sheet,
                number,
                _(
                    "{subject} reports to senior post '{value}', which is not in {file}: kept, "
                    "with reports_to_missing: '{value}' for boconf check to report"
                ).format(subject=subject, value=value, file=self.senior.display),
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
