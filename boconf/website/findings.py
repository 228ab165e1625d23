"""Lint findings for the site: file paths relative to the organisation, and the entity each
finding is about, so that a unit's page lists its own and the findings page links to pages.

Every diagnostic carries its subject (entity kind and id) as data: the site reads it, and
never goes back to the YAML to guess it from a position.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from boconf.diagnostics import Diagnostic, Severity
from boconf.formats.report import rule_name
from boconf.model.tree import OrgTree
from boconf.website.refs import (
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
    reason: str = ""  # why it is accepted, for a suppressed finding

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


def _entity(tree: OrgTree, kind: str, identifier: str) -> tuple[Ref | None, str | None]:
    """The reference for a finding's entity, and the unit page that should list it."""
    if identifier not in tree.entities().get(kind, {}):
        return None, None  # a subject the tree lacks (an entity that failed validation)
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
    tree: OrgTree | None,
    diagnostics: list[Diagnostic],
    root: Path,
    reasons: list[str] | None = None,
) -> list[FindingRow]:
    """One row per diagnostic, in file, line and column order.

    ``reasons`` (one per diagnostic) marks the rows of suppressed findings with why.
    """
    rows = []
    for index, diagnostic in enumerate(diagnostics):
        entity: Ref | None = None
        unit: str | None = None
        if tree is not None and diagnostic.subject.kind:
            entity, unit = _entity(tree, *diagnostic.subject)
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
                reasons[index] if reasons is not None else "",
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
