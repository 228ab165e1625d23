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


_written: dict[str, str] = {}


def repeated_scalar(value: str) -> str:
    """:func:`scalar` for values written many times (ids that are also managers and holders,
    titles, places): each is worked out once per process."""
    known = _written.get(value)
    if known is None:
        known = _written[value] = scalar(value)
    return known


def forget_repeated() -> None:
    """Drop what :func:`repeated_scalar` remembers (at the end of writing a tree)."""
    _written.clear()


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
