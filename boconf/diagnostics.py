"""Diagnostics: the one value every stage of boconf reports problems with.

A diagnostic is small, comparable and picklable (worker processes send them back), with a
1-based line and column counted in characters, and a hint that says how to fix the problem.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Code(enum.StrEnum):
    """Stable codes of the loader and validator. Lint rules (issue 3) use BO1xx and up."""

    FILE_TOO_LARGE = "BO001"
    NOT_TEXT = "BO002"
    YAML_SYNTAX = "BO003"
    DUPLICATE_KEY = "BO004"
    ALIAS = "BO005"
    CUSTOM_TAG = "BO006"
    TOO_DEEP = "BO007"
    EMPTY = "BO008"
    NOT_A_MAPPING = "BO009"
    UNKNOWN_KIND = "BO010"
    API_VERSION = "BO011"
    UNREADABLE = "BO012"
    NO_FILES = "BO013"
    UNKNOWN_FIELD = "BO020"
    MISSING_FIELD = "BO021"
    INVALID_VALUE = "BO022"
    DUPLICATE_ID = "BO030"
    DANGLING_REFERENCE = "BO031"
    ORGANISATION_COUNT = "BO032"
    SHARES = "BO033"
    CONTRACT = "BO034"
    UNKNOWN_FUNCTION = "BO035"
    CONFLICT = "BO036"
    SUPPORTS = "BO037"
    CONFIG = "BO090"


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """A problem at ``file:line:column``. Field order is the sort order."""

    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def as_record(self) -> dict[str, str | int]:
        """The one serialisation point for machine-readable reports."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }


def sort_unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, line and column, each distinct diagnostic once."""
    return sorted(set(diagnostics))
