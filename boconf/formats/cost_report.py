"""`boconf report cost` in four formats, all from one CostReport."""

from __future__ import annotations

import csv
import io
import json

from boconf import numbers
from boconf.economics.cost import (
    DIMENSIONS,
    FORMULA,
    NOT_GIVEN,
    OWN_STAFF,
    VENDOR_FTE,
    CostComparison,
    CostReport,
)
from boconf.formats.markdown_text import cell
from boconf.i18n import N_, _, ngettext
from boconf.numbers import fte, money, signed, signed_money

TITLES = {
    "unit": N_("By unit"),
    "function": N_("By function"),
    "office": N_("By office"),
    "location": N_("By location"),
    "vendor": N_("By provider"),
    "model": N_("By sourcing model"),
}
# The calendar's events as the economics module names them.
EVENTS = {"ends": N_("ends"), "notice deadline": N_("notice deadline")}


def _key(key: str) -> str:
    """A row's key: an id as written, or one of boconf's own labels, translated."""
    return _(key) if key in (NOT_GIVEN, OWN_STAFF) else key


def headline(report: CostReport) -> str:
    """``EUR 5,767,600.00 for 98.8 FTE of own staff and 6.77 FTE of vendor work``."""
    total = money(report.total, report.currency)
    if not report.vendor_fte:
        return _("{total} for {own} FTE of own staff").format(total=total, own=fte(report.own_fte))
    return _("{total} for {own} FTE of own staff and {vendor} FTE of vendor work").format(
        total=total, own=fte(report.own_fte), vendor=fte(report.vendor_fte)
    )


def text(report: CostReport) -> str:
    out = [
        _("Annual cost: {headline}").format(headline=headline(report)),
        f"({_(FORMULA)};",
        f" {_(VENDOR_FTE)})",
    ]
    for dimension in DIMENSIONS:
        rows = [(_key(key), f, c) for key, f, c in report.by(dimension)]
        width = max(len(key) for key, _fte, _cost in rows)
        out += ["", _(TITLES[dimension])]
        out += [
            f"  {key:<{width}}  {fte(f):>8} FTE  {money(c, report.currency):>18}"
            for key, f, c in rows
        ]
    out += ["", _("Missing cost data") if report.missing else _("Missing cost data: none")]
    out += [f"  {item}" for item in report.missing]
    if report.unknown_fte:
        out += ["", _("Vendor FTE not known (counted as 0)")]
        out += [f"  {item}" for item in report.unknown_fte]
    out += ["", _calendar_title(report)]
    # Dates in the language's prose form (ISO in English) have different widths: aligned.
    dates = [numbers.date(e.date) for e in report.calendar]
    width = max(map(len, dates), default=0)
    events = [_(EVENTS[e.event]) for e in report.calendar]
    event_width = max(15, *map(len, events)) if events else 15  # 15: English's longest
    out += [
        f"  {day:<{width}}  {event:<{event_width}} {e.contract} ({e.vendor}), {_days(e.days)}"
        for day, event, e in zip(dates, events, report.calendar, strict=True)
    ] or ["  " + _("nothing")]
    return "\n".join(out) + "\n"


def _calendar_title(report: CostReport) -> str:
    return ngettext(
        "Contract calendar ({date} + {n} day)",
        "Contract calendar ({date} + {n} days)",
        report.horizon_days,
    ).format(date=numbers.date(report.reference_date), n=report.horizon_days)


def _days(days: int) -> str:
    if days == 0:
        return _("today")
    if days > 0:
        return ngettext("in {n} day", "in {n} days", days).format(n=days)
    return ngettext("{n} day ago", "{n} days ago", -days).format(n=-days)


def markdown(report: CostReport) -> str:
    out = [
        "# " + _("Annual cost"),
        "",
        f"**{headline(report)}**.",
        "",
        f"_{_(FORMULA)}; {_(VENDOR_FTE)}_",
    ]
    for dimension in DIMENSIONS:
        header = "| | FTE | " + _("cost") + " |"
        out += ["", f"## {_(TITLES[dimension])}", "", header, "| --- | ---: | ---: |"]
        out += [
            f"| {cell(_key(key))} | {fte(f)} | {money(c, report.currency)} |"
            for key, f, c in report.by(dimension)
        ]
    out += ["", "## " + _("Missing cost data"), ""]
    out += [f"- {cell(item)}" for item in report.missing] or [_("None.")]
    if report.unknown_fte:
        out += ["", "## " + _("Vendor FTE not known (counted as 0)"), ""]
        out += [f"- {cell(item)}" for item in report.unknown_fte]
    out += ["", "## " + _calendar_title(report), ""]
    if report.calendar:
        out += [_("| date | event | contract | vendor | when |"), "| --- | --- | --- | --- | --- |"]
        out += [
            f"| {numbers.date(e.date)} | {_(EVENTS[e.event])} | {cell(e.contract)} "
            f"| {cell(e.vendor)} | {_days(e.days)} |"
            for e in report.calendar
        ]
    else:
        out.append(_("Nothing."))
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
        return _("saves {amount} a year").format(amount=money(-change, currency))
    if change > 0:
        return _("costs {amount} more a year").format(amount=money(change, currency))
    return _("does not change the annual cost")


def comparison_text(comparison: CostComparison) -> str:
    base, scenario, currency = comparison.base, comparison.scenario, comparison.base.currency
    table = [
        ("", _("annual cost"), _("own FTE"), _("vendor FTE")),
        (_("base"), money(base.total, currency), fte(base.own_fte), fte(base.vendor_fte)),
        (
            _("scenario"),
            money(scenario.total, currency),
            fte(scenario.own_fte),
            fte(scenario.vendor_fte),
        ),
        (
            _("change"),
            signed_money(comparison.change, currency),
            signed(scenario.own_fte - base.own_fte),
            signed(scenario.vendor_fte - base.vendor_fte),
        ),
    ]
    # The labels' column as wide as its longest label (English: "scenario", 8); the headings'
    # at least as wide as English's columns, so that English output stays as it was.
    label = max(len(row[0]) for row in table)
    own, vendor = max(8, len(table[0][2])), max(10, len(table[0][3]))
    verdict = _("Scenario '{name}' {verdict}")
    out = [verdict.format(name=comparison.name, verdict=_verdict(comparison))]
    out += [f"  {a:<{label}}  {b:>18}  {c:>{own}}  {d:>{vendor}}" for a, b, c, d in table]
    for dimension in DIMENSIONS:
        rows = comparison.deltas(dimension)
        if not rows:
            continue
        width = max(len(_key(row.key)) for row in rows)
        out += ["", _("{title}: what changes").format(title=_(TITLES[dimension]))]
        out += [
            f"  {_key(r.key):<{width}}  {money(r.base_cost, currency):>16} -> "
            f"{money(r.cost, currency):>16}  {signed_money(r.change, currency):>16}"
            for r in rows
        ]
    out += ["", _("The scenario in full:"), ""]
    return "\n".join(out) + "\n" + text(scenario)


def comparison_markdown(comparison: CostComparison) -> str:
    base, scenario, currency = comparison.base, comparison.scenario, comparison.base.currency
    out = [
        "# "
        + _("Scenario '{name}': {verdict}").format(
            name=cell(comparison.name), verdict=_verdict(comparison)
        ),
        "",
        "| | {} | {} | {} |".format(_("annual cost"), _("own FTE"), _("vendor FTE")),
        "| --- | ---: | ---: | ---: |",
        f"| {_('base')} | {money(base.total, currency)} | {fte(base.own_fte)} "
        f"| {fte(base.vendor_fte)} |",
        f"| {_('scenario')} | {money(scenario.total, currency)} | {fte(scenario.own_fte)} "
        f"| {fte(scenario.vendor_fte)} |",
        f"| {_('change')} | {signed_money(comparison.change, currency)} "
        f"| {signed(scenario.own_fte - base.own_fte)} "
        f"| {signed(scenario.vendor_fte - base.vendor_fte)} |",
    ]
    for dimension in DIMENSIONS:
        rows = comparison.deltas(dimension)
        if not rows:
            continue
        out += [
            "",
            "## " + _("{title}: what changes").format(title=_(TITLES[dimension])),
            "",
            "| | {} | {} | {} |".format(_("base"), _("scenario"), _("change")),
            "| --- | ---: | ---: | ---: |",
        ]
        out += [
            f"| {cell(_key(r.key))} | {money(r.base_cost, currency)} | {money(r.cost, currency)} "
            f"| {signed_money(r.change, currency)} |"
            for r in rows
        ]
    return (
        "\n".join(out)
        + "\n\n"
        + markdown(scenario).replace("# " + _("Annual cost"), "# " + _("The scenario in full"), 1)
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
