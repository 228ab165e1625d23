"""`boconf report cost` in four formats, all from one CostReport."""

from __future__ import annotations

import csv
import io
import json

from boconf.economics.cost import DIMENSIONS, FORMULA, VENDOR_FTE, CostComparison, CostReport
from boconf.formats.markdown_text import cell
from boconf.numbers import fte, money, signed, signed_money

TITLES = {
    "unit": "By unit",
    "function": "By function",
    "office": "By office",
    "location": "By location",
    "vendor": "By provider",
    "model": "By sourcing model",
}


def headline(report: CostReport) -> str:
    """``EUR 5,767,600.00 for 98.8 FTE of own staff and 6.77 FTE of vendor work``."""
    own = f"{fte(report.own_fte)} FTE of own staff"
    if not report.vendor_fte:
        return f"{money(report.total, report.currency)} for {own}"
    return f"{money(report.total, report.currency)} for {own} and {fte(report.vendor_fte)} FTE of vendor work"


def text(report: CostReport) -> str:
    out = [f"Annual cost: {headline(report)}", f"({FORMULA};", f" {VENDOR_FTE})"]
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
    if report.unknown_fte:
        out += ["", "Vendor FTE not known (counted as 0)"]
        out += [f"  {item}" for item in report.unknown_fte]
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
        f"**{headline(report)}**.",
        "",
        f"_{FORMULA}; {VENDOR_FTE}_",
    ]
    for dimension in DIMENSIONS:
        out += ["", f"## {TITLES[dimension]}", "", "| | FTE | cost |", "| --- | ---: | ---: |"]
        out += [
            f"| {cell(key)} | {fte(f)} | {money(c, report.currency)} |"
            for key, f, c in report.by(dimension)
        ]
    out += ["", "## Missing cost data", ""]
    out += [f"- {cell(item)}" for item in report.missing] or ["None."]
    if report.unknown_fte:
        out += ["", "## Vendor FTE not known (counted as 0)", ""]
        out += [f"- {cell(item)}" for item in report.unknown_fte]
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
        "vendor_fte": VENDOR_FTE,
        "total": str(report.total),
        "fte": str(report.fte),
        "own_fte": str(report.own_fte),
        "vendor_fte_total": str(report.vendor_fte),
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
                "fte_basis": line.basis.value,
                "cost": None if line.cost is None else str(line.cost),
            }
            for line in report.lines
        ],
        "missing": report.missing,
        "unknown_fte": report.unknown_fte,
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
            "fte_basis",
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
                line.basis.value,
                "" if line.cost is None else line.cost,
            ]
        )
    return buffer.getvalue()


FORMATS = {"text": text, "markdown": markdown, "json": as_json, "csv": as_csv}


def _verdict(comparison: CostComparison) -> str:
    change, currency = comparison.change, comparison.base.currency
    if change < 0:
        return f"saves {money(-change, currency)} a year"
    if change > 0:
        return f"costs {money(change, currency)} more a year"
    return "does not change the annual cost"


def comparison_text(comparison: CostComparison) -> str:
    base, scenario, currency = comparison.base, comparison.scenario, comparison.base.currency
    out = [
        f"Scenario '{comparison.name}' {_verdict(comparison)}",
        f"  {'':8}  {'annual cost':>18}  {'own FTE':>8}  {'vendor FTE':>10}",
        f"  base      {money(base.total, currency):>18}  {fte(base.own_fte):>8}  "
        f"{fte(base.vendor_fte):>10}",
        f"  scenario  {money(scenario.total, currency):>18}  {fte(scenario.own_fte):>8}  "
        f"{fte(scenario.vendor_fte):>10}",
        f"  change    {signed_money(comparison.change, currency):>18}  "
        f"{signed(scenario.own_fte - base.own_fte):>8}  "
        f"{signed(scenario.vendor_fte - base.vendor_fte):>10}",
    ]
    for dimension in DIMENSIONS:
        rows = comparison.deltas(dimension)
        if not rows:
            continue
        width = max(len(row.key) for row in rows)
        out += ["", f"{TITLES[dimension]}: what changes"]
        out += [
            f"  {r.key:<{width}}  {money(r.base_cost, currency):>16} -> "
            f"{money(r.cost, currency):>16}  {signed_money(r.change, currency):>16}"
            for r in rows
        ]
    out += ["", "The scenario in full:", ""]
    return "\n".join(out) + "\n" + text(scenario)


def comparison_markdown(comparison: CostComparison) -> str:
    base, scenario, currency = comparison.base, comparison.scenario, comparison.base.currency
    out = [
        f"# Scenario '{cell(comparison.name)}': {_verdict(comparison)}",
        "",
        "| | annual cost | own FTE | vendor FTE |",
        "| --- | ---: | ---: | ---: |",
        f"| base | {money(base.total, currency)} | {fte(base.own_fte)} | {fte(base.vendor_fte)} |",
        f"| scenario | {money(scenario.total, currency)} | {fte(scenario.own_fte)} "
        f"| {fte(scenario.vendor_fte)} |",
        f"| change | {signed_money(comparison.change, currency)} "
        f"| {signed(scenario.own_fte - base.own_fte)} "
        f"| {signed(scenario.vendor_fte - base.vendor_fte)} |",
    ]
    for dimension in DIMENSIONS:
        rows = comparison.deltas(dimension)
        if not rows:
            continue
        out += [
            "",
            f"## {TITLES[dimension]}: what changes",
            "",
            "| | base | scenario | change |",
            "| --- | ---: | ---: | ---: |",
        ]
        out += [
            f"| {cell(r.key)} | {money(r.base_cost, currency)} | {money(r.cost, currency)} "
            f"| {signed_money(r.change, currency)} |"
            for r in rows
        ]
    return (
        "\n".join(out)
        + "\n\n"
        + markdown(scenario).replace("# Annual cost", "# The scenario in full", 1)
    )


def comparison_json(comparison: CostComparison) -> str:
    document = {
        "version": 1,
        "scenario": comparison.name,
        "currency": comparison.base.currency,
        "base_total": str(comparison.base.total),
        "scenario_total": str(comparison.scenario.total),
        "change": str(comparison.change),
        "deltas": {
            d: [
                {
                    "key": r.key,
                    "base_fte": str(r.base_fte),
                    "base_cost": str(r.base_cost),
                    "fte": str(r.fte),
                    "cost": str(r.cost),
                    "change": str(r.change),
                }
                for r in comparison.deltas(d)
            ]
            for d in DIMENSIONS
        },
        "report": json.loads(as_json(comparison.scenario)),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def comparison_csv(comparison: CostComparison) -> str:
    """One row per dimension key whose FTE or cost changes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    currency = comparison.base.currency
    writer.writerow(
        [
            "dimension",
            "key",
            "base_fte",
            f"base_cost_{currency}",
            "fte",
            f"cost_{currency}",
            f"change_{currency}",
        ]
    )
    for dimension in DIMENSIONS:
        for r in comparison.deltas(dimension):
            writer.writerow([dimension, r.key, r.base_fte, r.base_cost, r.fte, r.cost, r.change])
    return buffer.getvalue()


COMPARISON_FORMATS = {
    "text": comparison_text,
    "markdown": comparison_markdown,
    "json": comparison_json,
    "csv": comparison_csv,
}
