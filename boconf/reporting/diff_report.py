"""`boconf diff` in text, Markdown (a pull-request comment) and JSON, from one DiffResult."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from boconf.changes.compare import (
    ADDED,
    CHANGED,
    MOVED,
    MOVED_CHANGED,
    REMOVED,
    RENAMED,
    Comparison,
    EntityChange,
)
from boconf.changes.impact import Figure
from boconf.diagnostics import Diagnostic
from boconf.reporting.markdown_text import cell

SECTIONS = (
    (REMOVED, "Removed"),
    (ADDED, "Added"),
    (MOVED, "Moved"),
    (MOVED_CHANGED, "Moved and changed"),
    (CHANGED, "Changed"),
    (RENAMED, "Renamed"),
)


@dataclass
class DiffResult:
    base: str
    head: str
    comparison: Comparison
    figures: list[Figure]
    new_findings: list[Diagnostic] = field(default_factory=list)
    fixed_findings: list[Diagnostic] = field(default_factory=list)


def _value(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "(none)"
    return (
        json.dumps(value, ensure_ascii=False, sort_keys=True)
        if isinstance(value, list | dict)
        else str(value)
    )


def _number(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _delta(value: Decimal) -> str:
    return ("+" if value > 0 else "") + _number(value)


def _line(change: EntityChange) -> str:
    if change.change == RENAMED:
        return f"{change.kind} '{change.previous_id}' -> '{change.id}'"
    return f"{change.kind} '{change.id}'"


def text(result: DiffResult) -> str:
    changes = result.comparison.changes
    out = [f"boconf diff {result.base} -> {result.head}: {len(changes)} change(s)"]
    for change_kind, title in SECTIONS:
        items = result.comparison.of(change_kind)
        if not items:
            continue
        out += ["", f"{title} ({len(items)})"]
        for change in items:
            out.append(f"  {_line(change)}")
            out += [f"      {f.field}: {_value(f.old)} -> {_value(f.new)}" for f in change.fields]
    moved = [f for f in result.figures if f.delta]
    out += ["", "Impact" if moved else "Impact: no figure changed"]
    out += [
        f"  {f.name}: {_number(f.before)} -> {_number(f.after)} ({_delta(f.delta)})" for f in moved
    ]
    return "\n".join(out) + "\n"


def markdown(result: DiffResult) -> str:
    out = [f"### boconf diff `{cell(result.base)}` -> `{cell(result.head)}`", ""]
    out += ["| | count |", "| --- | ---: |"]
    out += [f"| {title} | {len(result.comparison.of(kind))} |" for kind, title in SECTIONS]
    out += [
        f"| New lint findings | {len(result.new_findings)} |",
        f"| Fixed lint findings | {len(result.fixed_findings)} |",
    ]
    moved = [f for f in result.figures if f.delta]
    if moved:
        out += ["", "| impact | before | after | change |", "| --- | ---: | ---: | ---: |"]
        out += [
            f"| {f.name} | {_number(f.before)} | {_number(f.after)} | {_delta(f.delta)} |"
            for f in moved
        ]
    for change_kind, title in SECTIONS:
        items = result.comparison.of(change_kind)
        if not items:
            continue
        out += ["", f"#### {title}", ""]
        for change in items:
            out.append(f"- {cell(_line(change))}")
            out += [
                f"  - `{f.field}`: {cell(_value(f.old))} -> {cell(_value(f.new))}"
                for f in change.fields
            ]
    return "\n".join(out) + "\n"


def as_json(result: DiffResult) -> str:
    document = {
        "version": 1,
        "base": result.base,
        "head": result.head,
        "changes": [
            {
                "kind": c.kind,
                "id": c.id,
                "change": c.change,
                "previous_id": c.previous_id or None,
                "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in c.fields],
            }
            for c in result.comparison.changes
        ],
        "new_findings": [d.as_record() for d in result.new_findings],
        "fixed_findings": [d.as_record() for d in result.fixed_findings],
        "impact": [
            {"name": f.name, "before": str(f.before), "after": str(f.after), "delta": str(f.delta)}
            for f in result.figures
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


FORMATS = {"text": text, "markdown": markdown, "json": as_json}
