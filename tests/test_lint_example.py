"""`boconf check` on the example organisation: clean as shipped, and breaking it as a new user
would gives exit 1 with the right rule at the right line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from boconf.rules.registry import RULES

from .conftest import REPO, Run, rules_on_by_default
from .helpers import edit

DATE = ("--reference-date", "2026-11-26")


@pytest.mark.parametrize("tree", ["org", "examples/college"])
def test_examples_pass_check(tree: str, boconf: Callable[..., Run]) -> None:
    run = boconf("check", tree, *DATE, "--fail-on", "info", cwd=REPO)
    assert run.code == 0, run.out
    assert run.out.startswith(f"{tree}: clean: ")


def findings(boconf: Callable[..., Run], root: Path) -> tuple[int, list[tuple[str, int, str]]]:
    run = boconf("check", "org", *DATE, "--format", "json", cwd=root.parent)
    records = json.loads(run.out)["findings"]
    return run.code, [(f["file"], f["line"], f["rule"]) for f in records]


def test_a_reporting_cycle(example: Path, boconf: Callable[..., Run]) -> None:
    edit(
        example / "units/credit.yaml",
        "    reports_to: coo\n",
        "    reports_to: credit-analyst-italy\n",
    )
    run = boconf("check", "org", *DATE, "--format", "json", cwd=example.parent)
    assert run.code == 1
    [found] = json.loads(run.out)["findings"]
    # At the link that breaks the unit tree: credit's manager answering to its own analyst.
    assert (found["file"], found["line"], found["column"]) == ("org/units/credit.yaml", 21, 17)
    assert found["message"] == (
        "position 'credit-manager' reports to 'credit-analyst-italy', closing the reporting "
        "cycle credit-manager -> credit-analyst-italy -> credit-manager; 4 positions below it "
        "never reach the top (largest lines: 'collections-team-lead' 2, "
        "'collections-specialist' 1, 'credit-analyst-export' 1)"
    )
    assert found["hint"] == (
        "point the reports_to of 'credit-manager' at 'coo', the manager of "
        "'operations-directorate', above its unit 'credit', who reaches the top"
    )


def test_one_edit_cycle_above_the_back_office_is_one_finding(
    example: Path, boconf: Callable[..., Run]
) -> None:
    # The back-office head made to report to one of its own reports: one edit.
    edit(
        example / "units/operations-directorate.yaml",
        "    reports_to: ceo\n",
        "    reports_to: credit-manager\n",
    )
    run = boconf("check", "org", *DATE, cwd=example.parent)
    assert run.code == 1
    assert run.lines == [
        "org/units/operations-directorate.yaml:15:17: error[BO101]: position 'coo' reports to "
        "'credit-manager', closing the reporting cycle coo -> credit-manager -> coo; 59 "
        "positions below it never reach the top (largest lines: 'finance-manager' 11, "
        "'administration-manager' 9, 'it-support-manager' 8)",
        "    hint: point the reports_to of 'coo' at 'ceo', the manager of 'executive-office', "
        "above its unit 'operations-directorate', who reaches the top",
        "",
        f"org: 1 error in 1 file (118 files, 118 documents, {rules_on_by_default()}, 2 scenarios, "
        "5 suppressed)",
    ]


def test_the_cycle_counts_match_the_reporting_lines(example: Path) -> None:
    # From the files: 93 positions, 32 still reach the CEO (the executive office and the
    # front office), 2 form the cycle, so 59 are cut off; finance's line is its manager
    # and the 10 posts of finance, accounts-payable and controlling below it.
    from boconf.graph.structure import build_structure
    from boconf.load import load_organisation

    edit(
        example / "units/operations-directorate.yaml",
        "    reports_to: ceo\n",
        "    reports_to: credit-manager\n",
    )
    loaded = load_organisation(example)
    assert loaded.tree is not None
    reporting = build_structure(loaded.tree).reporting
    assert reporting.cycles == [["coo", "credit-manager"]]
    assert len(reporting.orphans) == 59
    finance = {"finance-manager", *reporting.descendants("finance-manager")}
    assert len(finance) == 11


def test_a_back_office_unit_without_manager(example: Path, boconf: Callable[..., Run]) -> None:
    edit(example / "units/credit.yaml", "manager: credit-manager\n", "")
    code, found = findings(boconf, example)
    assert code == 1
    assert ("org/units/credit.yaml", 4, "back-office-unit-without-manager") in found


WEB_SHOP = """\
apiVersion: boconf/v1
kind: Unit
id: web-shop
name: Negozio online
office: front
function: sales
manager: web-shop-manager
positions:
  - id: web-shop-manager
    title: E-commerce manager
    reports_to: commercial-director
"""


def test_a_front_office_unit_left_without_support(
    example: Path, boconf: Callable[..., Run]
) -> None:
    (example / "units/web-shop.yaml").write_text(WEB_SHOP, encoding="utf-8")
    code, found = findings(boconf, example)
    assert ("org/units/web-shop.yaml", 3, "front-office-unsupported") in found
    assert code == 0  # a warning: it fails the run only with --fail-on warning
    run = boconf("check", "org", *DATE, "--fail-on", "warning", cwd=example.parent)
    assert run.code == 1


def test_outsourced_work_without_owner(example: Path, boconf: Callable[..., Run]) -> None:
    edit(example / "units/service-desk.yaml", "    contract: bluewave-service-desk-2024\n", "")
    code, found = findings(boconf, example)
    assert code == 1
    assert ("org/units/service-desk.yaml", 27, "outsourced-without-owner") in found


def test_an_expired_contract(example: Path, boconf: Callable[..., Run]) -> None:
    edit(example / "vendors/bluewave-bpo.yaml", "    end: 2027-03-31\n", "    end: 2026-03-31\n")
    code, found = findings(boconf, example)
    assert code == 1
    assert ("org/vendors/bluewave-bpo.yaml", 11, "contract-expired") in found


def test_rules_and_explain(boconf: Callable[..., Run]) -> None:
    run = boconf("rules")
    assert run.code == 0
    assert len(run.lines) == len(RULES) >= 25
    for rule in RULES:
        explained = boconf("explain", rule.name)
        assert explained.code == 0
        assert explained.out.startswith(
            f"{rule.code} {rule.name} (default severity: {rule.severity.value})"
        )
        assert "## Failing example" in explained.out
    assert boconf("explain", "BO031").out.startswith("BO031 dangling-reference")
    unknown = boconf("explain", "reporting-cylce")
    assert unknown.code == 2 and "did you mean 'reporting-cycle'?" in unknown.err


def test_rule_docs_are_fresh(boconf: Callable[..., Run]) -> None:
    run = boconf("rules", "--docs", "docs/rules.md", "--check", cwd=REPO)
    assert run.code == 0, run.out


def test_graph_export_round_trips(boconf: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "org.json"
    assert boconf("graph", "org", "--format", "json", "-o", str(out), cwd=REPO).code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.nodes["unit:credit"]["kind"] == "unit"
    assert graph.has_edge("position:credit-analyst-italy", "position:credit-manager")
    types = {attributes["type"] for _, _, attributes in graph.edges(data=True)}
    assert {
        "reports_to",
        "dotted_to",
        "part_of",
        "manages",
        "holds",
        "supports",
        "sourced_from",
        "located_at",
    } <= types
    again = tmp_path / "again.json"
    boconf("graph", "org", "--format", "json", "-o", str(again), cwd=REPO)
    assert again.read_bytes() == out.read_bytes()
    graphml = tmp_path / "org.graphml"
    assert boconf("graph", "org", "--format", "graphml", "-o", str(graphml), cwd=REPO).code == 0
    assert nx.read_graphml(graphml).number_of_nodes() == graph.number_of_nodes()


def test_one_edit_unit_cycle_is_one_finding_at_the_edit(
    example: Path, boconf: Callable[..., Run]
) -> None:
    # finance moved under its own sub-unit accounts-payable: one edit, in finance.yaml.
    edit(
        example / "units/finance.yaml",
        "parent: operations-directorate\n",
        "parent: accounts-payable\n",
    )
    run = boconf("check", "org", "--no-scenarios", *DATE, cwd=example.parent)
    assert run.code == 1
    assert run.lines == [
        "org/units/finance.yaml:8:9: error[BO105]: unit 'finance' has parent "
        "'accounts-payable', closing the cycle of parent units finance -> accounts-payable -> "
        "finance; 1 unit below it never reaches the top: 'controlling'",
        "    hint: point the parent of 'finance' at 'operations-directorate', the unit of "
        "'coo', to whom its manager 'finance-manager' reports",
        "",
        f"org: 1 error in 1 file (118 files, 118 documents, {rules_on_by_default()}, 5 suppressed)",
    ]
