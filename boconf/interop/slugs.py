"""Turning free text from other systems into boconf ids, deterministically."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable
from operator import itemgetter

from boconf.model.names import ID_PATTERN

_VALID_ID = re.compile(ID_PATTERN)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_ID = 128


def slugify(text: str, fallback: str = "item") -> str:
    """``Human Resources`` -> ``human-resources``; accents folded, anything else a dash."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", folded.lower()).strip("-")[:MAX_ID].rstrip("-")
    return slug or fallback


def as_id(value: str, fallback: str = "item") -> str:
    """The value itself when it is already a valid id (HR ids such as ``100`` stay
    recognisable), else its slug."""
    if len(value) <= MAX_ID and _VALID_ID.fullmatch(value):
        return value
    return slugify(value, fallback)


def is_id(value: str) -> bool:
    return len(value) <= MAX_ID and bool(_VALID_ID.fullmatch(value))


# ID_PATTERN as byte sets, for checking a whole column at once.
_ID_FIRST = frozenset(string.ascii_letters + string.digits)
_ID_BYTES = (string.ascii_letters + string.digits + "_.:-\n").encode("ascii")


def all_ids(values: list[str]) -> bool:
    """Whether every value is a valid id (:func:`is_id`), in a few C-level passes over the
    whole column (a regular expression per value takes several times longer)."""
    if not values:
        return True
    if max(map(len, values)) > MAX_ID or min(map(len, values)) == 0:
        return False
    joined = "\n".join(values)
    return (
        joined.isascii()
        and joined.count("\n") == len(values) - 1
        and not joined.encode("ascii").translate(None, _ID_BYTES)
        and set(map(itemgetter(0), values)) <= _ID_FIRST
    )


class IdAllocator:
    """Hands out unique ids: the wanted one, else ``wanted-2``, ``wanted-3``, ..."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)  # callers may add an id they know to be free themselves

    def __contains__(self, identifier: str) -> bool:
        return identifier in self.taken

    def claim(self, wanted: str) -> str:
        candidate, number = wanted, 1
        while candidate in self.taken:
            number += 1
            suffix = f"-{number}"
            candidate = wanted[: MAX_ID - len(suffix)] + suffix
        self.taken.add(candidate)
        return candidate
