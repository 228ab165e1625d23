"""`boconf diff` in text, Markdown (a pull-request comment) and JSON, from one DiffResult."""

from __future__ import annotations

import json
import re
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
from boconf.i18n import N_, _, ngettext
from boconf.numbers import number, percent, signed
from boconf.rendering.change_chart import chart_size
from boconf.rendering.chart import Chart
from boconf.rendering.mermaid import to_mermaid

SECTIONS = (
    (REMOVED, N_("Removed")),
    (ADDED, N_("Added")),
    (MOVED, N_("Moved")),
    (MOVED_CHANGED, N_("Moved and changed")),
    (CHANGED, N_("Changed")),
    (RENAMED, N_("Renamed")),
)
KINDS = {
    "organisation": N_("organisation"),
    "location": N_("location"),
    "unit": N_("unit"),
    "position": N_("position"),
    "person": N_("person"),
    "vendor": N_("vendor"),
    "contract": N_("contract"),
}
NEW_FINDINGS, FIXED_FINDINGS = N_("New lint findings"), N_("Fixed lint findings")
# The impact's figures are named in English by boconf.diff.impact (the JSON keeps those names);
# shown, each is its message, the parts taken from the data (an office, a function, a currency)
# kept as written. The first pattern that matches names the figure.
FIGURES = (
    (re.compile(r"posts, (?P<office>\S+) office"), N_("posts, {office} office")),
    (re.compile(r"FTE, (?P<office>\S+) office"), N_("FTE, {office} office")),
    (re.compile(r"FTE, function (?P<function>.+)"), N_("FTE, function {function}")),
    (re.compile(r"vendor FTE \(outsourced\)"), N_("vendor FTE (outsourced)")),
    (re.compile(r"FTE, (?P<model>.+)"), N_("FTE, {model}")),
    (re.compile(r"annual cost \((?P<currency>.+)\)"), N_("annual cost ({currency})")),
    (re.compile(r"positions"), N_("positions")),
    (re.compile(r"reporting layers"), N_("reporting layers")),
    (re.compile(r"managers"), N_("managers")),
    (re.compile(r"widest span of control"), N_("widest span of control")),
    (
        re.compile(r"posts in the back-office head's line"),
        N_("posts in the back-office head's line"),
    ),
    (re.compile(r"back-office head's line"), N_("back-office head's line")),
)


def figure_name(name: str) -> str:
    """An impact figure's name in the run's language."""
    for pattern, message in FIGURES:
        found = pattern.fullmatch(name)
        if found:
            return _(message).format(**found.groupdict())
    return name


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
        text = _("{provider} at {location}").format(provider=text, location=value["location"])
    text += f" {percent(share, 2)}"
    if value.get("contract"):
        text += f" ({value['contract']})"
    return text


def _value(value: Any) -> str:
    if value is None or value == [] or value == "":
        return _("(none)")
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
        renamed = _("{kind} '{old}' -> '{new}'")
        return renamed.format(kind=_kind(change.kind), old=change.previous_id, new=change.id)
    return _("{kind} '{id}'").format(kind=_kind(change.kind), id=change.id)


def _kind(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def text(result: DiffResult) -> str:
    changes = result.comparison.changes
    count = ngettext(
        "boconf diff {base} -> {head}: {n} change(s)",
        "boconf diff {base} -> {head}: {n} change(s)",
        len(changes),
    )
    out = [count.format(base=result.base, head=result.head, n=len(changes))]
    if result.title:
        out.append(result.title)
    for change_kind, title in SECTIONS:
        items = result.comparison.of(change_kind)
        if not items:
            continue
        out += ["", f"{_(title)} ({len(items)})"]
        for change in items:
            out.append(f"  {_line(change)}")
            out += [f"      {f.field}: {_value(f.old)} -> {_value(f.new)}" for f in change.fields]
    moved = [f for f in result.figures if f.delta]
    out += ["", _("Impact") if moved else _("Impact: no figure changed")]
    out += [
        f"  {figure_name(f.name)}: {number(f.before)} -> {number(f.after)} ({signed(f.delta)})"
        for f in moved
    ]
    out += [f"  {figure_name(s.name)}: {s.before} => {s.after}" for s in result.shifts]
    for title, found in (
        (NEW_FINDINGS, result.new_findings),
        (FIXED_FINDINGS, result.fixed_findings),
    ):
        heading = _(title)
        out += [
            "",
            f"{heading} ({len(found)})" if found else _("{title}: none").format(title=heading),
        ]
        out += [f"  {_finding(d)}" for d in found]
    return "\n".join(out) + "\n"


def markdown(result: DiffResult) -> str:
    out = [f"### boconf diff `{cell(result.base)}` -> `{cell(result.head)}`", ""]
    if result.title:
        out += [f"**{cell(result.title)}**", ""]
    out += ["| | " + _("count") + " |", "| --- | ---: |"]
    out += [f"| {_(title)} | {len(result.comparison.of(kind))} |" for kind, title in SECTIONS]
    out += [
        f"| {_(NEW_FINDINGS)} | {len(result.new_findings)} |",
        f"| {_(FIXED_FINDINGS)} | {len(result.fixed_findings)} |",
    ]
    moved = [f for f in result.figures if f.delta]
    if moved:
        out += ["", _("| impact | before | after | change |"), "| --- | ---: | ---: | ---: |"]
        out += [
            f"| {cell(figure_name(f.name))} | {number(f.before)} | {number(f.after)} "
            f"| {signed(f.delta)} |"
            for f in moved
        ]
    out += [
        f"| {cell(figure_name(s.name))} | {cell(s.before)} | {cell(s.after)} | |"
        for s in result.shifts
    ]
    if result.chart is not None:
        out += ["", "```mermaid", to_mermaid(result.chart).rstrip("\n"), "```"]
    elif chart_size(result.comparison):
        too_many = _("No chart: the change touches too many positions to draw in a comment.")
        out += ["", f"_{too_many}_"]
    for change_kind, title in SECTIONS:
        items = result.comparison.of(change_kind)
        if not items:
            continue
        out += ["", f"#### {_(title)}", ""]
        for change in items:
            out.append(f"- {cell(_line(change))}")
            out += [
                f"  - `{f.field}`: {cell(_value(f.old))} -> {cell(_value(f.new))}"
                for f in change.fields
            ]
    for title, found in (
        (NEW_FINDINGS, result.new_findings),
        (FIXED_FINDINGS, result.fixed_findings),
    ):
        if found:
            out += ["", f"#### {_(title)}", ""]
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
