"""A YAML or JSON text as plain nodes that keep each scalar's written text and line.

For readers outside ``loading/`` that must see how a value was written rather than what it
means (the records importer keeps ``00105227``'s zeros and ``1.0`` as written): they get these
small nodes and never touch the YAML library, which stays below this package.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from boconf.loading.yaml12 import compose_documents


@dataclass(frozen=True, slots=True)
class PlainScalar:
    text: str
    plain: bool  # written without quotes (so "null" and "~" mean no value)
    line: int


@dataclass(frozen=True, slots=True)
class PlainSequence:
    items: list[PlainNode]
    line: int


@dataclass(frozen=True, slots=True)
class PlainMapping:
    items: list[tuple[PlainNode, PlainNode]]
    line: int


PlainNode = PlainScalar | PlainSequence | PlainMapping


class PlainTextError(ValueError):
    """The text is not YAML (``line`` 0 when the parser could not say where), or uses an
    alias (``alias`` names it)."""

    def __init__(self, problem: str, line: int, alias: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.alias = alias


def _plain(node: yaml.Node) -> PlainNode:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        return PlainMapping([(_plain(key), _plain(value)) for key, value in node.value], line)
    if isinstance(node, yaml.SequenceNode):
        return PlainSequence([_plain(item) for item in node.value], line)
    assert isinstance(node, yaml.ScalarNode)  # the composer makes nothing else
    return PlainScalar(str(node.value), node.style is None, line)


def _refuse_aliases(text: str) -> None:
    """A few nested aliases expand into billions of nodes: a reader of records refuses them."""
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else 0
                raise PlainTextError("alias", line, str(event.anchor))
    except yaml.MarkedYAMLError:
        return  # reported by the composer, with its line


def plain_documents(text: str) -> list[PlainNode]:
    """Every document of ``text`` as plain nodes; raises PlainTextError."""
    if "*" in text:
        _refuse_aliases(text)
    try:
        return [_plain(root) for root in compose_documents(text)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise PlainTextError(str(error.problem), mark.line + 1 if mark else 0) from None
    except yaml.YAMLError as error:
        raise PlainTextError(str(error), 0) from None
