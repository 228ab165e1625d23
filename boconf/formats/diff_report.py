"""`boconf diff` in text, Markdown (a pull-request comment) and JSON, from one DiffResult."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from boconf.diagnostics import Diagnostic
from boconf.diff.compare import (
    ADDED,
    CHANGED,
    MOVED,
    MOVED_CHANGED,
    REMOVED,
    RENAMED,
    Comparison,
    EntityChange,
)
from boconf.diff.impact import Figure, Shift
from boconf.formats.markdown_text import cell
from boconf.numbers import number, percent, signed
from boconf.rendering.change_chart import chart_size
from boconf.rendering.chart import Chart
from boconf.rendering.mermaid import to_mermaid

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
    shifts: list[Shift] = field(default_factory=list)
    chart: Chart | None = None  # the affected subtree (None: nothing to draw, or too large)
    title: str = ""  # e.g. the scenario's name


def _allocation(value: dict[str, Any]) -> str:
    """A sourcing allocation as people say it: ``bluewave-bpo at manila-vendor-site 70%``."""
    share = Decimal(str(value.get("share", 0)))
    text = f"{value.get('provider')}"
    if value.get("location"):
        text += f" at {value['location']}"
    text += f" {percent(share, 2)}"
    if value.get("contract"):
        text += f" ({value['contract']})"
    return text


def _value(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "(none)"
    if isinstance(value, list) and all(isinstance(v, dict) and "provider" in v for v in value):
        return ", ".join(_allocation(v) for v in value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return (
        json.dumps(value, ensure_ascii=False, sort_keys=True)
        if isinstance(value, list | dict)
        else str(value)
    )


def _finding(diagnostic: Diagnostic) -> str:
    return f"{diagnostic.location}: {diagnostic.severity}[{diagnostic.code}] {diagnostic.message}"


def _line(change: EntityChange) -> str:
    if change.change == RENAMED:
        return f"{change.kind} '{change.previous_id}' -> '{change.id}'"
    return f"{change.kind} '{change.id}'"


def text(result: DiffResult) -> str:
    changes = result.comparison.changes
    out = [f"boconf diff {result.base} -> {result.head}: {len(changes)} change(s)"]
    if result.title:
        out.append(result.title)
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
        f"  {f.name}: {number(f.before)} -> {number(f.after)} ({signed(f.delta)})" for f in moved
    ]
    out += [f"  {s.name}: {s.before} => {s.after}" for s in result.shifts]
    for title, found in (
        ("New lint findings", result.new_findings),
        ("Fixed lint findings", result.fixed_findings),
    ):
        out += ["", f"{title} ({len(found)})" if found else f"{title}: none"]
        out += [f"  {_finding(d)}" for d in found]
    return "\n".join(out) + "\n"


def markdown(result: DiffResult) -> str:
    out = [f"### boconf diff `{cell(result.base)}` -> `{cell(result.head)}`", ""]
    if result.title:
        out += [f"**{cell(result.title)}**", ""]
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
            f"| {f.name} | {number(f.before)} | {number(f.after)} | {signed(f.delta)} |"
            for f in moved
        ]
    out += [f"| {cell(s.name)} | {cell(s.before)} | {cell(s.after)} | |" for s in result.shifts]
    if result.chart is not None:
        out += ["", "```mermaid", to_mermaid(result.chart).rstrip("\n"), "```"]
    elif chart_size(result.comparison):
        out += ["", "_No chart: the change touches too many positions to draw in a comment._"]
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
    for title, found in (
        ("New lint findings", result.new_findings),
        ("Fixed lint findings", result.fixed_findings),
    ):
        if found:
            out += ["", f"#### {title}", ""]
            out += [f"- {cell(_finding(d))}" for d in found]
    return "\n".join(out) + "\n"


def as_json(result: DiffResult) -> str:
    document = {
        "version": 1,
        "base": result.base,
        "head": result.head,
        "title": result.title or None,
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
        "shifts": [{"name": s.name, "before": s.before, "after": s.after} for s in result.shifts],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


FORMATS = {"text": text, "markdown": markdown, "json": as_json}
