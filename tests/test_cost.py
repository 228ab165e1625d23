"""`boconf report cost`: exact arithmetic against a hand calculation on the minimal org.

By hand (tests/fixtures/minimal-org): hq costs 60,000 per FTE; manila gives no cost.
- exec: ceo + coo, 2 FTE in-house at hq (inherited from the headquarters) = 120,000
- sales: sales-head 1 + sales-rep 3 posts = 4 FTE at hq = 240,000
- it: it-head is own staff: 1 FTE at hq = 60,000, whatever the shares say. The shares split
  the work: the 1 own FTE do the 60% in-house, so helpco's 40% is 1 x 0.4 / 0.6 = 0.67
  FTE-equivalent, under contract helpco-desk, whose 120,000 it alone uses = 120,000
- total 540,000 for 7 own FTE and 0.67 vendor FTE; in-house 7 FTE 420,000; outsourced 0.67
  FTE 120,000.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

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
    assert report.total == Decimal("540000.00")
    assert (report.own_fte, report.vendor_fte) == (Decimal(7), Decimal("0.67"))
    assert report.by("unit") == [
        ("sales", Decimal(4), Decimal("240000.00")),
        ("it", Decimal("1.67"), Decimal("180000.00")),
        ("exec", Decimal(2), Decimal("120000.00")),
    ]
    assert report.by("model") == [
        ("in_house", Decimal(7), Decimal("420000.00")),
        ("outsourced", Decimal("0.67"), Decimal("120000")),
    ]
    assert {k: c for k, _, c in report.by("vendor")} == {
        "(own staff)": Decimal("420000.00"),
        "helpco": Decimal("120000"),
    }
    it = [(line.provider, line.location, line.fte, line.basis.value) for line in report.lines]
    assert ("in_house", "hq", Decimal(1), "posts") in it
    assert ("helpco", "manila", Decimal("0.67"), "derived") in it
    assert report.missing == [] and report.unknown_fte == []
    assert report.calendar == []  # helpco-desk ends 2027-12-31, beyond 365 days


def test_contract_attribution_is_exact_and_unpriced_work_is_listed(
    org: Callable[..., Path],
) -> None:
    # helpco-desk (100,000) now serves three fully outsourced units by their contracted FTE,
    # 1.5 : 1.5 : 1.5: a third each, exactly, although 100,000 / 3 does not divide in cents.
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
    fte: 1.5
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
        "unit 'it': work of vendor 'helpco' (40% of the unit's work) under no contract: unpriced",
        # 2 exec + 4 sales + 1 it + 3 x 0.3 (the posts that manage helpco in a, b and c)
        "location 'hq' has no annual_cost_per_fte: 7.9 FTE of own staff unpriced",
    ]
    assert report.vendor_fte == Decimal("5.17")  # 3 x 1.5 contracted + it's 0.67 derived


def test_vendor_fte_that_cannot_be_derived_is_said(org: Callable[..., Path]) -> None:
    # A fully outsourced unit whose allocation gives no fte: no in-house share to derive from.
    root = org(
        units__it_yaml=MINIMAL_ORG["units/it.yaml"]
        .replace("    share: 0.6\n", "    share: 0.6\n", 1)
        .replace("  - provider: in_house\n    location: hq\n    share: 0.6\n", "")
        .replace("    share: 0.4\n", "    share: 1\n")
    )
    report = report_for(root)
    [line] = [line for line in report.lines if line.provider == "helpco"]
    assert (line.fte, line.basis.value, line.cost) == (Decimal(0), "unknown", Decimal("120000"))
    assert report.unknown_fte == [
        "unit 'it': the FTE of vendor 'helpco''s work are not known: the unit has no in-house "
        "share to derive them from; give the allocation's 'fte' (contracted seats)"
    ]
    # The post that manages the vendor is still own staff, costed once at hq.
    assert ("in_house", Decimal("60000.00")) in [
        (line.provider, line.cost) for line in report.lines if line.unit == "it"
    ]


def test_an_own_allocation_cannot_give_fte(org: Callable[..., Path]) -> None:
    root = org(
        units__it_yaml=MINIMAL_ORG["units/it.yaml"].replace(
            "    share: 0.6\n", "    share: 0.6\n    fte: 3\n"
        )
    )
    diagnostics = load_organisation(root).diagnostics
    assert [(d.code, d.line, d.column, d.message, d.hint) for d in diagnostics] == [
        (
            "BO036",
            14,  # sourcing[0]'s fte: line
            10,
            "unit 'it' -> sourcing[0].fte: own staff's FTE come from the unit's posts "
            "(headcount x fte), not from an allocation",
            "remove 'fte:' here; 'fte:' on an allocation is for a vendor's contracted seats",
        )
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
    assert text.lines[0] == (
        "Annual cost: EUR 540,000.00 for 7 FTE of own staff and 0.67 FTE of vendor work"
    )
    assert (
        "each post's FTE x its own annual_cost_per_fte when it has one, else the annual cost "
        "per FTE of the location" in text.lines[1]
    )
    assert "the unit's own FTE x the vendor's share / the in-house share" in text.lines[2]
    document = json.loads(boconf(*args, "--format", "json", cwd=root.parent).out)
    assert document["total"] == "540000.00" and document["currency"] == "EUR"
    assert (document["own_fte"], document["vendor_fte_total"]) == ("7", "0.67")
    rows = list(csv.DictReader(io.StringIO(boconf(*args, "--format", "csv", cwd=root.parent).out)))
    assert sum(Decimal(row["cost_EUR"]) for row in rows) == Decimal("540000.00")
    assert {row["fte_basis"] for row in rows} == {"posts", "derived"}
    markdown = boconf(*args, "--format", "markdown", cwd=root.parent).out
    assert (
        "**EUR 540,000.00 for 7 FTE of own staff and 0.67 FTE of vendor work**." in markdown
        and "| in_house | 7 | EUR 420,000.00 |" in markdown
    )
    inside = boconf(*args, "-o", "org/cost.txt", cwd=root.parent)
    assert inside.code == 2 and not (root / "cost.txt").exists()


def test_the_example_matches_the_site(boconf: Callable[..., Run]) -> None:
    run = boconf(
        "report", "cost", "org", "--format", "json", "--reference-date", "2026-11-26", cwd=REPO
    )
    document = json.loads(run.out)
    own = sum(Decimal(line["cost"]) for line in document["lines"] if line["provider"] == "in_house")
    contracts = sum(
        Decimal(line["cost"]) for line in document["lines"] if line["provider"] != "in_house"
    )
    # Own staff: every post at its location's rate, recomputed from the files below.
    assert (own, contracts) == (_own_staff_by_hand(), Decimal("188000"))
    assert (own, contracts) == (Decimal("5579600.00"), Decimal("188000"))
    assert document["total"] == "5767600.00"


def _yaml_documents() -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = []
    for path in sorted((REPO / "org").rglob("*.yaml")):
        if "scenarios" not in path.parts and not path.name.startswith("."):  # not .boconf.yaml
            documents.extend(yaml.safe_load_all(path.read_text(encoding="utf-8")))
    return documents


def _own_staff_by_hand() -> Decimal:
    """Each post's headcount x fte x the rate where it works (its location, else its unit's,
    else the unit's parent's..., else the headquarters), from the YAML alone."""
    documents = _yaml_documents()
    rate = {
        d["id"]: Decimal(d["annual_cost_per_fte"]) for d in documents if d["kind"] == "Location"
    }
    [organisation] = [d for d in documents if d["kind"] == "Organisation"]
    units = {d["id"]: d for d in documents if d["kind"] == "Unit"}

    def unit_place(unit_id: str) -> str:
        unit = units[unit_id]
        if "location" in unit:
            return str(unit["location"])
        return unit_place(unit["parent"]) if "parent" in unit else organisation["headquarters"]

    total = Decimal(0)
    for unit_id, unit in units.items():
        for post in unit.get("positions", []):
            where = post.get("location") or unit_place(unit_id)
            fte = Decimal(str(post.get("fte", 1))) * post.get("headcount", 1)
            total += fte * rate[where]
    return total


def test_the_service_desk_by_hand(boconf: Callable[..., Run]) -> None:
    """The issue's figure: the service desk's own posts are three in Milano (62,000 per FTE)
    and one in Roma (56,000), whatever the 45% + 15% in-house shares; BlueWave's contract
    (96,000) is the 40% outsourced. 3 x 62,000 + 56,000 + 96,000 = 338,000."""
    documents = _yaml_documents()
    [desk] = [d for d in documents if d["kind"] == "Unit" and d["id"] == "service-desk"]
    rate = {
        d["id"]: Decimal(d["annual_cost_per_fte"]) for d in documents if d["kind"] == "Location"
    }
    places = [post.get("location", "milano-hq") for post in desk["positions"]]
    assert sorted(places) == ["milano-hq", "milano-hq", "milano-hq", "roma-office"]
    [bluewave] = [d for d in documents if d["kind"] == "Vendor" and d["id"] == "bluewave-bpo"]
    contract = Decimal(bluewave["contracts"][0]["annual_cost"])
    by_hand = sum((rate[p] for p in places), Decimal(0)) + contract
    assert by_hand == Decimal(338000)

    run = boconf("report", "cost", "org", "--format", "csv", cwd=REPO)
    rows = [row for row in csv.DictReader(io.StringIO(run.out)) if row["unit"] == "service-desk"]
    assert sum(Decimal(row["cost_EUR"]) for row in rows) == by_hand
    assert [
        (r["provider"], r["location"], r["fte"], r["fte_basis"], r["cost_EUR"]) for r in rows
    ] == [
        ("in_house", "milano-hq", "3", "posts", "186000.00"),
        ("in_house", "roma-office", "1", "posts", "56000.00"),
        # 4 own FTE do the 60% in-house: BlueWave's 40% is 4 x 0.4 / 0.6 = 2.67 FTE-equivalent
        ("bluewave-bpo", "manila-vendor-site", "2.67", "derived", "96000.00"),
    ]
    text = boconf("report", "cost", "org", cwd=REPO).out
    assert re.search(r"^  service-desk +6\.67 FTE +EUR 338,000\.00$", text, re.MULTILINE)


def test_a_post_with_its_own_rate_is_costed_at_it(org: Callable[..., Path]) -> None:
    # sales-rep (3 posts x 0.5 fte = 1.5 FTE) has its own rate, 40,000: 60,000; sales-head
    # keeps hq's 60,000. Sales: 120,000 instead of 240,000; the total 540,000 - 120,000.
    sales = MINIMAL_ORG["units/sales.yaml"].replace(
        "    headcount: 3\n", "    headcount: 3\n    fte: 0.5\n    annual_cost_per_fte: 40000\n"
    )
    report = report_for(org(units__sales_yaml=sales))
    assert ("sales", Decimal("2.5"), Decimal("120000.00")) in report.by("unit")
    assert report.total == Decimal("420000.00")
    assert report.missing == []


def test_own_rates_price_their_posts_when_the_location_has_none(
    org: Callable[..., Path],
) -> None:
    # hq has no rate now: the 3 sales reps at their own 40,000 are 120,000; the other 4 own FTE
    # (exec 2, sales-head 1, it-head 1) stay unpriced and are listed, not counted as zero.
    sales = MINIMAL_ORG["units/sales.yaml"].replace(
        "    headcount: 3\n", "    headcount: 3\n    annual_cost_per_fte: 40000\n"
    )
    root = org(
        units__sales_yaml=sales,
        locations_yaml=MINIMAL_ORG["locations.yaml"].replace("annual_cost_per_fte: 60000\n", ""),
    )
    report = report_for(root)
    assert ("sales", Decimal(4), Decimal("120000.00")) in report.by("unit")
    assert report.total == Decimal("240000.00")  # + helpco-desk's 120,000
    assert report.missing == [
        "location 'hq' has no annual_cost_per_fte: 4 FTE of own staff unpriced"
    ]


def test_a_pay_band_must_not_be_upside_down(
    boconf: Callable[..., Run], org: Callable[..., Path]
) -> None:
    sales = MINIMAL_ORG["units/sales.yaml"].replace(
        "    headcount: 3\n", "    headcount: 3\n    pay_band: {min: 50000, max: 40000}\n"
    )
    result = boconf("validate", str(org(units__sales_yaml=sales)))
    assert result.code == 1
    assert "pay band max 40000 is below its min 50000" in result.out + result.err
