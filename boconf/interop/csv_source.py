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
from dataclasses import dataclass, field
from pathlib import Path

from boconf.interop.import_problems import ImportProblem, ImportUsageError

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
    display: str
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells)
    problems: list[ImportProblem] = field(default_factory=list)

    def column(self, name: str) -> int | None:
        return self.header.index(name) if name in self.header else None


def decode(raw: bytes, display: str, encoding: str | None) -> str:
    """The file's text: UTF-8 (with or without a BOM) unless ``encoding`` says otherwise."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ImportUsageError(f"unknown encoding '{encoding}'") from None
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as error:
            raise ImportUsageError(
                f"{display}: not valid {encoding}: byte 0x{raw[error.start]:02x} at offset "
                f"{error.start}"
            ) from None
    for bom, name in _FOREIGN_BOMS:
        if raw.startswith(bom):
            raise ImportUsageError(
                f"{display}: the file is {name.upper()} (it starts with a {name} byte-order "
                f"mark), not UTF-8; pass --encoding {name}"
            )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportUsageError(
            f"{display}: not UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start} "
            "cannot be decoded; pass the file's encoding, e.g. --encoding cp1252 "
            "(Excel on Windows) or --encoding latin-1"
        ) from None


def sniff_delimiter(first_line: str) -> str:
    """The delimiter the header uses most: comma, semicolon, tab or bar (comma on a tie)."""
    counts = [
        (first_line.count(candidate), -index, candidate)
        for index, candidate in enumerate(DELIMITERS)
    ]
    best = max(counts)
    return best[2] if best[0] else ","


def read_table(
    path: Path, display: str, *, delimiter: str | None = None, encoding: str | None = None
) -> CsvTable:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportUsageError(f"{display}: cannot read: {error.strerror}") from None
    text = decode(raw, display, encoding)
    if delimiter is None:
        delimiter = sniff_delimiter(text.split("\n", 1)[0])
    elif len(delimiter) != 1:
        raise ImportUsageError(f"--delimiter must be one character, not '{delimiter}'")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    problems: list[ImportProblem] = []
    header: list[str] | None = None
    number = 0
    try:
        for record in reader:
            number += 1
            if not record or (len(record) == 1 and not record[0].strip()):
                continue  # a blank line: counted as a row, as a spreadsheet shows it
            cells = list(map(str.strip, record))
            if header is None:
                header = cells
                continue
            if len(cells) != len(header):
                problems.append(
                    ImportProblem(
                        display,
                        number,
                        f"{len(cells)} fields where the header has {len(header)}: row skipped",
                    )
                )
                continue
            rows.append((number, cells))
    except csv.Error as error:
        raise ImportUsageError(f"{display}:{number + 1}: cannot read CSV: {error}") from None
    if header is None:
        raise ImportUsageError(f"{display}: empty file: no header row")
    return CsvTable(display, header, rows, problems)
