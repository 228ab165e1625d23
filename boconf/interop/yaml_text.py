"""Writing YAML by hand, byte for byte the same every time.

A generic dumper would do, but its quoting and line breaks change between versions; the
tree an import writes must be identical from one run to the next so that a re-import can be
reviewed with ``boconf diff``. The rules here are few: a string is written plain only when
it cannot be read back as anything but that string (by boconf's YAML 1.2 loader and by
YAML 1.1 tools alike); everything else is double-quoted with JSON's escapes, which are valid
YAML.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Sequence
from operator import itemgetter
from typing import cast

# Starts with a letter (any script), then words, spaces and harmless punctuation, and does not
# end with a space. Neither ':' nor '#' is allowed, so neither ": " (a mapping) nor " #" (a
# comment) can occur.
_PLAIN = re.compile(r"[^\W\d_](?:[\w .,'()&/+@-]*[\w.,'()&/+@-])?")
# Words that YAML 1.1 or 1.2 tools read as booleans or null.
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf"})


_plain = _PLAIN.fullmatch
_LONGEST_RESERVED = max(len(word) for word in _RESERVED)


def scalar(value: str | int) -> str:
    """One scalar, plain when safe, else double-quoted.

    Called for nearly every value an import writes: one regular expression decides, and only
    a short value can be a reserved word."""
    if isinstance(value, int):
        return str(value)
    if _plain(value) and (len(value) > _LONGEST_RESERVED or value.lower() not in _RESERVED):
        return value
    return json.dumps(value, ensure_ascii=False)


_ALL_PLAIN = re.compile(rf"(?:{_PLAIN.pattern})(?:\n(?:{_PLAIN.pattern}))*").fullmatch
# _PLAIN for ASCII text, as byte sets: C-level checks several times faster than the regex.
_ASCII_LETTERS = frozenset(string.ascii_letters)
_ASCII_PLAIN = (string.ascii_letters + string.digits + "_ .,'()&/+@-\n").encode("ascii")
_first, _last = itemgetter(0), itemgetter(-1)


def _all_plain(values: Sequence[str], joined: str) -> bool:
    """Whether :data:`_PLAIN` matches every value (``joined``: them, a line each)."""
    if not joined.isascii():
        return bool(_ALL_PLAIN(joined))
    try:
        return (
            not joined.encode("ascii").translate(None, _ASCII_PLAIN)  # nothing else in them
            and set(map(_first, values)) <= _ASCII_LETTERS
            and " " not in set(map(_last, values))
        )
    except IndexError:  # an empty value
        return False


def scalars(values: Sequence[str]) -> Sequence[str]:
    """:func:`scalar` of each value: the values themselves when all can be written plain
    (checked over them all at once, the usual case for ids and names), else each worked out
    on its own."""
    joined = "\n".join(values)
    if (
        joined.count("\n") == len(values) - 1  # no value holds a line break of its own
        and _all_plain(values, joined)
        # Only a short value can be a reserved word: most columns need no lower-casing.
        and (
            min(map(len, values)) > _LONGEST_RESERVED
            or _RESERVED.isdisjoint(map(str.lower, values))
        )
    ):
        return values
    return list(map(scalar, values))


Value = str | int | None


def distinct_lines(template: str, values: Sequence[str | None]) -> list[str] | None:
    """``template % scalar(value)`` for each value, ``""`` for None; None when every value
    is. For values that are nearly all different (ids, holders): :func:`scalars` writes them
    all at once."""
    present = values if None not in values else [value for value in values if value is not None]
    if not present:
        return None
    lines = map(template.__mod__, scalars(cast(Sequence[str], present)))
    if len(present) == len(values):
        return list(lines)
    return [next(lines) if value is not None else "" for value in values]


def optional_lines(
    template: str, values: Sequence[Value], absent: Value = None, *, quote: bool = True
) -> list[str] | None:
    """``template % scalar(value)`` for each value (the value as it is without ``quote``),
    ``""`` where it is ``absent``; None when every value is. Each distinct value is written
    once (they are few: managers, titles, places), then looked up for every position in
    one C-level map."""
    distinct = set(values)
    distinct.discard(absent)
    if not distinct:
        return None
    table = {
        value: template % (scalar(cast(str | int, value)) if quote else value) for value in distinct
    }
    table[absent] = ""
    return list(map(table.__getitem__, values))


def mapping_lines(
    pairs: list[tuple[str, str | int | None]], indent: str = "", first: str = ""
) -> list[str]:
    """``key: value`` lines, skipping None values; ``first`` prefixes the first line
    (``- `` for a list item) and the others are indented to match."""
    lines: list[str] = []
    for key, value in pairs:
        if value is None:
            continue
        prefix = first if not lines else " " * len(first)
        lines.append(f"{indent}{prefix}{key}: {scalar(value)}")
    return lines


def comment_lines(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in text.splitlines()]
