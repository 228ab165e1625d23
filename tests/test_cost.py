"""`boconf report cost`: exact arithmetic against a hand calculation on the minimal org.

By hand (tests/fixtures/minimal-org): hq costs 60,000 per FTE; manila gives no cost.
- exec: ceo + coo, 2 FTE in-house at hq (inherited from the headquarters) = 120,000
- sales: sales-head 1 + sales-rep 3 posts = 4 FTE at hq = 240,000
- it: it-head 1 FTE; 60% in-house at hq = 0.6 x 60,000 = 36,000; 40% helpco under contract
  helpco-desk, whose 120,000 it alone uses = 120,000
- total 516,000 for 7 FTE; in-house 6.6 FTE 396,000; outsourced 0.4 FTE 120,000.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from boconf import load_organisation
from boconf.economics.cost import CostReport, cost_report
from boconf.graph.structure import build_structure

from .conftest import MINIMAL_ORG, REPO, Run

DATE = dt.date(2026, 1, 1)


def report_for(root: Path, horizon: int = 365) -> CostReport:
    tree = load_organisation(root).tree
    assert tree is not None
    return cost_report(build_structure(tree), DATE, horizon)


def test_hand_calculation(org: Callable[..., Path]) -> None:
    report = report_for(org())
    assert report.total == Decimal("516000.00")
    assert report.fte == Decimal("7.0")
    assert report.by("unit") == [
        ("sales", Decimal(4), Decimal("240000.00")),
        ("it", Decimal("1.0"), Decimal("156000.00")),
        ("exec", Decimal(2), Decimal("120000.00")),
    ]
    assert report.by("model") == [
        ("in_house", Decimal("6.6"), Decimal("396000.00")),
        ("outsourced", Decimal("0.4"), Decimal("120000")),
    ]
    assert {k: c for k, _, c in report.by("vendor")} == {
        "(own staff)": Decimal("396000.00"),
        "helpco": Decimal("120000"),
    }
    assert report.missing == []
    assert report.calendar == []  # helpco-desk ends 2027-12-31, beyond 365 days


def test_contract_attribution_is_exact_and_unpriced_work_is_listed(
    org: Callable[..., Path],
) -> None:
    # helpco-desk (120,000) now serves three units by FTE 1 : 1 : 1 -> 40,000 each, exactly,
    # even though 120,000 / 3 units of odd FTE would not divide evenly in cents.
    shared = """\
apiVersion: boconf/v1
kind: Unit
id: {id}
name: {id}
office: back
function: it_support
parent: exec
sourcing:
  - provider: helpco
    share: 1
    contract: helpco-desk
positions:
  - id: {id}-post
    title: Analyst
    reports_to: coo
    fte: {fte}
"""
    vendors = MINIMAL_ORG["vendors/helpco.yaml"].replace(
        "annual_cost: 120000", "annual_cost: 100000"
    )
    root = org(
        units__a_yaml=shared.format(id="a", fte="0.3"),
        units__b_yaml=shared.format(id="b", fte="0.3"),
        units__c_yaml=shared.format(id="c", fte="0.3"),
        vendors__helpco_yaml=vendors,
        units__it_yaml=MINIMAL_ORG["units/it.yaml"].replace("    contract: helpco-desk\n", ""),
        locations_yaml=MINIMAL_ORG["locations.yaml"].replace("annual_cost_per_fte: 60000\n", ""),
    )
    report = report_for(root)
    contract = sorted(line.cost for line in report.lines if line.contract == "helpco-desk")
    assert contract == [Decimal("33333.33"), Decimal("33333.33"), Decimal("33333.34")]
    assert sum(contract) == Decimal("100000")
    assert report.total == Decimal("100000")  # own staff are unpriced now, not counted as zero
    assert report.missing == [
        "unit 'it': 0.4 FTE from vendor 'helpco' under no contract: unpriced",
        "location 'hq' has no annual_cost_per_fte: 6.6 FTE of own staff unpriced",
    ]


def test_contract_calendar_and_unused_contracts(org: Callable[..., Path]) -> None:
    report = report_for(org(), horizon=730)
    assert [(str(e.date), e.event, e.days) for e in report.calendar] == [
        ("2027-10-02", "notice deadline", 639),
        ("2027-12-31", "ends", 729),
    ]


def test_formats(org: Callable[..., Path], boconf: Callable[..., Run], tmp_path: Path) -> None:
    root = org()
    args = ("report", "cost", "org", "--reference-date", "2026-01-01")
    text = boconf(*args, cwd=root.parent)
    assert text.code == 0
    assert text.lines[0] == "Annual cost: EUR 516,000.00 for 7 FTE"
    assert "FTE x the annual cost per FTE of the location" in text.lines[1]
    document = json.loads(boconf(*args, "--format", "json", cwd=root.parent).out)
    assert document["total"] == "516000.00" and document["currency"] == "EUR"
    rows = list(csv.DictReader(io.StringIO(boconf(*args, "--format", "csv", cwd=root.parent).out)))
    assert sum(Decimal(row["cost_EUR"]) for row in rows) == Decimal("516000.00")
    markdown = boconf(*args, "--format", "markdown", cwd=root.parent).out
    assert (
        "**EUR 516,000.00** for 7 FTE." in markdown
        and "| in_house | 6.6 | EUR 396,000.00 |" in markdown
    )
    inside = boconf(*args, "-o", "org/cost.txt", cwd=root.parent)
    assert inside.code == 2 and not (root / "cost.txt").exists()


def test_the_example_matches_the_site(boconf: Callable[..., Run]) -> None:
    run = boconf(
        "report", "cost", "org", "--format", "json", "--reference-date", "2026-11-26", cwd=REPO
    )
    document = json.loads(run.out)
    # own staff 5,307,200 (checked line by line below) + contracts 188,000
    own = sum(Decimal(line["cost"]) for line in document["lines"] if line["provider"] == "in_house")
    contracts = sum(
        Decimal(line["cost"]) for line in document["lines"] if line["provider"] != "in_house"
    )
    assert (own, contracts) == (Decimal("5307200.00"), Decimal("188000"))
    assert document["total"] == "5495200.00"
