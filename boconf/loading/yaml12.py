"""Safe YAML -> plain values under YAML 1.2 core typing, with boconf's refusals.

libyaml (``CParser``) composes a node tree; boconf then builds values from it in one pass that
also finds duplicate keys, custom tags and over-deep nesting. Nothing is ever constructed from a
tag, so ``!!python/object/apply`` is refused before anything could run.

Typing follows the YAML 1.2 core schema, not PyYAML's YAML 1.1 resolver: ``NO``, ``yes`` and
``off`` stay strings, ``22:22`` is not sexagesimal, and there are no implicit timestamps. One
deliberate departure: an integer with leading zeros (``0042``) stays the string ``"0042"``
instead of becoming 42, because in organisation data such values are identifiers and losing
their zeros would be silent data loss.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from sys import intern
from typing import Any

from yaml import MappingNode, Node, ScalarNode, SequenceNode
from yaml.cyaml import CParser  # type: ignore[attr-defined]
from yaml.resolver import BaseResolver

from boconf.diagnostics import Code
from boconf.i18n import _

TAG_PREFIX = "tag:yaml.org,2002:"
STR = TAG_PREFIX + "str"
INT = TAG_PREFIX + "int"
FLOAT = TAG_PREFIX + "float"
BOOL = TAG_PREFIX + "bool"
NULL = TAG_PREFIX + "null"
MAP = TAG_PREFIX + "map"
SEQ = TAG_PREFIX + "seq"

_WORDS: dict[str, str] = {
    "": NULL,
    "~": NULL,
    "null": NULL,
    "Null": NULL,
    "NULL": NULL,
    "true": BOOL,
    "True": BOOL,
    "TRUE": BOOL,
    "false": BOOL,
    "False": BOOL,
    "FALSE": BOOL,
    ".inf": FLOAT,
    ".Inf": FLOAT,
    ".INF": FLOAT,
    "+.inf": FLOAT,
    "+.Inf": FLOAT,
    "+.INF": FLOAT,
    "-.inf": FLOAT,
    "-.Inf": FLOAT,
    "-.INF": FLOAT,
    ".nan": FLOAT,
    ".NaN": FLOAT,
    ".NAN": FLOAT,
}
_NUMBER_START = frozenset("0123456789+-.")
_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+")
_LEADING_ZERO_RE = re.compile(r"[-+]?0[0-9]+")
_FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


def resolve_plain(value: str) -> str:
    """The YAML 1.2 core tag of a plain (unquoted) scalar."""
    tag = _WORDS.get(value)
    if tag is not None:
        return tag
    if value[0] not in _NUMBER_START:
        return STR
    if _INT_RE.fullmatch(value):
        return INT
    if _LEADING_ZERO_RE.fullmatch(value):
        return STR
    if _FLOAT_RE.fullmatch(value):
        return FLOAT
    return STR


class Composer(CParser, BaseResolver):  # type: ignore[misc,unused-ignore]
    """libyaml's composer with a YAML 1.2 core resolver instead of PyYAML's 1.1 one."""

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        BaseResolver.__init__(self)

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return resolve_plain(value or "") if implicit[0] else STR
        return SEQ if kind is SequenceNode else MAP

    # Path resolvers are a PyYAML 1.1 feature boconf never uses; skip their per-node calls.
    def descend_resolver(self, current_node: Node | None, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def compose_documents(text: str) -> Iterator[Node]:
    """Yield each document's root node; raises ``yaml.MarkedYAMLError`` on a syntax error."""
    composer = Composer(text)
    try:
        while composer.check_node():
            node: Node | None = composer.get_node()
            if node is not None:
                yield node
    finally:
        composer.dispose()


class RefusedError(Exception):
    """A node boconf will not build: a custom tag, an alias, a bad key or too deep nesting."""

    def __init__(self, node: Node, reason: str, hint: str, code: str) -> None:
        super().__init__(reason)
        self.node = node
        self.reason = reason
        self.hint = hint
        self.code = code


def _to_int(text: str) -> int:
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text)


def _to_float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".nan"):
        return math.nan
    if lowered.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    return float(text)


_BOOLS = {"true": True, "false": False}
_SCALAR_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL})

DuplicateKey = tuple[Node, Node]  # (first key node, repeated key node)


def build_value(root: Node, max_depth: int, on_duplicate: Callable[[Node, Node], None]) -> Any:
    """Build plain values from a node tree under YAML 1.2 core rules.

    Raises :class:`RefusedError` for anything boconf refuses. Duplicate keys are reported through
    ``on_duplicate`` (the last value wins, as in every YAML loader, but the user is told).
    Aliases must have been refused before: the composer returns the very same node for an
    alias, so building a billion-laughs document would expand it.
    """

    def build(node: Node, depth: int) -> Any:
        tag = node.tag
        cls = node.__class__
        if cls is ScalarNode:
            value: str = node.value
            if tag == STR:
                return value
            if tag == INT:
                try:
                    return _to_int(value)
                except ValueError:
                    message = _("{value} is not an integer")
                    raise _wrong_scalar(node, message, _("remove the !!int tag")) from None
            if tag == NULL:
                return None
            if tag == BOOL:
                result = _BOOLS.get(value.lower())
                if result is None:
                    raise _wrong_scalar(node, _("{value} is not a boolean"), _("use true or false"))
                return result
            if tag == FLOAT:
                try:
                    return _to_float(value)
                except ValueError:
                    message = _("{value} is not a number")
                    raise _wrong_scalar(node, message, _("remove the !!float tag")) from None
            raise _custom_tag(node)
        if depth >= max_depth:
            raise RefusedError(
                node,
                _("nesting deeper than {depth} levels").format(depth=max_depth),
                _("organisation documents are shallow; flatten the structure"),
                Code.TOO_DEEP,
            )
        if cls is MappingNode:
            if tag != MAP:
                raise _custom_tag(node)
            mapping: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is not ScalarNode:
                    raise RefusedError(
                        key_node,
                        _("a mapping key must be a plain value, not a list or mapping"),
                        _("use a simple name as the key"),
                        Code.NOT_A_MAPPING,
                    )
                if key_node.tag not in _SCALAR_TAGS:
                    raise _custom_tag(key_node)
                # Keys are field names, so always their text: `1:` or `null:` is then an unknown
                # field, not a number. Keys repeat in every document: one shared string each
                # keeps memory down and lets pickle send each key once per file.
                key = intern(key_node.value)
                if key in mapping:
                    on_duplicate(_first_key(node, key), key_node)
                mapping[key] = build(value_node, depth + 1)
            return mapping
        if tag != SEQ:
            raise _custom_tag(node)
        return [build(item, depth + 1) for item in node.value]

    return build(root, 0)


def _wrong_scalar(node: Node, message: str, hint: str) -> RefusedError:
    """A tagged scalar whose text is not of its tag's type: ``message`` names it as {value}."""
    return RefusedError(node, message.format(value=repr(node.value)), hint, Code.INVALID_VALUE)


def _first_key(mapping: Node, key: str) -> Node:
    for key_node, _value in mapping.value:
        if key_node.value == key:
            found: Node = key_node
            return found
    raise AssertionError("duplicate key without a first occurrence")  # pragma: no cover


def _custom_tag(node: Node) -> RefusedError:
    return RefusedError(
        node,
        _("tag {tag} is not allowed").format(tag=repr(_short_tag(node.tag))),
        _(
            "boconf reads plain YAML data only: remove the tag (custom and language tags are "
            "refused so that nothing in a file can run code)"
        ),
        Code.CUSTOM_TAG,
    )


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(TAG_PREFIX) if tag.startswith(TAG_PREFIX) else tag
