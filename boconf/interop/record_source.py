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

from boconf.i18n import _
from boconf.interop.csv_source import CsvTable, decode, read_limited
from boconf.interop.import_problems import ImportProblem, ImportUsageError
from boconf.loading.plain_nodes import (
    PlainMapping,
    PlainNode,
    PlainScalar,
    PlainSequence,
    PlainTextError,
    plain_documents,
)

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

    def _scalar(self, node: PlainScalar) -> str:
        return "" if node.plain and node.text in _NULLS else node.text

    def flatten(self, node: PlainMapping, prefix: str = "", depth: int = 0) -> dict[str, str]:
        flat: dict[str, str] = {}
        first: dict[str, int] = {}
        for key, item in node.items:
            line = key.line
            name = f"{prefix}{key.text}" if isinstance(key, PlainScalar) else f"{prefix}?"
            if name in first:
                self.problems.append(
                    ImportProblem(
                        self.display,
                        line,
                        _(
                            "duplicate field '{name}' (first on line {first}): the last value "
                            "is kept"
                        ).format(name=name, first=first[name]),
                    )
                )
            first[name] = line
            if isinstance(item, PlainMapping) and depth < _MAX_DEPTH:
                flat.update(self.flatten(item, f"{name}.", depth + 1))
            elif isinstance(item, PlainSequence):
                if not all(isinstance(part, PlainScalar) for part in item.items):
                    self.problems.append(
                        ImportProblem(
                            self.display,
                            line,
                            _("field '{name}' holds nested lists or records: ignored").format(
                                name=name
                            ),
                        )
                    )
                    continue
                flat[name] = ";".join(
                    self._scalar(part) for part in item.items if isinstance(part, PlainScalar)
                )
            elif isinstance(item, PlainScalar):
                flat[name] = self._scalar(item)
        return flat


def _records(
    root: PlainNode, display: str, key_field: str
) -> list[tuple[int, PlainNode, str | None]]:
    """(line, node, key) of each record under ``root``; key for a mapping of records."""
    if isinstance(root, PlainSequence):
        return [(item.line, item, None) for item in root.items]
    if isinstance(root, PlainMapping):
        lists = [value for _key, value in root.items if isinstance(value, PlainSequence)]
        if len(root.items) == 1 and lists:
            return _records(lists[0], display, key_field)
        return [
            (key.line, value, key.text) for key, value in root.items if isinstance(key, PlainScalar)
        ]
    raise ImportUsageError(
        _(
            "{file}:{line}: expected a list of records or a mapping of id -> record, not a "
            "single value"
        ).format(file=display, line=root.line)
    )


def read_records(path: Path, display: str, key_field: str, max_bytes: int) -> CsvTable:
    """The records of a YAML or JSON file as a table (see the module's docstring)."""
    text = decode(read_limited(path, display, max_bytes), display, None)
    problems: list[ImportProblem] = []
    try:
        roots = plain_documents(text)
    except PlainTextError as error:
        where = f":{error.line}" if error.line else ""
        if error.alias is not None:
            raise ImportUsageError(
                _(
                    "{file}{where}: a YAML alias (*{alias}): records files may not use "
                    "aliases; write the values out"
                ).format(file=display, where=where, alias=error.alias)
            ) from None
        raise ImportUsageError(
            _("{file}{where}: not YAML or JSON: {problem}").format(
                file=display, where=where, problem=error.problem
            )
        ) from None
    if not roots:
        raise ImportUsageError(_("{file}: empty file: no records").format(file=display))
    if len(roots) > 1:
        problems.append(ImportProblem(display, roots[1].line, _("a second document: ignored")))
    flattener = _Flattener(display, problems)
    header: dict[str, None] = {}
    rows: list[tuple[int, dict[str, str]]] = []
    skipped = 0
    for line, node, key in _records(roots[0], display, key_field):
        if isinstance(node, PlainScalar) and key is not None and node.text in _NULLS:
            flat: dict[str, str] = {}
        elif isinstance(node, PlainMapping):
            flat = flattener.flatten(node)
        else:
            problems.append(
                ImportProblem(display, line, _("not a record (a mapping of fields): skipped"))
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
                        _("record '{key}' has {field} '{given}': the key '{key}' is used").format(
                            key=key, field=key_field, given=given
                        ),
                    )
                )
            flat = {key_field: key, **flat}
        header.update(dict.fromkeys(flat))
        rows.append((line, flat))
    names = list(header)
    columns = [[record.get(name, "").strip() for _line, record in rows] for name in names]
    return CsvTable(display, names, [line for line, _record in rows], columns, problems, skipped)
