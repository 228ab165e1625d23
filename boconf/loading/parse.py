"""One file -> its documents as plain values, or positioned diagnostics. Runs in worker processes.

Everything here is a pure function of the file's bytes and the limits, so that files can be
parsed in parallel and the results (plain values and diagnostics) pickled back cheaply. Node
trees are dropped as soon as each document is built: positions are recovered later, only for
the files that have something to report (see :mod:`boconf.loading.positions`).
"""

from __future__ import annotations

import codecs
import errno
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml import Node

from boconf import numbers
from boconf.diagnostics import Code, Diagnostic
from boconf.i18n import N_, _
from boconf.loading import native
from boconf.loading.limits import Limits
from boconf.loading.yaml12 import RefusedError, build_value, compose_documents
from boconf.loading.yaml_messages import yaml_problem


@dataclass(slots=True)
class Document:
    index: int  # 0-based position of the document in its file
    line: int  # 1-based line where the document's root value starts
    column: int
    data: dict[str, Any]


class CommentSuppression(NamedTuple):
    """A ``# boconf: ignore[CODE, ...] reason`` comment: silences findings on its own line
    and on the next line."""

    line: int
    column: int
    rules: tuple[str, ...]
    reason: str


@dataclass(slots=True)
class ParsedFile:
    path: str  # as given to the parser (absolute or relative to the working directory)
    display: str  # as shown to the user
    documents: list[Document] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Ids that appear in the parts of the file that could not be loaded: references to them
    # are not reported as dangling, since the real mistake is already reported here.
    lost_ids: list[str] = field(default_factory=list)
    # Part of the file (or all of it) could not be read: it may define ids nobody can see,
    # so a reference that resolves nowhere is not answered with a guess at a similar id.
    lost: bool = False
    suppressions: list[CommentSuppression] = field(default_factory=list)


# Only scan events (slower than composing) when a cheap look at the text says a file may hold
# an alias or nest deeply: libyaml's composer recurses in C and crashes on ~100k levels.
_LONG_LINE = re.compile(r"[^\n]{2000}")
_SUPPRESSION = re.compile(r"#\s*boconf:\s*ignore\[([^\]]*)\]\s*(.*?)\s*$", re.MULTILINE)
_ID_LINE = re.compile(r"^[ \t-]*id:[ \t]*[\"']?([A-Za-z0-9][A-Za-z0-9_.:-]*)", re.MULTILINE)
_MANY_BRACKETS = 2000
_DEEP_HINT = N_("organisation documents are shallow; the file was refused unread")


def parse_file(path: str, display: str, limits: Limits) -> ParsedFile:
    result = ParsedFile(path, display)
    diagnostics = result.diagnostics

    def report(line: int, column: int, code: str, message: str, hint: str) -> ParsedFile:
        diagnostics.append(Diagnostic(display, line, column, code, message, hint))
        return result

    try:
        size = Path(path).stat().st_size
        if size > limits.max_file_size:
            return report(
                1,
                1,
                Code.FILE_TOO_LARGE,
                _("file is {size} bytes, over the limit of {limit}").format(
                    size=numbers.number(size, 0), limit=numbers.number(limits.max_file_size, 0)
                ),
                _("split the organisation over several files, or raise --max-file-size"),
            )
        raw = Path(path).read_bytes()
    except OSError as error:
        result.lost = True
        if isinstance(error, FileNotFoundError) and Path(path).is_symlink():
            return report(
                1,
                1,
                Code.UNREADABLE,
                _("broken symbolic link: its target {target} does not exist").format(
                    target=repr(str(Path(path).readlink()))
                ),
                _("point the link at an existing file, or delete the link"),
            )
        return report(
            1,
            1,
            Code.UNREADABLE,
            _("cannot read file: {reason}").format(reason=error.strerror),
            _(
                _OS_ERROR_HINTS.get(
                    error.errno or 0, N_("check that the file exists and can be read")
                )
            ),
        )
    text = _decode(raw, display, diagnostics)
    if text is None:
        result.lost = True
        if diagnostics[-1].code == Code.NOT_TEXT:
            encoding = _bom_encoding(raw)
            if encoding is not None:
                result.lost_ids = _ID_LINE.findall(raw.decode(encoding, "replace"))
            elif b"\x00" not in raw[:8192]:
                result.lost_ids = _ID_LINE.findall(raw.decode("utf-8", "replace"))
        return result
    if "boconf:" in text:
        result.suppressions = _suppressions(text)
    loaded = _load_documents(text, result, limits, report)
    if not loaded:
        result.lost = True
        result.lost_ids = _ID_LINE.findall(text)
    return result


# Why a file that exists cannot be read, by errno; the hint for anything else is generic.
_OS_ERROR_HINTS = {
    errno.EACCES: N_("check the file's permissions"),
    errno.EPERM: N_("check the file's permissions"),
    errno.ENOENT: N_("the file went away while boconf ran; run it again"),
    errno.ELOOP: N_("a symbolic link points at itself, directly or through other links: fix it"),
    errno.EISDIR: N_("rename the directory: names ending in .yaml are read as files"),
}

# Byte-order marks of the UTF encodings other than UTF-8, longest first (the UTF-32 LE mark
# starts with the UTF-16 LE one). Windows editors save "Unicode" text with them.
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _bom_encoding(raw: bytes) -> str | None:
    """``UTF-16`` or ``UTF-32`` when ``raw`` starts with that encoding's byte-order mark."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    return None


Reporter = Callable[[int, int, str, str, str], ParsedFile]


def _load_documents(text: str, result: ParsedFile, limits: Limits, report: Reporter) -> bool:
    """Build every document of ``text`` into ``result``; False when part of the file was lost."""
    if not text or text.isspace() or _only_comments(text):  # (strip() would copy the text)
        report(
            1,
            1,
            Code.EMPTY,
            _("file is empty: it holds no document"),
            _("add a document (apiVersion, kind, id, ...) or delete the file"),
        )
        return True
    # The native parser first: it refuses deep nesting itself, and the file comes back to
    # libyaml below whenever it cannot vouch for the values (see boconf.loading.native).
    if native.enabled():
        fast = native.load(text, limits.max_depth)
        if fast is not None:
            for index, (line, column, data) in enumerate(fast):
                result.documents.append(Document(index, line, column, data))
            return True
    alias_line = 0  # a document spanning this line holds an alias: it is never built
    if "*" in text or text.count("[") + text.count("{") > _MANY_BRACKETS or _LONG_LINE.search(text):
        problem = _scan_events(text, limits.max_depth)
        if problem is not None:
            line, column, code, message, hint, fatal = problem
            report(line, column, code, message, hint)
            if fatal:
                return False
            alias_line = line
    try:
        complete = _compose_documents(text, result, limits, report, alias_line)
    except yaml.MarkedYAMLError as error:
        _report_syntax_error(error, text, report)
        return False
    except yaml.YAMLError as error:  # reader errors (control characters) carry no mark object
        _report_reader_error(error, text, report)
        return False
    return complete and alias_line == 0


def _compose_documents(
    text: str, result: ParsedFile, limits: Limits, report: Reporter, alias_line: int
) -> bool:
    """The libyaml path: compose and build each document, skipping the one that holds the
    alias on ``alias_line`` (if any). False when a document was refused; raises
    :class:`yaml.YAMLError` on a syntax error."""

    def on_duplicate(first: Node, repeated: Node) -> None:
        mark = repeated.start_mark
        report(
            mark.line + 1,
            mark.column + 1,
            Code.DUPLICATE_KEY,
            _("duplicate key {key}: already set on line {line}").format(
                key=repr(repeated.value), line=first.start_mark.line + 1
            ),
            _("remove one of the two; YAML keeps only the last value"),
        )

    complete = True
    for index, root in enumerate(compose_documents(text)):
        start = root.start_mark
        if start.line + 1 <= alias_line <= root.end_mark.line + 1:
            continue  # the alias was reported; never build a possible bomb
        try:
            data = build_value(root, limits.max_depth, on_duplicate)
        except RefusedError as refused:
            mark = refused.node.start_mark
            report(mark.line + 1, mark.column + 1, refused.code, refused.reason, refused.hint)
            complete = False
            continue
        _add_document(result, index, start.line + 1, start.column + 1, data, report)
    return complete


def _add_document(
    result: ParsedFile, index: int, line: int, column: int, data: Any, report: Reporter
) -> None:
    """Keep a built document that is a mapping; report an empty one or any other shape."""
    if isinstance(data, dict):
        result.documents.append(Document(index, line, column, data))
    elif data is None:
        report(
            line,
            column,
            Code.EMPTY,
            _("document {number} is empty").format(number=index + 1),
            _("remove the stray '---' separator or fill in the document"),
        )
    else:
        message = (
            _("document {number} is a list, not a mapping")
            if isinstance(data, list)
            else _("document {number} is a single value ({type}), not a mapping")
        )
        report(
            line,
            column,
            Code.NOT_A_MAPPING,
            message.format(number=index + 1, type=type(data).__name__),
            _("each document is a mapping of fields: apiVersion, kind, id, ..."),
        )


def _report_syntax_error(error: yaml.MarkedYAMLError, text: str, report: Reporter) -> None:
    """A syntax error at its mark, a tab named as such, libyaml's own depth limit as depth."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    what = error.problem or "invalid YAML"
    if "nesting depth" in what:  # libyaml's own limit (1000 levels) caught it first
        report(
            line,
            column,
            Code.TOO_DEEP,
            _("nesting too deep: {problem}").format(problem=what),
            _(_DEEP_HINT),
        )
    elif _character_at(text, line, column) == "\t":
        after_dash = text.splitlines()[line - 1][: column - 1].rstrip(" \t").endswith("-")
        report(
            line,
            column,
            Code.YAML_SYNTAX,
            _("YAML syntax error: a tab character after '-', where YAML allows only spaces")
            if after_dash
            else _("YAML syntax error: a tab character, where YAML allows only spaces"),
            _("put a space after '-', not a tab")
            if after_dash
            else _("indent with spaces, not tabs"),
        )
    else:
        problem = yaml_problem(what)
        message = (
            _("YAML syntax error: {problem} ({context})").format(
                problem=problem, context=yaml_problem(error.context)
            )
            if error.context
            else _("YAML syntax error: {problem}").format(problem=problem)
        )
        report(line, column, Code.YAML_SYNTAX, message, _syntax_hint(what))


def _report_reader_error(error: yaml.YAMLError, text: str, report: Reporter) -> None:
    """A character YAML does not allow (a control character), at its position."""
    line, column = _reader_position(error, text)
    character = getattr(error, "character", None)
    if isinstance(character, str):
        character = ord(character)
    reason = yaml_problem(str(getattr(error, "reason", "unacceptable")))
    message = (
        _("YAML error: character {character} is not allowed in YAML text ({reason})").format(
            character=f"U+{character:04X}", reason=reason
        )
        if isinstance(character, int)
        else _("YAML error: a character is not allowed in YAML text ({reason})").format(
            reason=reason
        )
    )
    report(
        line,
        column,
        Code.YAML_SYNTAX,
        message,
        _("remove the control character (an editor's 'show invisibles' reveals it)"),
    )


def _suppressions(text: str) -> list[CommentSuppression]:
    found = []
    for match in _SUPPRESSION.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        rules = tuple(part.strip() for part in match.group(1).split(",") if part.strip())
        found.append(CommentSuppression(line, column, rules, match.group(2)))
    return found


def _character_at(text: str, line: int, column: int) -> str:
    """The character at a 1-based line and column, or '' past the end."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines) or not 1 <= column <= len(lines[line - 1]):
        return ""
    return lines[line - 1][column - 1]


# Line breaks other than '\n' that str.splitlines() also breaks at.
_OTHER_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _only_comments(text: str) -> bool:
    """Whether every line of ``text`` (as str.splitlines() breaks it) is blank or a comment.

    Read a line at a time, up to the first with content (the second, in a file that starts
    with a schema comment), not split whole: every file is asked, and splitting a thousand
    lines to look at two was 3% of a worker's time."""
    start = 0
    while True:
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if any(other in line for other in _OTHER_LINE_BREAKS):
            return _only_comments_by_lines(text)
        stripped = line.strip()
        if stripped and stripped[0] != "#":
            return False
        if end < 0:
            return True
        start = end + 1


def _only_comments_by_lines(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _decode(raw: bytes, display: str, diagnostics: list[Diagnostic]) -> str | None:
    encoding = _bom_encoding(raw)
    if encoding is not None:  # its NUL bytes would otherwise make it look binary
        quoted = shlex.quote(display)
        temporary = shlex.quote(display + ".tmp")
        diagnostics.append(
            Diagnostic(
                display,
                1,
                1,
                Code.NOT_TEXT,
                _(
                    "{encoding} text (it starts with a {encoding} byte-order mark), not UTF-8"
                ).format(encoding=encoding),
                _("boconf reads UTF-8; convert it: {command}").format(
                    command=f"iconv -f {encoding} -t UTF-8 {quoted} > {temporary} && "
                    f"mv {temporary} {quoted}"
                ),
            )
        )
        return None
    if b"\x00" in raw[:8192]:
        diagnostics.append(
            Diagnostic(
                display,
                1,
                1,
                Code.NOT_TEXT,
                _("binary file (it contains NUL bytes), not YAML text"),
                _("boconf reads UTF-8 YAML; move binary files out of the organisation directory"),
            )
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1
        diagnostics.append(
            Diagnostic(
                display,
                line,
                column,
                Code.NOT_TEXT,
                _("not UTF-8: byte {byte} cannot be decoded").format(
                    byte=f"0x{raw[error.start]:02x}"
                ),
                _("save the file as UTF-8 (for example: iconv -f latin1 -t utf-8)"),
            )
        )
        return None
    return text.removeprefix("\ufeff")


def _scan_events(text: str, max_depth: int) -> tuple[int, int, str, str, str, bool] | None:
    """Find the first alias or over-deep nesting with libyaml's (non-recursive) event parser.

    Stops at the first problem, so a nesting bomb costs microseconds, not the quadratic time
    libyaml needs to parse it whole. Returns (line, column, code, message, hint, fatal).
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            cls = event.__class__
            if cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                depth += 1
                if depth > max_depth:
                    mark = event.start_mark
                    assert mark is not None
                    return (
                        mark.line + 1,
                        mark.column + 1,
                        Code.TOO_DEEP,
                        _("nesting deeper than {depth} levels").format(depth=max_depth),
                        _(_DEEP_HINT),
                        True,
                    )
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                assert mark is not None
                return (
                    mark.line + 1,
                    mark.column + 1,
                    Code.ALIAS,
                    _("YAML alias '*{anchor}' is not allowed").format(anchor=event.anchor),
                    _(
                        "write the value out in full: aliases are refused because a few lines of "
                        "them can expand to billions of values"
                    ),
                    False,
                )
    except yaml.YAMLError:
        return None  # the composer reports syntax errors with their position
    return None


def _reader_position(error: yaml.YAMLError, text: str) -> tuple[int, int]:
    position = getattr(error, "position", None)
    if not isinstance(position, int):
        return 1, 1
    # libyaml's reader reports a byte offset; map it back to characters.
    prefix = text.encode("utf-8")[:position].decode("utf-8", "replace")
    return prefix.count("\n") + 1, len(prefix) - (prefix.rfind("\n") + 1) + 1


def _syntax_hint(problem: str) -> str:
    if "\\t" in problem or "tab" in problem:
        return _("indent with spaces, not tabs")
    if "mapping values are not allowed" in problem:
        return _("quote a value that contains ': ', or fix the indentation of this line")
    if "could not find expected ':'" in problem:
        return _("every line of a mapping needs 'key: value' with a space after the colon")
    if "found undefined alias" in problem or "found undefined tag" in problem:
        return _("aliases and tags are not used in boconf files; write the value out")
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return _("close the open quote or bracket")
    return _("check the indentation and quoting around this position")
