"""Lint findings for the site: file paths relative to the organisation, and the entity each
finding is about, so that a unit's page lists its own and the findings page links to pages.

A diagnostic carries a position, not an entity. The entity is recovered from where it sits:
every entity's YAML node spans a range of its file, and a finding lies inside the node of the
entity it names (the engine reports at a field of that entity). The innermost enclosing node
wins: a position nested in a unit, a contract nested in a vendor. Only the files with findings
are composed again.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from yaml import MappingNode, Node, SequenceNode

from boconf.diagnostics import Diagnostic, Severity
from boconf.docs.refs import (
    CONTRACT,
    LOCATION,
    ORGANISATION,
    PERSON,
    POSITION,
    UNIT,
    VENDOR,
    Ref,
    contract_ref,
    location_ref,
    position_ref,
    unit_ref,
    vendor_ref,
)
from boconf.loading.positions import SourceMap
from boconf.model.tree import OrgTree, PathPart
from boconf.reporting.report import rule_name

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True)
class FindingRow:
    file: str  # relative to the organisation directory, '/'-separated
    line: int
    column: int
    code: str
    rule: str
    severity: Severity
    message: str
    hint: str
    entity: Ref | None  # what it is about, when that has a page
    unit: str | None  # the unit page that lists it

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Span:
    start: tuple[int, int]  # (line, column), 1-based
    end: tuple[int, int]  # exclusive
    depth: int  # of the entity's node below its document: the innermost wins ties
    kind: str
    id: str


def _node_at(root: Node, path: Sequence[PathPart]) -> Node | None:
    node = root
    for part in path:
        child: Node | None = None
        if isinstance(node, MappingNode):
            child = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            return None
        node = child
    return node


def _spans(tree: OrgTree, displays: set[str]) -> dict[str, list[Span]]:
    """The span of every entity defined in the given files, by file."""
    sources = SourceMap()
    found: dict[str, list[Span]] = defaultdict(list)
    for (kind, identifier), ref in tree.sources.items():
        if ref.display not in displays:
            continue
        documents = sources.documents(ref.path)
        if ref.document >= len(documents):
            continue
        node = _node_at(documents[ref.document], ref.at)
        if node is None:
            continue
        start, end = node.start_mark, node.end_mark
        found[ref.display].append(
            Span(
                (start.line + 1, start.column + 1),
                (end.line + 1, end.column + 1),
                len(ref.at),
                kind,
                identifier,
            )
        )
    return found


def _entity(tree: OrgTree, kind: str, identifier: str) -> tuple[Ref | None, str | None]:
    """The reference for a finding's entity, and the unit page that should list it."""
    if kind == UNIT:
        return unit_ref(tree, identifier), identifier
    if kind == POSITION:
        unit = tree.positions[identifier].unit
        return position_ref(tree, identifier), unit
    if kind == VENDOR:
        return vendor_ref(tree, identifier), None
    if kind == CONTRACT:
        return contract_ref(identifier), None
    if kind == LOCATION:
        return location_ref(tree, identifier), None
    if kind == ORGANISATION:
        return Ref(tree.organisation.name, ORGANISATION, identifier), None
    if kind == PERSON:
        # A person has no page; their first post (by id) shows who they are.
        held = sorted(p for p, post in tree.positions.items() if post.holder == identifier)
        if held:
            return position_ref(tree, held[0]), tree.positions[held[0]].unit
    return None, None


def relative_file(display: str, root: Path) -> str:
    """A diagnostic's file relative to the organisation directory: the same wherever boconf
    runs from, so that the site does not depend on the working directory."""
    base = root if root.is_dir() else root.parent
    try:
        return Path(display).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return Path(os.path.relpath(Path(display).resolve(), base.resolve())).as_posix()


def finding_rows(
    tree: OrgTree | None, diagnostics: list[Diagnostic], root: Path
) -> list[FindingRow]:
    """One row per diagnostic, in file, line and column order."""
    spans = _spans(tree, {d.file for d in diagnostics}) if tree is not None else {}
    rows = []
    for diagnostic in diagnostics:
        point = (diagnostic.line, diagnostic.column)
        enclosing = [
            span for span in spans.get(diagnostic.file, ()) if span.start <= point < span.end
        ]
        entity: Ref | None = None
        unit: str | None = None
        if enclosing and tree is not None:
            best = max(enclosing, key=lambda span: (span.start, span.depth))
            entity, unit = _entity(tree, best.kind, best.id)
        rows.append(
            FindingRow(
                relative_file(diagnostic.file, root),
                diagnostic.line,
                diagnostic.column,
                diagnostic.code,
                rule_name(diagnostic.code),
                diagnostic.severity,
                diagnostic.message,
                diagnostic.hint,
                entity,
                unit,
            )
        )
    return sorted(rows, key=lambda row: (row.file, row.line, row.column, row.code, row.message))


def severity_counts(rows: list[FindingRow]) -> dict[str, int]:
    counts = Counter(row.severity for row in rows)
    return {severity.value: counts[severity] for severity in SEVERITIES}


def by_file(rows: list[FindingRow]) -> list[tuple[str, list[FindingRow]]]:
    grouped: dict[str, list[FindingRow]] = defaultdict(list)
    for row in rows:
        grouped[row.file].append(row)
    return sorted(grouped.items())
