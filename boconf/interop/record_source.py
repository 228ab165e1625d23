"""Reading a YAML or JSON file of records into a table, numbered by the line each record starts on.

A records file is a list of mappings (``[{id: ceo, title: CEO}, ...]``), a mapping whose
keys are the ids (``{ceo: {title: CEO}, ...}``: each key is stored in the field
``--key-field`` names), or a mapping with one list of records (``{"employees": [...]}``,
the usual JSON envelope). Nested mappings become dotted fields (``location.city``), lists
of plain values are joined with ``;`` (the separator of ``manages``). Everything else is
then read as ``import csv`` reads a table, so the column options are the same; a problem's
``ROW`` is the line of its record.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml import MappingNode, Node, ScalarNode, SequenceNode

from boconf.interop.csv_source import CsvTable, decode, read_limited
from boconf.interop.import_problems import ImportProblem, ImportUsageError
from boconf.loading.yaml12 import compose_documents

_MAX_DEPTH = 32


# Plain scalars that mean no value in YAML 1.2 (and JSON's null).
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class _Flattener:
    """Records as flat ``field -> text`` mappings, read from the nodes rather than built
    values: a scalar keeps the text it was written with (``00105227`` keeps its zeros,
    ``1.0`` stays ``1.0``)."""

    def __init__(self, display: str, problems: list[ImportProblem]) -> None:
        self.display = display
        self.problems = problems

    def _scalar(self, node: ScalarNode) -> str:
        plain = node.style is None
        return "" if plain and node.value in _NULLS else str(node.value)

    def flatten(self, node: MappingNode, prefix: str = "", depth: int = 0) -> dict[str, str]:
        flat: dict[str, str] = {}
        first: dict[str, int] = {}
        for key, item in node.value:
            line = key.start_mark.line + 1
            name = f"{prefix}{key.value}" if isinstance(key, ScalarNode) else f"{prefix}?"
            if name in first:
                self.problems.append(
                    ImportProblem(
                        self.display,
                        line,
                        f"duplicate field '{name}' (first on line {first[name]}): "
                        "the last value is kept",
                    )
                )
            first[name] = line
            if isinstance(item, MappingNode) and depth < _MAX_DEPTH:
                flat.update(self.flatten(item, f"{name}.", depth + 1))
            elif isinstance(item, SequenceNode):
                if not all(isinstance(part, ScalarNode) for part in item.value):
                    self.problems.append(
                        ImportProblem(
                            self.display,
                            line,
                            f"field '{name}' holds nested lists or records: ignored",
                        )
                    )
                    continue
                flat[name] = ";".join(self._scalar(part) for part in item.value)
            elif isinstance(item, ScalarNode):
                flat[name] = self._scalar(item)
        return flat


def _records(root: Node, display: str, key_field: str) -> list[tuple[int, Node, str | None]]:
    """(line, node, key) of each record under ``root``; key for a mapping of records."""
    if isinstance(root, SequenceNode):
        return [(item.start_mark.line + 1, item, None) for item in root.value]
    if isinstance(root, MappingNode):
        lists = [value for _, value in root.value if isinstance(value, SequenceNode)]
        if len(root.value) == 1 and lists:
            return _records(lists[0], display, key_field)
        return [
            (key.start_mark.line + 1, value, str(key.value))
            for key, value in root.value
            if isinstance(key, ScalarNode)
        ]
    raise ImportUsageError(
        f"{display}:{root.start_mark.line + 1}: expected a list of records or a mapping of "
        "id -> record, not a single value"
    )


def _refuse_aliases(text: str, display: str) -> None:
    """Records never need YAML aliases, and a few nested ones expand into billions of
    nodes: refuse a file that uses one."""
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else 0
                raise ImportUsageError(
                    f"{display}:{line}: a YAML alias (*{event.anchor}): records files may not "
                    "use aliases; write the values out"
                )
    except yaml.MarkedYAMLError:
        return  # reported by the composer, with its line


def read_records(path: Path, display: str, key_field: str, max_bytes: int) -> CsvTable:
    """The records of a YAML or JSON file as a table (see the module's docstring)."""
    text = decode(read_limited(path, display, max_bytes), display, None)
    problems: list[ImportProblem] = []
    if "*" in text:
        _refuse_aliases(text, display)
    try:
        roots = list(compose_documents(text))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f":{mark.line + 1}" if mark is not None else ""
        raise ImportUsageError(f"{display}{where}: not YAML or JSON: {error.problem}") from None
    except yaml.YAMLError as error:
        raise ImportUsageError(f"{display}: not YAML or JSON: {error}") from None
    if not roots:
        raise ImportUsageError(f"{display}: empty file: no records")
    if len(roots) > 1:
        problems.append(
            ImportProblem(display, roots[1].start_mark.line + 1, "a second document: ignored")
        )
    flattener = _Flattener(display, problems)
    header: dict[str, None] = {}
    rows: list[tuple[int, dict[str, str]]] = []
    skipped = 0
    for line, node, key in _records(roots[0], display, key_field):
        if isinstance(node, ScalarNode) and key is not None and node.value in _NULLS:
            flat: dict[str, str] = {}
        elif isinstance(node, MappingNode):
            flat = flattener.flatten(node)
        else:
            problems.append(
                ImportProblem(display, line, "not a record (a mapping of fields): skipped")
            )
            skipped += 1
            continue
        if key is not None:
            given = flat.get(key_field)
            if given not in (None, "", key):
                problems.append(
                    ImportProblem(
                        display,
                        line,
                        f"record '{key}' has {key_field} '{given}': the key '{key}' is used",
                    )
                )
            flat = {key_field: key, **flat}
        header.update(dict.fromkeys(flat))
        rows.append((line, flat))
    names = list(header)
    columns = [[record.get(name, "").strip() for _, record in rows] for name in names]
    return CsvTable(display, names, [line for line, _ in rows], columns, problems, skipped)
