"""Moving mapping keys without moving comments away from what they describe.

ruamel.yaml attaches a comment line to the value *before* it (often deep inside the previous
key's nested value), so reordering keys naively would carry a ``# boconf: ignore[...]`` line
over to the wrong key, silencing the wrong finding. Here each key's leading comment lines are
detached first and re-attached in front of the same key after the move.
"""

from __future__ import annotations

import itertools
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

Holder = tuple[dict[Any, Any], Any, int]  # (a ca.items dict, its key, slot of the trailing token)


def _tail(container: CommentedMap | CommentedSeq, key: Any) -> Holder:
    """Where the comment after ``container[key]`` is kept: on the last scalar of its value."""
    value = container[key]
    if isinstance(value, CommentedMap | CommentedSeq) and len(value) and not value.fa.flow_style():
        last = next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1
        return _tail(value, last)
    slot = 2 if isinstance(container, CommentedMap) else 0
    return container.ca.items, key, slot


def _take_after_first_line(holder: Holder) -> str:
    """Detach and return the comment lines after the end-of-line comment held at ``holder``."""
    items, key, slot = holder
    entry = items.get(key)
    token = entry[slot] if entry is not None and len(entry) > slot else None
    if not isinstance(token, CommentToken):
        return ""
    first, newline, rest = token.value.partition("\n")
    if first.strip():
        token.value = first + newline
    else:  # no end-of-line comment: a bare newline left here would print as a blank line
        assert entry is not None
        entry[slot] = None
        if not any(entry):
            del items[key]
    return rest


def _append(holder: Holder, text: str) -> None:
    if not text:
        return
    items, key, slot = holder
    entry = items.setdefault(key, [None, None, None, None])
    while len(entry) <= slot:
        entry.append(None)
    token = entry[slot]
    if isinstance(token, CommentToken):
        if not token.value.endswith("\n"):
            token.value += "\n"
        token.value += text
    else:
        entry[slot] = CommentToken("\n" + text, CommentMark(0), None)


def reorder(mapping: CommentedMap, order: list[Any]) -> None:
    """Put ``mapping``'s keys in ``order`` (a permutation of them), each keeping the comment
    lines that stood above it; the lines after the last key stay last."""
    keys = list(mapping)
    if keys == order:
        return
    leading = dict.fromkeys(keys, "")
    for before, key in itertools.pairwise(keys):
        leading[key] = _take_after_first_line(_tail(mapping, before))
    trailing = _take_after_first_line(_tail(mapping, keys[-1]))
    for key in order:
        mapping.move_to_end(key)
    if leading[order[0]]:
        # Above the new first key: kept as the mapping's own leading comment.
        pre = mapping.ca.comment
        if pre is None:
            mapping.ca.comment = pre = [None, []]
        if pre[1] is None:
            pre[1] = []
        pre[1].append(CommentToken(leading[order[0]], CommentMark(0), None))
    for before, key in itertools.pairwise(order):
        _append(_tail(mapping, before), leading[key])
    _append(_tail(mapping, order[-1]), trailing)
