"""'Did you mean ...?' for unknown fields, values and ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from boconf.i18n import _


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like ``word``, if any is close enough to be a likely typo."""
    pool = list(candidates)
    folded = {candidate.casefold(): candidate for candidate in pool}
    if word.casefold() in folded:
        return folded[word.casefold()]
    if len(pool) > 2000:
        # Keep a big organisation's typo hints cheap: a typo keeps roughly its length.
        pool = [c for c in pool if abs(len(c) - len(word)) <= 3 and c[:1] == word[:1]][:2000]
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    match = closest(word, candidates)
    return _("did you mean '{name}'?").format(name=match) if match else ""
