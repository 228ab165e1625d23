"""`boconf diff` on real git repositories made in temporary folders."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from .conftest import REPO, Run
from .helpers import commit_all, edit, git, new_repository

DATE = ("--reference-date", "2026-11-26")
WEB_SHOP = """\
apiVersion: boconf/v1
kind: Unit
id: web-shop
name: Negozio online
office: front
function: sales
parent: commercial-directorate
manager: web-shop-manager
positions:
  - id: web-shop-manager
    title: E-commerce manager
    reports_to: commercial-director
"""


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A copy of the example repository's org/, committed once."""
    shutil.copytree(REPO / "org", tmp_path / "org")
    return new_repository(tmp_path, "base")


def make_the_five_changes(org: Path) -> None:
    # move a position, add a unit, remove a position, change a title, outsource a unit
    edit(
        org / "units/credit.yaml",
        "    reports_to: credit-manager\n    holder: paolo-bruno",
        "    reports_to: coo\n    holder: paolo-bruno",
    )
    (org / "units/web-shop.yaml").write_text(WEB_SHOP, encoding="utf-8")
    edit(
        org / "units/sales-export.yaml",
        "  - id: export-sales-assistant\n    title: Export sales assistant\n    reports_to: export-manager\n"
        "    description: Vacant since the previous holder moved to key accounts; recruiting.\n",
        "",
    )
    edit(
        org / "units/credit.yaml",
        "title: Analista crediti Italia",
        "title: Senior analista crediti Italia",
    )
    edit(
        org / "units/office-services.yaml",
        "manager: office-services-coordinator\n",
        "manager: office-services-coordinator\nsourcing:\n  - provider: brianza-facility-services\n"
        "    share: 1\n    contract: brianza-cleaning-2021\n",
    )


def test_the_five_changes_of_a_new_user(repository: Path, boconf: Callable[..., Run]) -> None:
    make_the_five_changes(repository / "org")
    run = boconf("diff", "HEAD", "--format", "json", *DATE, cwd=repository)
    assert run.code == 0, run.err
    document = json.loads(run.out)
    changes = [(c["kind"], c["id"], c["change"]) for c in document["changes"]]
    assert changes == [
        ("unit", "office-services", "changed"),
        ("unit", "web-shop", "added"),
        ("position", "credit-analyst-export", "moved"),
        ("position", "credit-analyst-italy", "changed"),
        ("position", "export-sales-assistant", "removed"),
        ("position", "web-shop-manager", "added"),
    ]
    fields = {c["id"]: c["fields"] for c in document["changes"]}
    assert fields["credit-analyst-export"] == [
        {"field": "reports_to", "old": "credit-manager", "new": "coo"}
    ]
    assert fields["credit-analyst-italy"] == [
        {
            "field": "title",
            "old": "Analista crediti Italia",
            "new": "Senior analista crediti Italia",
        }
    ]
    impact = {f["name"]: (f["before"], f["after"], f["delta"]) for f in document["impact"]}
    # the web shop adds one post and the assistant's post goes: front office posts unchanged
    assert impact["posts, front office"] == ("37", "37", "0")
    assert impact["positions"] == ("93", "93", "0")
    # Office services' work goes to the vendor's contract, which the facilities unit already
    # pays for, but its 3.5 FTE of posts stay: own staff cost the same until they go. The web
    # shop's manager (Milano, 62,000) comes and the export assistant's post (Milano, 62,000)
    # goes: the annual cost does not move. Saying "outsourced" saves nothing by itself.
    assert Decimal(impact["annual cost (EUR)"][2]) == Decimal(0)
    # ... and gives no vendor FTE: a fully outsourced unit's vendor FTE cannot be derived from
    # shares (no in-house share) and the allocation gives no contracted 'fte'.
    assert Decimal(impact["vendor FTE (outsourced)"][2]) == 0
    new = sorted((f["code"], f["file"]) for f in document["new_findings"])
    assert new == [
        ("BO109", "org/units/web-shop.yaml"),  # the web shop's manager post is vacant
        ("BO204", "org/units/web-shop.yaml"),  # no credit or administration support for it
        ("BO216", "org/units/office-services.yaml"),  # the contract covers facilities only
    ]
    assert document["fixed_findings"] == []
    # the working tree and the index are untouched by reading the base
    assert git(repository, "status", "--porcelain").splitlines() == [
        " M org/units/credit.yaml",
        " M org/units/office-services.yaml",
        " M org/units/sales-export.yaml",
        "?? org/units/web-shop.yaml",
    ]


def test_text_and_markdown(repository: Path, boconf: Callable[..., Run]) -> None:
    make_the_five_changes(repository / "org")
    text = boconf("diff", "HEAD", *DATE, cwd=repository)
    assert text.lines[0] == "boconf diff HEAD -> the working tree: 6 change(s)"
    assert "Removed (1)" in text.out and "  position 'export-sales-assistant'" in text.out
    assert "      reports_to: credit-manager -> coo" in text.out
    markdown = boconf("diff", "HEAD", "--format", "markdown", *DATE, cwd=repository)
    assert "| Removed | 1 |" in markdown.out and "| Moved | 1 |" in markdown.out
    assert "- position 'credit-analyst-export'" in markdown.out


def test_revisions_directories_and_renames(
    repository: Path, boconf: Callable[..., Run], tmp_path: Path
) -> None:
    org = repository / "org"
    before = tmp_path / "before"
    shutil.copytree(org, before)
    edit(org / "people/andreea-rusu.yaml", "id: andreea-rusu", "id: andreea-rusu-2")
    edit(org / "units/collections-cluj.yaml", "holder: andreea-rusu", "holder: andreea-rusu-2")
    commit_all(repository, "rename")
    run = boconf("diff", "HEAD~1", "HEAD", "org", "--format", "json", cwd=repository)
    changes = [
        (c["kind"], c["id"], c["change"], c["previous_id"]) for c in json.loads(run.out)["changes"]
    ]
    assert ("person", "andreea-rusu-2", "renamed", "andreea-rusu") in changes
    assert ("position", "collections-team-lead", "changed", None) in changes
    directories = boconf("diff", str(before), str(org), "--format", "json", cwd=repository)
    assert json.loads(directories.out)["changes"] == json.loads(run.out)["changes"]


def test_removal_safety_valve(repository: Path, boconf: Callable[..., Run]) -> None:
    make_the_five_changes(repository / "org")  # removes 1 of the 93 positions
    run = boconf("diff", "HEAD", "--fail-on-removals", "0", *DATE, cwd=repository)
    assert run.code == 1 and "1 of 93 positions removed" in run.err
    assert boconf("diff", "HEAD", "--fail-on-removals", "0.05", *DATE, cwd=repository).code == 0


def test_bad_revisions_and_paths_exit_2(
    repository: Path, boconf: Callable[..., Run], tmp_path_factory: pytest.TempPathFactory
) -> None:
    unknown = boconf("diff", "no-such-branch", cwd=repository)
    assert unknown.code == 2 and "unknown revision 'no-such-branch'" in unknown.err
    outside = tmp_path_factory.mktemp("plain")  # not inside the repository
    shutil.copytree(REPO / "org", outside / "org")
    not_git = boconf("diff", "HEAD", cwd=outside)
    assert not_git.code == 2 and "not inside a git repository" in not_git.err
    broken = repository / "org/units/credit.yaml"
    edit(broken, "office: back", "office: middle")
    invalid = boconf("diff", "HEAD", cwd=repository)
    assert invalid.code == 1 and "the working tree does not validate" in invalid.err


def test_findings_a_change_fixes(repository: Path, boconf: Callable[..., Run]) -> None:
    org = repository / "org"
    make_the_five_changes(org)
    commit_all(repository, "five")
    git(
        repository, "checkout", "-q", "HEAD~1", "--", "org/units/office-services.yaml"
    )  # undo the outsourcing
    document = json.loads(boconf("diff", "HEAD", "--format", "json", *DATE, cwd=repository).out)
    assert [(f["code"], f["file"]) for f in document["fixed_findings"]] == [
        ("BO216", "org/units/office-services.yaml")
    ]
    assert document["new_findings"] == []


def test_declared_rename_with_changes_and_its_followers(
    repository: Path, boconf: Callable[..., Run]
) -> None:
    org = repository / "org"
    for name in ("units/credit.yaml", "units/collections-cluj.yaml"):
        path = org / name
        path.write_text(
            path.read_text(encoding="utf-8").replace("credit-manager", "head-of-credit"),
            encoding="utf-8",
        )
    edit(
        org / "units/credit.yaml",
        "  - id: head-of-credit\n    title: Credit manager\n",
        "  - id: head-of-credit\n    previously: credit-manager\n    title: Head of credit\n",
    )
    document = json.loads(boconf("diff", "HEAD", "--format", "json", *DATE, cwd=repository).out)
    changes = [(c["kind"], c["id"], c["change"], c["previous_id"]) for c in document["changes"]]
    # one rename, with its title change; the unit's manager and the four reports follow it
    # under the new id, so none of them shows as changed or moved
    assert changes == [("position", "head-of-credit", "renamed", "credit-manager")]
    assert document["changes"][0]["fields"] == [
        {"field": "title", "old": "Credit manager", "new": "Head of credit"}
    ]
    text = boconf("diff", "HEAD", *DATE, cwd=repository)
    assert "  position 'credit-manager' -> 'head-of-credit'" in text.out
    assert "      title: Credit manager -> Head of credit" in text.out


def test_markdown_chart_and_the_back_office_heads_line(
    repository: Path, boconf: Callable[..., Run]
) -> None:
    org = repository / "org"
    make_the_five_changes(org)
    edit(org / "organisation.yaml", "back_office_head: coo", "back_office_head: finance-manager")
    markdown = boconf("diff", "HEAD", "--format", "markdown", *DATE, cwd=repository).out
    chart = markdown.split("```mermaid\n", 1)[1].split("```", 1)[0]
    # the moved analyst: its new line solid, its old line dotted and labelled
    assert '["Analista crediti export<br/>credit-analyst-export<br/>moved"]' in chart
    nodes = {
        line.split("[", 1)[1].split("<br/>")[1].rstrip('"]'): line.strip().split("[", 1)[0]
        for line in chart.splitlines()
        if "[" in line and "<br/>" in line
    }
    analyst, coo, manager = (
        nodes["credit-analyst-export"],
        nodes["coo"],
        nodes["credit-manager"],
    )
    assert f"    {coo} --> {analyst}" in chart
    assert f'    {manager} -.->|"before"| {analyst}' in chart
    removed = nodes["export-sales-assistant"]
    assert f"class {removed} change_removed" in chart
    assert "classDef change_removed fill:#fee2e2,stroke:#b91c1c,stroke-dasharray:4 3" in chart
    assert "| back-office head's line | coo -> ceo | finance-manager -> coo -> ceo | |" in markdown
    document = json.loads(boconf("diff", "HEAD", "--format", "json", *DATE, cwd=repository).out)
    assert ("organisation", "ferro-e-lana", "changed") in [
        (c["kind"], c["id"], c["change"]) for c in document["changes"]
    ]
    impact = {f["name"]: f["delta"] for f in document["impact"]}
    # the head's line shrinks from the COO's 64 posts to the finance manager's 12
    line = next(
        f for f in document["impact"] if f["name"] == "posts in the back-office head's line"
    )
    assert (line["before"], line["after"]) == ("64", "12")
    assert impact["posts in the back-office head's line"] == "-52"


def test_text_lists_new_findings(repository: Path, boconf: Callable[..., Run]) -> None:
    make_the_five_changes(repository / "org")
    text = boconf("diff", "HEAD", *DATE, cwd=repository).out
    section = text.split("New lint findings (3)\n", 1)[1].split("\n\n", 1)[0].splitlines()
    found = [(line.split(":", 1)[0].strip(), line.split("[")[1].split("]")[0]) for line in section]
    assert sorted(found) == [
        ("org/units/office-services.yaml", "BO216"),
        ("org/units/web-shop.yaml", "BO109"),
        ("org/units/web-shop.yaml", "BO204"),
    ]
    assert "Fixed lint findings: none" in text
