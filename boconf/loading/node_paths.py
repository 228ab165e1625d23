"""The reverse of :func:`boconf.loading.positions.locate`: a line and column -> a key path.

A scenario's result is validated as written files; to show a finding in the file the user
edits, the finding's position in a written file is first turned back into the path of the
key or value there (then that path is followed to its origin).
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, SequenceNode

from boconf.loading.positions import PathPart

# The composed documents of one file, as :meth:`SourceMap.documents` returns them.
Documents = list[Node]


def path_at(
    documents: Documents, line: int, column: int
) -> tuple[int, tuple[PathPart, ...]] | None:
    """The document and the deepest path whose key or value starts at (line, column)."""
    target = (line - 1, column - 1)
    for index, root in enumerate(documents):
        if not _spans(root, target):
            continue
        return index, _descend(root, target)
    return None


def _spans(node: Node, target: tuple[int, int]) -> bool:
    start = (node.start_mark.line, node.start_mark.column)
    end = (node.end_mark.line, node.end_mark.column)
    return start <= target <= end


def _descend(node: Node, target: tuple[int, int]) -> tuple[PathPart, ...]:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            name = str(key.value)
            if (key.start_mark.line, key.start_mark.column) == target:
                return (name,)
            if _spans(value, target):
                return (name, *_descend(value, target))
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            if _spans(item, target):
                return (index, *_descend(item, target))
    return ()
