"""Reading the two files of a UK government organogram, whatever the publisher did to them.

The published standard (one file of senior posts, one of junior posts grouped by grade) is
read by column name, not position: publishers add an unnamed index column first, reorder
columns, write ``Grade (or equivalent)`` or ``Grade``, and save from Excel on Windows (a BOM,
CRLF line ends, a pound sign in Latin-1). A header is matched once reduced to its letters
and digits, so ``Actual Pay Floor (£)`` is ``actualpayfloor`` in any encoding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from boconf.i18n import _
from boconf.interop.csv_source import MAX_BYTES, CsvTable, read_limited, read_table
from boconf.interop.import_problems import ImportUsageError

# field -> the headers that hold it, reduced (see _reduce); the first present wins.
SENIOR_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("postuniquereference", "postreference", "postid"),
    "name": ("name", "postholder"),
    "grade": ("gradeorequivalent", "grade"),
    "title": ("jobtitle", "title"),
    "unit": ("unit",),
    "reports_to": ("reportstoseniorpost", "reportsto"),
    "fte": ("fte",),
    "pay_floor": ("actualpayfloor", "payfloor"),
    "pay_ceiling": ("actualpayceiling", "payceiling"),
    "organisation": ("organisation", "parentdepartment"),
}
JUNIOR_FIELDS: dict[str, tuple[str, ...]] = {
    "reports_to": ("reportingseniorpost",),
    "grade": ("grade",),
    "title": ("genericjobtitle", "jobtitle"),
    "unit": ("unit",),
    "fte": ("numberofpostsinfte", "numberofposts"),
    "pay_min": ("payscaleminimum",),
    "pay_max": ("payscalemaximum",),
}
SENIOR_REQUIRED = ("id", "reports_to", "title")
JUNIOR_REQUIRED = ("reports_to", "fte")

# Cells that mean "no value" in organograms ("N/A" is the usual Unit of a post in no unit).
_NO_VALUE = frozenset({"", "na", "null", "none", "nk", "notknown", "notapplicable"})
# "N/D" (not disclosed) and its cousins: the post has a holder the publisher does not name.
UNDISCLOSED = frozenset({"nd", "notdisclosed", "withheld", "redacted", "notgiven"})
VACANT = frozenset({"vacant", "vacancy", "vacantpost", "unfilled"})
ELIMINATED = "eliminated"


def _reduce(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def marker(value: str) -> str:
    """A cell reduced to its letters, for telling ``N/D``, ``n.d.`` and ``ND`` alike."""
    return re.sub(r"[^a-z]", "", value.casefold())


def value_or_none(value: str) -> str | None:
    return None if marker(value) in _NO_VALUE and not any(c.isdigit() for c in value) else value


def amount(value: str) -> Decimal | None:
    """``£90,000`` -> 90000; None when the cell holds no number (blank, ``N/D``)."""
    cleaned = re.sub(r"[£$€,\s]|\bGBP\b", "", value.replace("\u00a3", ""))
    if not cleaned:
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


@dataclass
class Sheet:
    """One file of an organogram: its rows as ``field -> cell`` (fields it lacks are blank),
    and each row's spreadsheet row number."""

    display: str
    numbers: list[int]
    rows: list[dict[str, str]]
    encoding_note: str | None
    table: CsvTable

    def cells(self, index: int) -> tuple[str, ...]:
        """Every cell of row ``index`` but those of unnamed columns (an index column numbers
        the rows: two rows repeated exactly differ in it)."""
        table = self.table
        return tuple(
            column[index]
            for header, column in zip(table.header, table.columns, strict=True)
            if header
        )


def _encoding(
    path: Path, display: str, given: str | None, max_bytes: int
) -> tuple[str, str | None]:
    """The encoding to read ``path`` with, and a note when it had to be guessed: UTF-8 (with
    or without a BOM) when the bytes are UTF-8, else Windows-1252, which every Excel on
    Windows writes and which holds the pound sign Latin-1 has at the same byte."""
    if given is not None:
        return given, None
    raw = read_limited(path, display, max_bytes)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        for fallback in ("cp1252", "latin-1"):
            try:
                raw.decode(fallback)
            except UnicodeDecodeError:
                continue
            return fallback, (
                _(
                    "{file} is not UTF-8 (byte 0x{byte} at offset {offset}): read as "
                    "{fallback}; pass --encoding if that is wrong"
                ).format(
                    file=display,
                    byte=f"{raw[error.start]:02x}",
                    offset=error.start,
                    fallback=fallback,
                )
            )
    return "utf-8", None


def read_sheet(
    path: Path,
    display: str,
    fields: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    kind: str,
    *,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Sheet:
    chosen, note = _encoding(path, display, encoding, max_bytes)
    table = read_table(path, display, encoding=chosen, max_bytes=max_bytes)
    reduced = [_reduce(header) for header in table.header]
    where: dict[str, int] = {}
    for name, headers in fields.items():
        for header in headers:
            if header in reduced:
                where[name] = reduced.index(header)
                break
    lacking = [name for name in required if name not in where]
    if lacking:
        wanted = ", ".join(f"'{fields[name][0]}'" for name in lacking)
        found = ", ".join(f"'{header}'" for header in table.header if header) or _("none")
        raise ImportUsageError(
            _(
                "{file}: not the {kind} file of an organogram: no column for {lacking} "
                "(looked for {wanted}, letters and digits only); its columns: {found}"
            ).format(
                file=display,
                kind=kind,
                lacking=", ".join(lacking),
                wanted=wanted,
                found=found,
            )
        )

    blank = [""] * len(table.numbers)
    columns = {name: table.columns[where[name]] if name in where else blank for name in fields}
    names = list(columns)
    rows = [dict(zip(names, cells, strict=True)) for cells in zip(*columns.values(), strict=True)]
    return Sheet(display, table.numbers, rows, note, table)


def is_junior(path: Path, encoding: str | None) -> bool:
    """Whether the file's header is a junior file's (it counts posts in FTE)."""
    try:
        with path.open("rb") as stream:
            head = stream.readline(65_536)
    except OSError:
        return False
    text = head.decode(encoding or "latin-1", errors="replace")
    return "numberofpostsinfte" in _reduce(text)
