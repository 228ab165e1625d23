"""Diagnostics: the one value every stage of boconf reports problems with.

A diagnostic is small, comparable and picklable (worker processes send them back), with a
1-based line and column counted in characters, and a hint that says how to fix the problem.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from itertools import islice
from operator import attrgetter, lt
from typing import Any, NamedTuple

from boconf.i18n import N_


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
    SCENARIO = "BO038"
    CONFIG = "BO090"


class Subject(NamedTuple):
    """An entity by kind and id (``position``, ``credit-manager``), as data."""

    kind: str
    id: str

    def as_record(self) -> dict[str, str] | None:
        return {"kind": self.kind, "id": self.id} if self.kind else None


# Diagnostics about no entity (a YAML syntax error, a settings file) carry this; an empty
# tuple-like value keeps Diagnostic sortable, where None beside a Subject would not be.
NO_SUBJECT = Subject("", "")


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """A problem at ``file:line:column``. Field order is the sort order.

    ``subject`` is the entity the problem is about; ``target`` the entity a reference names
    when that is the problem (a dangling reference's missing id), so that no consumer reads
    ids back out of the message.
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    subject: Subject = NO_SUBJECT
    target: Subject = NO_SUBJECT

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def as_record(self) -> dict[str, str | int | dict[str, str] | None]:
        """The one serialisation point for machine-readable reports."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "subject": self.subject.as_record(),
            "target": self.target.as_record(),
        }


# Each field's slot, set directly: what Diagnostic's __init__ does, field by field, through
# object.__setattr__ (the class is frozen). In field order; a test holds the list to the
# dataclass's fields.
DIAGNOSTIC_FIELDS = (
    "file", "line", "column", "code", "message", "hint", "severity", "subject", "target"
)  # fmt: skip
(
    _set_file,
    _set_line,
    _set_column,
    _set_code,
    _set_message,
    _set_hint,
    _set_severity,
    _set_subject,
    _set_target,
) = (getattr(Diagnostic, name).__set__ for name in DIAGNOSTIC_FIELDS)


def fast_diagnostic(
    file: str,
    line: int,
    column: int,
    code: str,
    message: str,
    hint: str,
    severity: Severity,
    subject: Subject,
    target: Subject = NO_SUBJECT,
) -> Diagnostic:
    """``Diagnostic(file, line, column, code, message, hint, severity, subject, target)``,
    made in three fifths of the time: lint makes one per finding (420,000 at a million
    positions: 0.30 s against the dataclass's own __init__'s 0.49 s)."""
    made: Diagnostic = object.__new__(Diagnostic)
    _set_file(made, file)
    _set_line(made, line)
    _set_column(made, column)
    _set_code(made, code)
    _set_message(made, message)
    _set_hint(made, hint)
    _set_severity(made, severity)
    _set_subject(made, subject)
    _set_target(made, target)
    return made


_CODES = {code.value: code for code in Code}


def restored(
    file: Any,
    line: Any,
    column: Any,
    code: Any,
    message: Any,
    hint: Any,
    severity: Any,
    subject: Any,
    target: Any,
) -> Diagnostic:
    """A diagnostic read back from a cache entry (JSON, as untrusted as any input), every
    field checked: raises TypeError or ValueError for what no diagnostic could have been."""
    if line.__class__ is not int or column.__class__ is not int:
        raise TypeError("a position that is not a number")
    texts = (file, code, message, hint, *subject, *target)
    if len(subject) != 2 or len(target) != 2 or any(t.__class__ is not str for t in texts):
        raise TypeError("a diagnostic that is not one")
    return Diagnostic(
        file,
        line,
        column,
        _CODES.get(code, code),
        message,
        hint,
        Severity(severity),
        Subject(*subject),
        Subject(*target),
    )


# A diagnostic's fields in order: equality, hash and order of a Diagnostic are those of this
# tuple, which C code compares; the dataclass's own methods are Python (seconds for the
# hundreds of thousands of findings of a large organisation).
_FIELDS = attrgetter(
    "file", "line", "column", "code", "message", "hint", "severity", "subject", "target"
)


def sort_unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, line and column, each distinct diagnostic once."""
    keys = list(map(_FIELDS, diagnostics))
    # Often sorted and unique already (the lint findings, sorted again with the rest): one
    # pass of C comparisons says so, instead of a dict and a sort (a second at 420,000).
    if all(map(lt, keys, islice(keys, 1, None))):
        return list(diagnostics)
    unique = dict(zip(keys, diagnostics, strict=True))
    return [unique[key] for key in sorted(unique)]


# Names and one-line descriptions of the loader and validator codes, for reports that list
# rules (SARIF) and for `boconf explain`. Lint rules carry their own (boconf.rules). The
# descriptions are marked for translation: translate them with _() where they are shown.
CHECK_DESCRIPTIONS: dict[str, tuple[str, str]] = {
    Code.FILE_TOO_LARGE: (
        "file-too-large",
        N_("A file larger than the size limit, refused unread."),
    ),
    Code.NOT_TEXT: ("not-utf8-text", N_("A binary or non-UTF-8 file.")),
    Code.YAML_SYNTAX: ("yaml-syntax", N_("A YAML syntax error.")),
    Code.DUPLICATE_KEY: ("duplicate-key", N_("The same key twice in one mapping.")),
    Code.ALIAS: ("yaml-alias", N_("A YAML alias; aliases are refused.")),
    Code.CUSTOM_TAG: ("yaml-tag", N_("A YAML tag; tags are refused so that nothing can run code.")),
    Code.TOO_DEEP: ("too-deep", N_("Nesting deeper than the limit.")),
    Code.EMPTY: ("empty", N_("An empty file or document.")),
    Code.NOT_A_MAPPING: (
        "not-a-mapping",
        N_("A document (or key) that is not a mapping (or a plain value)."),
    ),
    Code.UNKNOWN_KIND: ("unknown-kind", N_("A document of an unknown kind.")),
    Code.API_VERSION: ("api-version", N_("An unsupported apiVersion.")),
    Code.UNREADABLE: ("unreadable", N_("A file that cannot be read.")),
    Code.NO_FILES: ("no-files", N_("No YAML files at the path.")),
    Code.UNKNOWN_FIELD: ("unknown-field", N_("A field the kind does not have.")),
    Code.MISSING_FIELD: ("missing-field", N_("A required field is missing.")),
    Code.INVALID_VALUE: (
        "invalid-value",
        N_("A value of the wrong type or outside the allowed values."),
    ),
    Code.DUPLICATE_ID: ("duplicate-id", N_("The same id defined twice.")),
    Code.DANGLING_REFERENCE: (
        "dangling-reference",
        N_("A reference to an id that does not exist."),
    ),
    Code.ORGANISATION_COUNT: ("organisation-count", N_("Not exactly one Organisation document.")),
    Code.SHARES: ("sourcing-shares", N_("Sourcing shares that do not add up to 1.")),
    Code.CONTRACT: (
        "contract-inconsistent",
        N_("A contract that contradicts its dates, vendor or use."),
    ),
    Code.UNKNOWN_FUNCTION: (
        "unknown-function",
        N_("A function outside the taxonomy and the organisation's own."),
    ),
    Code.CONFLICT: ("conflict", N_("Two statements that contradict each other.")),
    Code.SUPPORTS: ("supports-back-office", N_("'supports' naming a back-office unit.")),
    Code.SCENARIO: (
        "scenario-overlay",
        N_("A scenario that removes or patches an unknown id, or adds one that exists."),
    ),
    Code.CONFIG: ("settings", N_("A settings file or suppression that cannot be used.")),
}
