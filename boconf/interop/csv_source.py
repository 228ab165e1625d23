"""Reading a CSV file into rows numbered as a spreadsheet numbers them.

The header is row 1 and every record after it one more, however many lines a quoted cell
spans, so ``FILE:ROW`` in a problem is where a spreadsheet shows the row. Rows with the wrong
number of fields are problems, not errors: their cells cannot be matched to the header, so
they are skipped and reported. A file that cannot be decoded is a usage error: guessing an
encoding would silently garble names.
"""

from __future__ import annotations

import codecs
import csv
import io
import operator
from dataclasses import dataclass, field
from pathlib import Path

from boconf.i18n import _
from boconf.interop.import_problems import ImportProblem, ImportUsageError
from boconf.loading.limits import MIB

DELIMITERS = (",", ";", "\t", "|")
# Byte-order marks of encodings that are not UTF-8, with the --encoding that reads them.
_FOREIGN_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass
class CsvTable:
    """A CSV file by column: ``columns[i]`` holds the stripped cells of header ``i``, one per
    kept row, and ``numbers`` the spreadsheet row number of each kept row."""

    display: str
    header: list[str]
    numbers: list[int]
    columns: list[list[str]]
    problems: list[ImportProblem] = field(default_factory=list)
    skipped: int = 0  # rows read but not kept (each with a problem saying why)

    @property
    def rows(self) -> list[tuple[int, list[str]]]:
        """(row number, cells) for each row: for small tables read row by row."""
        return list(zip(self.numbers, map(list, zip(*self.columns, strict=True)), strict=True))


def decode(raw: bytes, display: str, encoding: str | None) -> str:
    """The file's text: UTF-8 (with or without a BOM) unless ``encoding`` says otherwise."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ImportUsageError(
                _("unknown encoding '{encoding}'").format(encoding=encoding)
            ) from None
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as error:
            raise ImportUsageError(
                _("{file}: not valid {encoding}: byte 0x{byte} at offset {offset}").format(
                    file=display,
                    encoding=encoding,
                    byte=f"{raw[error.start]:02x}",
                    offset=error.start,
                )
            ) from None
    for bom, name in _FOREIGN_BOMS:
        if raw.startswith(bom):
            raise ImportUsageError(
                _(
                    "{file}: the file is {upper} (it starts with a {name} byte-order mark), "
                    "not UTF-8; pass --encoding {name}"
                ).format(file=display, upper=name.upper(), name=name)
            )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportUsageError(
            _(
                "{file}: not UTF-8: byte 0x{byte} at offset {offset} cannot be decoded; pass "
                "the file's encoding, e.g. --encoding cp1252 (Excel on Windows) or "
                "--encoding latin-1"
            ).format(file=display, byte=f"{raw[error.start]:02x}", offset=error.start)
        ) from None


def sniff_delimiter(first_line: str) -> str:
    """The delimiter the header uses most: comma, semicolon, tab or bar (comma on a tie)."""
    counts = [
        (first_line.count(candidate), -index, candidate)
        for index, candidate in enumerate(DELIMITERS)
    ]
    best = max(counts)
    return best[2] if best[0] else ","


# An export of a million employees is about 90 MiB; reading one takes some fifteen times its
# size in memory, so a file far beyond that is refused rather than allowed to exhaust it.
MAX_BYTES = 256 * MIB


def read_limited(path: Path, display: str, max_bytes: int) -> bytes:
    """The file's bytes, refused (exit 2, with the option that reads it) past ``max_bytes``
    before a byte is read."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ImportUsageError(
                _(
                    "{file}: {size} MiB, over the {limit} MiB limit; pass --max-file-size "
                    "{needed} to read it"
                ).format(
                    file=display,
                    size=f"{size / MIB:.1f}",
                    limit=f"{max_bytes / MIB:g}",
                    needed=int(size // MIB) + 1,
                )
            )
        return path.read_bytes()
    except OSError as error:
        raise ImportUsageError(
            _("{file}: cannot read: {reason}").format(file=display, reason=error.strerror)
        ) from None


def read_table(
    path: Path,
    display: str,
    *,
    delimiter: str | None = None,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> CsvTable:
    raw = read_limited(path, display, max_bytes)
    text = decode(raw, display, encoding)
    if delimiter is None:
        delimiter = sniff_delimiter(text.split("\n", 1)[0])
    elif len(delimiter) != 1:
        raise ImportUsageError(
            _("--delimiter must be one character, not '{delimiter}'").format(delimiter=delimiter)
        )
    fast = _split_plain(text, delimiter, display)
    if fast is not None:
        return fast
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        # One C-level call for the whole file; a large export is read in a fraction of the
        # time a loop over its records takes.
        records.extend(reader)
    except csv.Error as error:
        # extend keeps what it read before the error: the bad record is the next one.
        raise ImportUsageError(
            _("{file}:{line}: cannot read CSV: {error}").format(
                file=display, line=len(records) + 1, error=error
            )
        ) from None
    return _table(display, records)


def _split_plain(text: str, delimiter: str, display: str) -> CsvTable | None:
    """The table of a file that needs no CSV parser, else None.

    Most HR exports quote nothing: no quote character, no carriage return, no NUL, and every
    line holds the header's number of fields. Such a file reads exactly as ``csv.reader``
    reads it by splitting: the lines at newlines, then all the cells at once, and each
    column is a slice of them. That is several times faster than the parser; anything else
    (quotes, blank lines, a ragged row, a line longer than the parser's field limit) goes
    to the parser."""
    if '"' in text or "\r" in text or "\0" in text:
        return None
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the file's final newline
    if not lines or max(map(len, lines)) > csv.field_size_limit():
        return None
    separators = set(map(operator.methodcaller("count", delimiter), lines))
    width = lines[0].count(delimiter) + 1
    if width == 1 or separators != {width - 1}:
        return None
    cells = delimiter.join(lines).split(delimiter)
    header = [cell.strip() for cell in cells[:width]]
    columns = [list(map(str.strip, cells[index + width :: width])) for index in range(width)]
    return CsvTable(display, header, list(range(2, len(lines) + 1)), columns)


def _blank(record: list[str]) -> bool:
    return not record or (len(record) == 1 and not record[0].strip())


def _table(display: str, records: list[list[str]]) -> CsvTable:
    """Records -> columns, skipping blank lines and reporting rows of the wrong width."""
    first = next((index for index, record in enumerate(records) if not _blank(record)), None)
    if first is None:
        raise ImportUsageError(_("{file}: empty file: no header row").format(file=display))
    header = [cell.strip() for cell in records[first]]
    width = len(header)
    body = records[first + 1 :]
    numbers: list[int]
    problems: list[ImportProblem] = []
    if width > 1 and set(map(len, body)) <= {width}:
        # The common case, checked in C: every record has the header's width (so none is blank).
        numbers = list(range(first + 2, first + 2 + len(body)))
    else:
        kept: list[list[str]] = []
        numbers = []
        for number, record in enumerate(body, first + 2):
            if _blank(record):
                continue  # a blank line: counted as a row, as a spreadsheet shows it
            if len(record) != width:
                problems.append(
                    ImportProblem(
                        display,
                        number,
                        _("{count} fields where the header has {width}: row skipped").format(
                            count=len(record), width=width
                        ),
                    )
                )
                continue
            kept.append(record)
            numbers.append(number)
        body = kept
    columns = [list(map(str.strip, column)) for column in zip(*body, strict=True)]
    if not body:
        columns = [[] for _column in header]
    return CsvTable(display, header, numbers, columns, problems, len(problems))
