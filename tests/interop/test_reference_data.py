"""The reference data sets of ../shared/data: each imports with one command, and `boconf
check` on the result reports the data's real defects and nothing the import made up."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run
from tests.interop.helpers import ACME, NORTHWIND, ORACLE, SYNTHETIC, check_json, codes


def test_oracle_hr_reports_the_employee_without_department_and_16_empty_ones(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "hr"
    run = boconf("import", "csv", str(ORACLE), "-o", str(out))
    assert run.code == 0, run.err
    assert "employees.csv:80: '178' has no department_id" in run.err
    assert "107 positions, 27 units, 107 people and 7 locations" in run.err
    # Companion tables resolved ids into names: departments, job titles, cities.
    it = (out / "units" / "it.yaml").read_text(encoding="utf-8")
    assert "name: IT\n" in it and 'manager: "103"' in it and "parent: executive" in it
    assert "title: Programmer" in it and "location: southlake" in it
    assert (out / "positions" / "178.yaml").exists()
    assert "type: headquarters" in (out / "locations" / "seattle.yaml").read_text()

    report = check_json(boconf, out)
    found = codes(report)
    assert found["BO111"] == 16
    assert found["BO115"] == 1
    assert not any(code.startswith("BO2") for code in found)  # no enrichment noise
    assert set(found) == {"BO111", "BO115", "BO106", "BO107"}  # plus the real span findings
    empty = sorted(
        re.sub(r"unit '(.*)' has.*", r"\1", f["message"])
        for f in report["findings"]
        if f["code"] == "BO111"
    )
    assert "treasury" in empty and "payroll" in empty and "it-helpdesk" in empty


def test_northwind_imports_clean_with_null_as_the_top(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "nw"
    run = boconf("import", "csv", str(NORTHWIND), "-o", str(out))
    assert run.code == 0, run.err
    assert "problem" not in run.err
    organisation = (out / "organisation.yaml").read_text(encoding="utf-8")
    assert 'back_office_head: "2"' in organisation  # Fuller, whose reportsTo is NULL
    assert "headquarters: tacoma" in organisation
    assert "country: GB" in (out / "locations" / "london.yaml").read_text()  # "UK"
    assert boconf("check", str(out)).code == 0


def _hand_count(path: Path) -> dict[frozenset[str], int]:
    """From the CSV itself: each ReportsTo cycle, and how many rows' lines end in it."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        boss = {row["EmployeeID"]: row["ReportsTo"] for row in csv.DictReader(handle)}
    below: dict[frozenset[str], int] = {}
    for start in boss:
        walk: list[str] = []
        current = start
        while current not in walk:  # every ReportsTo is set: each walk ends in a cycle
            walk.append(current)
            current = boss[current]
        cycle = frozenset(walk[walk.index(current) :])
        below[cycle] = below.get(cycle, 0) + (start not in cycle)
    return below


def test_synthetic_northwind_gives_one_finding_per_cycle_with_what_it_cuts_off(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "syn"
    assert boconf("import", "csv", str(SYNTHETIC), "-o", str(out)).code == 0
    report = check_json(boconf, out)
    found = codes(report)
    # One finding per cause: no top (BO102) and the three cycles (BO101); the 76 posts below
    # them are counted in their cycle's finding, not listed (orphan-position is opt-in).
    assert found["BO102"] == 1 and found["BO101"] == 3
    assert set(found) == {"BO101", "BO102", "BO107"}
    [no_top] = [f["message"] for f in report["findings"] if f["code"] == "BO102"]
    assert "has no top" in no_top and "one of 3 reporting cycles" in no_top
    cycles = {f["subject"]["id"]: f for f in report["findings"] if f["code"] == "BO101"}
    # Measured, and recomputed below from the CSV by hand: 65 + 10 + 1 = 76 cut off.
    cut_off = {
        member: int(re.search(r"; ([\d,]+) positions? below", f["message"])[1])  # type: ignore[index]
        for member, f in cycles.items()
    }
    assert cut_off == {"83": 65, "80": 10, "79": 1}
    by_hand = _hand_count(SYNTHETIC)
    for member, finding in cycles.items():
        path = finding["message"].split("closing the reporting cycle ")[1].split(";")[0]
        members = path.split(" -> ")
        assert members[0] == members[-1] == member  # the path starts at the link reported
        assert by_hand[frozenset(members[:-1])] == cut_off[member]
    assert sorted(len(c) for c in by_hand) == [2, 4, 18]
    assert "..." not in " ".join(f["message"] for f in cycles.values())  # whole paths
    assert cycles["80"]["message"] == (
        "position '80' reports to '54', closing the reporting cycle 80 -> 54 -> 80; "
        "10 positions below it never reach the top (largest lines: '14' 9, '4' 1)"
    )
    # No unit line to go by (one unit, no manager) and no top: the link to cut is the one of
    # the member with the most posts below it.
    assert cycles["80"]["hint"] == (
        "if '80' is the top of the organisation, remove its reports_to; otherwise point it at "
        "its real manager outside the cycle"
    )


def test_backstage_acme_reports_the_parent_children_disagreement(
    boconf: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "acme"
    run = boconf("import", "backstage", str(ACME), "-o", str(out))
    assert run.code == 0, run.err
    assert re.search(
        r"team-e-big-name-group\.yaml:12: group 'team-e' names 'boxoffice' as parent, but the "
        r"children of 'boxoffice' \(.*boxoffice-group\.yaml:13\) do not list it",
        run.err,
    )
    assert re.search(r"team-a-group\.yaml:67: user 'guest' is in several namespaces", run.err)
    assert "skipped Location 'example-groups'" in run.err
    assert "9 units, 17 people" in run.err
    # Short and full refs to team-a both resolved: both guests are members.
    team_a = (out / "units" / "team-a.yaml").read_text(encoding="utf-8")
    assert "id: team-a.guest\n" in team_a and "id: team-a.guest-development\n" in team_a
    assert "parent: boxoffice" in (out / "units" / "team-e.yaml").read_text()

    report = check_json(boconf, out)
    # One finding, at the second top; acme-corp-lead heads the top unit, so it is the top.
    assert codes(report) == {"BO102": 1}
    [second] = report["findings"]
    assert second["subject"] == {"kind": "position", "id": "team-e-lead"}
    assert second["message"].startswith(
        "position 'team-e-lead' has no reports_to: a top of its own beside 'acme-corp-lead'"
    )
