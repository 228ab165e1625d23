"""The DECC organogram of ../shared/data (30 September 2011), imported in one command.

Everything asserted is recounted here from the CSV files themselves with the csv module, not
taken from the importer: rows, names that are no person's, FTE totals, the posts without a
unit, the single-report managers and the cost at the middle of each pay band.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from boconf import load_organisation
from boconf.economics.cost import CENT, cost_report
from boconf.graph.structure import build_structure
from tests.conftest import Run
from tests.interop.helpers import DATA, check_json, codes, tree_bytes

DECC = DATA / "uk-organogram-decc"
SENIOR = DECC / "department_of_energy_and_climate_change-2011-09-30-senior.csv"
JUNIOR = DECC / "department_of_energy_and_climate_change-2011-09-30-junior.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def decc(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The tree, imported once for the module, and what the import printed."""
    from click.testing import CliRunner

    from boconf.cli.main import cli

    out = tmp_path_factory.mktemp("decc") / "decc"
    result = CliRunner().invoke(
        cli, ["import", "organogram", str(SENIOR), str(JUNIOR), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out, result.output


def test_the_counts_match_the_files(decc: tuple[Path, str]) -> None:
    out, printed = decc
    senior, junior = _rows(SENIOR), _rows(JUNIOR)
    names = Counter(row["Name"] for row in senior)
    senior_fte = sum(Decimal(row["FTE"]) for row in senior)
    junior_fte = sum(Decimal(row["Number of Posts in FTE"]) for row in junior)
    fractional = sum(1 for row in junior if Decimal(row["Number of Posts in FTE"]) % 1)
    named = len(senior) - names["N/D"] - names["Vacant"]
    assert (len(senior), names["N/D"], names["Vacant"], named) == (101, 71, 4, 26)
    assert (senior_fte, junior_fte, fractional) == (Decimal("99.78"), Decimal("1099.07"), 51)
    assert f"kept 101 senior posts ({senior_fte} FTE): {named} people named, 71 holders " in (
        printed
    )
    assert f"({junior_fte} FTE; {fractional} fractional rows split" in printed

    loaded = load_organisation(out)
    assert loaded.ok and loaded.tree is not None
    positions = loaded.tree.positions
    # Every FTE is kept, exactly: fractional junior rows are split, never rounded.
    assert sum((p.fte * p.headcount for p in positions.values()), Decimal(0)) == (
        senior_fte + junior_fte
    )
    # One position per senior row (the three rows of id 0 are three posts) and one or two
    # per junior row: its whole posts, and its part-time remainder.
    entries = sum(
        (Decimal(r["Number of Posts in FTE"]) >= 1) + bool(Decimal(r["Number of Posts in FTE"]) % 1)
        for r in junior
    )
    assert len(positions) == 101 + entries
    assert {"0", "0-2", "0-3"} <= set(positions)
    assert positions["1"].reports_to is None and positions["1"].grade == "SCS4"
    assert loaded.tree.organisation.back_office_head == "1"  # the XX row: Permanent Secretary


def test_the_problems_are_the_three_posts_of_id_0(decc: tuple[Path, str]) -> None:
    _, printed = decc
    problems = [line for line in printed.splitlines() if ".csv:" in line and "note:" not in line]
    where = [(line.split(":")[1], line.split(": ", 1)[1]) for line in problems]
    assert where == [
        ("44", "post '0' has no Unit: it belongs to no unit"),
        ("45", "post '0' has no Unit: it belongs to no unit"),
        (
            "45",
            "post reference '0' is already row 44's ('Not in Post'): this other post "
            "('Not in Post', SCS3) written as '0-2'; posts reporting to '0' report to row 44's",
        ),
        ("46", "post '0' has no Unit: it belongs to no unit"),
        (
            "46",
            "post reference '0' is already row 44's ('Not in Post'): this other post "
            "('Not in Post', SCS3) written as '0-3'; posts reporting to '0' report to row 44's",
        ),
    ]
    # By hand: the rows of id 0 are rows 44 to 46 (the header is row 1) and their unit is N/A.
    rows = _rows(SENIOR)
    assert [i + 2 for i, r in enumerate(rows) if r["Post Unique Reference"] == "0"] == [44, 45, 46]
    assert {r["Unit"] for r in rows if r["Post Unique Reference"] == "0"} == {"N/A"}


def test_check_reports_the_real_defects(boconf: Callable[..., Run], decc: tuple[Path, str]) -> None:
    out, _ = decc
    report = check_json(boconf, out)
    found = codes(report)
    assert set(found) == {"BO115", "BO106", "BO107"}  # no enrichment noise, no second top
    assert found["BO115"] == 3  # the posts of id 0, in no unit
    # Single-report managers, by hand: a senior post with one senior report and no juniors.
    senior, junior = _rows(SENIOR), _rows(JUNIOR)
    children = Counter(r["Reports to Senior Post"] for r in senior)
    has_juniors = {r["Reporting Senior Post"] for r in junior}
    single = sorted(i for i, n in children.items() if n == 1 and i not in has_juniors and i != "XX")
    reported = sorted(
        f["message"].split("'")[1] for f in report["findings"] if f["code"] == "BO107"
    )
    assert reported == single == ["34", "7"]
    assert found["BO106"] == 40


def test_cost_is_each_post_at_the_middle_of_its_pay_band(decc: tuple[Path, str]) -> None:
    out, _ = decc
    by_unit: dict[str, Decimal] = {}
    for row in _rows(SENIOR):
        low, high = Decimal(row["Actual Pay Floor (£)"]), Decimal(row["Actual Pay Ceiling (£)"])
        if row["Unit"] != "N/A" and low > 0:  # posts in no unit are in no unit's cost
            by_unit[row["Unit"]] = (
                by_unit.get(row["Unit"], Decimal(0)) + Decimal(row["FTE"]) * (low + high) / 2
            )
    for row in _rows(JUNIOR):
        low, high = Decimal(row["Payscale Minimum (£)"]), Decimal(row["Payscale Maximum (£)"])
        if low > 0:
            by_unit[row["Unit"]] = (
                by_unit.get(row["Unit"], Decimal(0))
                + Decimal(row["Number of Posts in FTE"]) * (low + high) / 2
            )
    expected = sum((cost.quantize(CENT) for cost in by_unit.values()), Decimal(0))
    loaded = load_organisation(out)
    assert loaded.tree is not None
    report = cost_report(build_structure(loaded.tree), dt.date(2026, 1, 1))
    assert report.total == expected == Decimal("47971255.33")  # the README's figure
    assert report.currency == "GBP"
    assert report.missing == [
        "location 'headquarters' has no annual_cost_per_fte: 71.9 FTE of own staff unpriced"
    ]


def test_deterministic(boconf: Callable[..., Run], decc: tuple[Path, str]) -> None:
    out, _ = decc
    first = tree_bytes(out)
    run = boconf("import", "organogram", str(SENIOR), str(JUNIOR), "-o", str(out), "--force")
    assert run.code == 0
    assert tree_bytes(out) == first
