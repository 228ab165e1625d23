"""`boconf report cost` in four formats, all from one CostReport."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from boconf.economics.cost import DIMENSIONS, FORMULA, CostReport
from boconf.reporting.markdown_text import cell

TITLES = {
    "unit": "By unit",
    "function": "By function",
    "office": "By office",
    "location": "By location",
    "vendor": "By provider",
    "model": "By sourcing model",
}


def money(value: Decimal, currency: str) -> str:
    return f"{currency} {value:,.2f}"


def fte(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def text(report: CostReport) -> str:
    out = [
        f"Annual cost: {money(report.total, report.currency)} for {fte(report.fte)} FTE",
        f"({FORMULA})",
    ]
    for dimension in DIMENSIONS:
        rows = report.by(dimension)
        width = max(len(key) for key, _, _ in rows)
        out += ["", TITLES[dimension]]
        out += [
            f"  {key:<{width}}  {fte(f):>8} FTE  {money(c, report.currency):>18}"
            for key, f, c in rows
        ]
    out += ["", "Missing cost data" if report.missing else "Missing cost data: none"]
    out += [f"  {item}" for item in report.missing]
    out += ["", f"Contract calendar ({report.reference_date} + {report.horizon_days} days)"]
    out += [
        f"  {e.date}  {e.event:<15} {e.contract} ({e.vendor}), {_days(e.days)}"
        for e in report.calendar
    ] or ["  nothing"]
    return "\n".join(out) + "\n"


def _days(days: int) -> str:
    return "today" if days == 0 else (f"in {days} days" if days > 0 else f"{-days} days ago")


def markdown(report: CostReport) -> str:
    out = [
        "# Annual cost",
        "",
        f"**{money(report.total, report.currency)}** for {fte(report.fte)} FTE.",
        "",
        f"_{FORMULA}_",
    ]
    for dimension in DIMENSIONS:
        out += ["", f"## {TITLES[dimension]}", "", "| | FTE | cost |", "| --- | ---: | ---: |"]
        out += [
            f"| {cell(key)} | {fte(f)} | {money(c, report.currency)} |"
            for key, f, c in report.by(dimension)
        ]
    out += ["", "## Missing cost data", ""]
    out += [f"- {cell(item)}" for item in report.missing] or ["None."]
    out += ["", f"## Contract calendar ({report.reference_date} + {report.horizon_days} days)", ""]
    if report.calendar:
        out += ["| date | event | contract | vendor | when |", "| --- | --- | --- | --- | --- |"]
        out += [
            f"| {e.date} | {e.event} | {cell(e.contract)} | {cell(e.vendor)} | {_days(e.days)} |"
            for e in report.calendar
        ]
    else:
        out.append("Nothing.")
    return "\n".join(out) + "\n"


def as_json(report: CostReport) -> str:
    document = {
        "version": 1,
        "currency": report.currency,
        "formula": FORMULA,
        "total": str(report.total),
        "fte": str(report.fte),
        "by": {
            d: [{"key": k, "fte": str(f), "cost": str(c)} for k, f, c in report.by(d)]
            for d in DIMENSIONS
        },
        "lines": [
            {
                "unit": line.unit,
                "function": line.function,
                "office": line.office,
                "model": line.model,
                "provider": line.provider,
                "location": line.location,
                "contract": line.contract,
                "fte": str(line.fte),
                "cost": None if line.cost is None else str(line.cost),
            }
            for line in report.lines
        ],
        "missing": report.missing,
        "calendar": [
            {
                "date": str(e.date),
                "event": e.event,
                "contract": e.contract,
                "vendor": e.vendor,
                "days": e.days,
            }
            for e in report.calendar
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def as_csv(report: CostReport) -> str:
    """One row per allocation (and per contract no unit uses); costs empty when unpriced."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "unit",
            "function",
            "office",
            "model",
            "provider",
            "location",
            "contract",
            "fte",
            f"cost_{report.currency}",
        ]
    )
    for line in report.lines:
        writer.writerow(
            [
                line.unit,
                line.function,
                line.office,
                line.model,
                line.provider,
                line.location,
                line.contract,
                line.fte,
                "" if line.cost is None else line.cost,
            ]
        )
    return buffer.getvalue()


FORMATS = {"text": text, "markdown": markdown, "json": as_json, "csv": as_csv}
