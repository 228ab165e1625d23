"""The fast path: a native YAML 1.2 parser (yaml-rs) for files it can vouch for.

libyaml (:mod:`boconf.loading.yaml12`) stays the referee: it is what boconf's typing, refusals
and positions are defined by. The native parser is about five times faster, but it reads some
things differently: it turns ``0042`` into 42 and ``1_000`` into 1000, expands aliases, ignores
tags, types keys (``1:`` is the integer 1) and treats ``\\r``, NEL and the Unicode line
separators as YAML 1.2 does. So a file takes this path only when a cheap look at its text rules
all of those out, the parser succeeds, and every document it returns is a mapping with text
keys no deeper than the limit. Anything else returns None and the caller parses the file with
libyaml, which then reports whatever is wrong. ``tests/test_native.py`` holds the two paths to
identical results on the YAML test suite, the example organisations and fuzzed trees.

The module works without the wheel installed (:data:`AVAILABLE` is then False).
"""

from __future__ import annotations

import os
import re
from sys import intern
from typing import Any

try:
    import yaml_rs
except ImportError:  # pragma: no cover - exercised by simulating the missing wheel
    yaml_rs = None  # type: ignore[assignment]

# The pinned version in pyproject.toml: value typing must match boconf's resolver, and a new
# release could type a scalar differently; another version is not trusted.
PINNED = "0.1.6"
AVAILABLE = yaml_rs is not None and getattr(yaml_rs, "__version__", "") == PINNED

# Text the fast path cannot vouch for, found without parsing (each pattern starts with a
# character class or a literal, which the regex engine scans for quickly):
# - a plain scalar that starts like a number with leading zeros, underscores or an 0b/0O/0X
#   prefix, even an underscore first (the native parser makes numbers of "0042", "1_000",
#   "_2"; boconf keeps their text);
# - a tag, which the native parser ignores and boconf refuses, and an anchor (the two parsers
#   disagree on where some end);
# - a plain scalar starting with ':' (libyaml refuses it in a flow collection);
_UNSURE_TOKEN = re.compile(r"[\s\[{,:](?:[-+]?(?:0[0-9_bBoOxX]|[0-9.][0-9.eE+-]*_|_)|!|&\S|:\S)")
# - the same at the very start of the text;
_UNSURE_START = re.compile(r"[-+]?(?:0[0-9_bBoOxX]|[0-9.][0-9.eE+-]*_|_)|!|&\S|:\S")
# - directives, document-end markers and a ':' starting a line (libyaml refuses some in flow
#   collections that the native parser accepts): the first line here, the others after their
#   '\n' (a pattern that starts with a literal is scanned for five times faster than '^');
_UNSURE_LINE_START = re.compile(r"%|\.\.\.| *:")
_UNSURE_LINE = re.compile(r"\n(?:%|\.\.\.| *:)")
# - characters libyaml refuses (control characters, non-characters) or reads as line breaks
#   (NEL and the Unicode separators, which YAML 1.2 does not), and byte-order marks;
_UNSURE_CHARACTER = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029\ufeff]"
)
# - '*' (a possible alias, which boconf refuses and the native parser expands), tabs (libyaml
#   refuses some tabs in indentation that the native parser accepts), '\r' and NEL.
_UNSURE_SUBSTRINGS = ("*", "\t", "\r", "\x85")
# _UNSURE_TOKEN found faster (:func:`_unsure_token`). That pattern starts with any whitespace,
# so the regex engine tries it at every space of the text: a quarter of the fast path's own
# time. Each pattern here starts at the rare character instead and looks behind it for the
# separator; one pattern each, because an alternation of them is scanned a character at a time.
_SEPARATOR = r"[\s\[{,:]"
_UNSURE_AFTER_SEPARATOR = tuple(
    re.compile(pattern)
    for pattern in (
        rf"0(?:(?<={_SEPARATOR}0)|(?<={_SEPARATOR}[-+]0))[0-9_bBoOxX]",
        rf"!(?<={_SEPARATOR}!)",
        rf"&(?<={_SEPARATOR}&)\S",
        rf":(?<={_SEPARATOR}:)\S",
    )
)
# A '_' that may end a number with underscores or follow a separator (and a sign): the
# character before it can start or continue a number, or separate; an 'e' or 'E' only after
# another character of a number. Not the '_' of a field name such as reports_to.
_UNSURE_UNDERSCORE = re.compile(rf"_(?:(?<=[0-9.+\-]_)|(?<={_SEPARATOR}_)|(?<=[0-9.eE+\-][eE]_))")
# What moves lines or marks for a reader of the lines (boconf.loading.block_positions): tags
# and anchors (libyaml marks a node at them), other line breaks, tabs, directives, aliases.
_ODD_NODE = re.compile(r"[\s\[{,:](?:!|&\S)")
_ODD_LINE = re.compile(r"\n(?:%|\.\.\.| *:)")
_ODD_START = re.compile(r"[!%]|&\S|\.\.\.| *:")
_ODD_LAYOUT_SUBSTRINGS = (*_UNSURE_SUBSTRINGS, "\u2028", "\u2029", "\ufeff")


# _ODD_NODE found faster: each mark first, the separator looked behind for. A pattern that
# starts with any whitespace is tried at every space of the text; a loop over every '&' in
# Python (one per unit in descriptions such as "R&D") took a fifth of the time positions
# cost at a million positions.
_ODD_NODE_AFTER_SEPARATOR = (
    re.compile(rf"!(?<={_SEPARATOR}!)"),
    re.compile(rf"&(?<={_SEPARATOR}&)\S"),
)


def _odd_node(text: str) -> bool:
    """Whether :data:`_ODD_NODE` matches in ``text``."""
    return any(pattern.search(text) is not None for pattern in _ODD_NODE_AFTER_SEPARATOR)


def odd_layout(text: str) -> bool:
    """Whether ``text`` holds something that a reader of its lines may place differently
    from libyaml (cheaper than :func:`unsure`: value typing does not move positions)."""
    return (
        any(part in text for part in _ODD_LAYOUT_SUBSTRINGS)
        or _odd_node(text)
        or _ODD_LINE.search(text) is not None
        or _ODD_START.match(text) is not None
    )


# A block scalar ('|' or '>') as the very last thing of a file with no final newline: its
# last line break is kept by the native parser and not by libyaml.
_BLOCK_INDICATOR = re.compile(r"[|>]")
# A document marker line: at the start of the text, or after a '\n' (found as for _UNSURE_LINE).
MARKER = re.compile(r"\n---(?=[ \t\n]|$)")
FIRST_MARKER = re.compile(r"---(?=[ \t\n]|$)")
# The first line of a document's content: not blank, not a comment, not a marker.
_CONTENT_LINE = re.compile(r"^( *)([^ \n#])", re.MULTILINE)
# What a document's root may not start with on this path: anchors, complex keys, flow or
# list roots, quoted keys, tags, aliases, block scalars, directives (left to libyaml).
_ROOT_REFUSED = "&?[{\"'-!*|>%"
# A bare marker line followed at once by a content line at column 1 that starts a root this
# path takes: the layout of nearly every multi-document file (boconf fmt writes it).
_PLAIN_MARKER = re.compile(r"\n---\n(?=[^ \n#&?\[{\"'\-!*|>%])")


class _UnsureError(Exception):
    """Raised inside the walk over the native parser's values: fall back to libyaml."""


def enabled() -> bool:
    """Whether to try the fast path: the pinned wheel is installed and not switched off
    (``BOCONF_NATIVE=0``, for comparing the two paths by hand)."""
    return AVAILABLE and os.environ.get("BOCONF_NATIVE", "1") != "0"


def load(text: str, max_depth: int) -> list[tuple[int, int, dict[str, Any]]] | None:
    """Each document of ``text`` as ``(line, column, mapping)``, or None when this path
    cannot vouch for the file (the caller then parses it with libyaml)."""
    if yaml_rs is None or unsure(text):
        return None
    starts = _document_starts(text)
    if starts is None:
        return None
    try:
        loaded = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # any refusal or crash: libyaml is the referee and reports it
        return None
    # One document comes back bare, several as a list: the text says which it was.
    documents = [loaded] if len(starts) == 1 else loaded
    if documents.__class__ is not list or len(documents) != len(starts):
        return None
    built: list[tuple[int, int, dict[str, Any]]] = []
    try:
        for (line, column), document in zip(starts, documents, strict=True):
            if document.__class__ is not dict:
                return None  # empty documents and lists are reported by libyaml, with positions
            built.append((line, column, _checked(document, 0, max_depth)))
    except (_UnsureError, RecursionError):
        return None
    return built


def unsure(text: str) -> bool:
    """Whether ``text`` holds something the fast path cannot vouch for."""
    return (
        any(part in text for part in _UNSURE_SUBSTRINGS)
        or _unsure_token(text)
        or _UNSURE_START.match(text) is not None
        or _UNSURE_LINE_START.match(text) is not None
        or _UNSURE_LINE.search(text) is not None
        or _UNSURE_CHARACTER.search(text) is not None
        or (not text.endswith("\n") and _BLOCK_INDICATOR.search(text) is not None)
    )


def _unsure_token(text: str) -> bool:
    """Whether :data:`_UNSURE_TOKEN` matches in ``text``, without trying it at every space.

    Its number-with-an-underscore branch has no fixed width to look behind for, so the full
    pattern runs on each line that holds a '_' such a number could end at, each line once
    (such a match ends at that '_' and starts on its line: the '\\n' before is a separator)."""
    if any(pattern.search(text) is not None for pattern in _UNSURE_AFTER_SEPARATOR):
        return True
    found = _UNSURE_UNDERSCORE.search(text)
    while found is not None:
        at = found.start()
        line_end = text.find("\n", at)
        if line_end < 0:
            line_end = len(text)
        line_start = max(text.rfind("\n", 0, at), 0)
        if _UNSURE_TOKEN.search(text, line_start, line_end) is not None:
            return True
        found = _UNSURE_UNDERSCORE.search(text, line_end)
    return False


def _checked(value: Any, depth: int, max_depth: int) -> Any:
    """``value`` with interned keys (as the libyaml path does, to share them in memory).

    Raises :class:`_UnsureError` for a key that is not text (libyaml keeps a key's text: ``1:`` is
    the field "1") or nesting deeper than boconf accepts."""
    if depth >= max_depth:
        raise _UnsureError
    if value.__class__ is dict:
        mapping: dict[str, Any] = {}
        for key, item in value.items():
            if key.__class__ is not str:
                raise _UnsureError
            kind = item.__class__
            mapping[intern(key)] = (
                _checked(item, depth + 1, max_depth) if kind is dict or kind is list else item
            )
        return mapping
    return [
        _checked(item, depth + 1, max_depth)
        if item.__class__ is dict or item.__class__ is list
        else item
        for item in value
    ]


def _document_starts(text: str) -> list[tuple[int, int]] | None:
    """The 1-based line and column where each document's root value starts, as libyaml marks
    it; None for a layout this scan does not follow (the caller falls back)."""
    plain = _plain_document_starts(text)
    return plain if plain is not None else _any_document_starts(text)


def _plain_document_starts(text: str) -> list[tuple[int, int]] | None:
    """What :func:`_any_document_starts` finds, for a text whose every marker is a bare
    ``---`` line with the root's first line right after it; None for any other text.

    Half the time of the general scan (0.14 s to 0.07 s of the workers' time at 100,000
    positions): each marker is found with its document by one pattern that starts with a
    literal, and a document's line is the marker's plus one."""
    offsets = [match.start() for match in _PLAIN_MARKER.finditer(text)]
    if len(offsets) != text.count("\n---"):
        return None  # some marker (or other line starting with ---) is laid out otherwise
    starts: list[tuple[int, int]] = []
    # The document before the first marker, unless there is only blank or comment there (a
    # marker on the first line is found as its content and refused: '-').
    first = _CONTENT_LINE.search(text, 0, offsets[0] + 1 if offsets else len(text))
    if first is not None:
        if first.group(2) in _ROOT_REFUSED:
            return None
        starts.append((text.count("\n", 0, first.start()) + 1, len(first.group(1)) + 1))
    line, counted = 1, 0  # line number of offset `counted`
    for offset in offsets:
        line += text.count("\n", counted, offset)
        counted = offset
        starts.append((line + 2, 1))  # the '\n' ends line `line`; then the marker's line
    return starts or None


def _any_document_starts(text: str) -> list[tuple[int, int]] | None:
    """:func:`_document_starts` for any layout: markers with comments after them, blank or
    comment lines before a root, indented roots."""
    markers = [match.start() + 1 for match in MARKER.finditer(text)]
    if FIRST_MARKER.match(text):
        markers.insert(0, 0)
    marker_set = set(markers)
    # Each document's content starts after its marker (the first may have none).
    searches = markers if markers and not _has_content(text, 0, markers[0]) else [0, *markers]
    starts: list[tuple[int, int]] = []
    line, counted = 1, 0  # line number of offset `counted`
    for index, begin in enumerate(searches):
        if begin in marker_set:
            end_of_marker = text.find("\n", begin)
            rest = text[begin + 3 : len(text) if end_of_marker < 0 else end_of_marker]
            stripped = rest.lstrip(" ")
            if stripped and not stripped.startswith("#"):
                return None  # content on the marker line: rare, left to libyaml
            if end_of_marker < 0:
                return None  # an empty last document
            begin = end_of_marker + 1
        limit = searches[index + 1] if index + 1 < len(searches) else len(text)
        found = _CONTENT_LINE.search(text, begin, limit)
        if found is None or found.start(2) >= limit:
            return None  # an empty document: libyaml reports it
        if found.group(2) in _ROOT_REFUSED:
            return None  # anchors, complex keys, flow or list roots: left to libyaml
        line += text.count("\n", counted, found.start())
        counted = found.start()
        starts.append((line, len(found.group(1)) + 1))
    return starts or None


def _has_content(text: str, begin: int, end: int) -> bool:
    found = _CONTENT_LINE.search(text, begin, end)
    return found is not None
