"""What an importer reports: problems in the source data, each at its file and row or line.

A problem never stops an import: the importer repairs what it must (renames a duplicate id,
drops a dangling manager) so that the tree it writes is valid, and says so. ``--strict``
turns any problem into a failure. A source that cannot be read at all is an
:class:`ImportUsageError` instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, order=True)
class ImportProblem:
    """A defect of the source data: ``FILE:ROW: message``.

    ``row`` is the CSV row as a spreadsheet numbers it (the header is row 1), or the YAML
    line for catalog files; 0 when the problem belongs to no row.
    """

    file: str
    row: int
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.row}: {self.message}"
            if self.row
            else f"{self.file}: {self.message}"
        )


@dataclass
class ImportLog:
    """What an importer says as it goes: the data's problems, and notes on what it did.

    One for every importer, so that they record and order problems the same way."""

    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def problem(self, file: str, row: int, message: str) -> None:
        self.problems.append(ImportProblem(file, row, message))

    def in_order(self) -> list[ImportProblem]:
        """The problems by file, row and message: the order they are printed in."""
        return sorted(self.problems)


class ImportUsageError(Exception):
    """A source that cannot be imported at all (unreadable file, wrong encoding, unknown
    column): the command's usage error, exit 2."""
