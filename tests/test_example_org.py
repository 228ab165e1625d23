"""The example organisation in org/ and the college in examples/ are valid and use every concept."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from boconf import load_organisation
from boconf.model.entities import IN_HOUSE, LocationType, Office, SourcingModel
from boconf.model.tree import OrgTree

from .conftest import REPO, Run


@pytest.fixture(scope="module")
def tree() -> OrgTree:
    result = load_organisation(REPO / "org")
    assert result.ok, result.diagnostics
    assert result.tree is not None
    return result.tree


def chain(tree: OrgTree, position: str) -> list[str]:
    """The reporting chain from a position to the top (no cycles in the example)."""
    line = [position]
    while (boss := tree.positions[line[-1]].reports_to) is not None:
        assert boss not in line, f"reporting cycle through {boss}"
        line.append(boss)
    return line


def test_demo_command_validates_org(boconf: Callable[..., Run]) -> None:
    run = boconf("validate", "org", cwd=REPO)
    assert run.code == 0, run.out
    [summary] = run.lines
    assert summary.startswith("org: valid: ")
    for word in ("units", "positions", "locations", "vendors"):
        assert word in summary


def test_size_is_a_realistic_mid_size_company(tree: OrgTree) -> None:
    counts = tree.counts()
    assert 20 <= counts["units"] <= 30
    assert 80 <= counts["posts"] <= 150


def test_one_top_and_every_post_reaches_it(tree: OrgTree) -> None:
    tops = [p for p in tree.positions if tree.positions[p].reports_to is None]
    assert len(tops) == 1
    for position in tree.positions:
        assert chain(tree, position)[-1] == tops[0]


def test_back_office_rolls_up_to_its_head(tree: OrgTree) -> None:
    head = tree.organisation.back_office_head
    back_units = [
        u for u in tree.units.values() if u.office is Office.BACK and u.function != "executive"
    ]
    assert len(back_units) >= 8
    for unit in back_units:
        assert unit.manager is not None, unit.id
        assert head in chain(tree, unit.manager), unit.id
    functions = {unit.function for unit in back_units}
    assert {
        "administration",
        "it_support",
        "data_management",
        "credit",
        "finance",
        "hr",
        "facilities",
        "procurement",
    } <= functions


def test_front_office_and_support(tree: OrgTree) -> None:
    front = {u.id for u in tree.units.values() if u.office is Office.FRONT}
    assert {tree.units[u].function for u in front} >= {"sales", "customer_support", "marketing"}
    supported = {target for unit in tree.units.values() for target in unit.supports}
    assert supported and supported <= front


def test_sourcing_uses_every_model(tree: OrgTree) -> None:
    models = {tree.sourcing_model(unit) for unit in tree.units}
    assert {
        SourcingModel.IN_HOUSE,
        SourcingModel.CAPTIVE,
        SourcingModel.OUTSOURCED,
        SourcingModel.MIXED,
    } <= models
    assert {location.type for location in tree.locations.values()} == set(LocationType)
    # a vendor runs part of IT support and all of payroll, under contracts with internal owners
    by_function = {
        tree.units[u].function: tree.sourcing_model(u) for u in tree.units if tree.units[u].sourcing
    }
    assert by_function.get("payroll") is SourcingModel.OUTSOURCED
    it_vendors = {
        a.provider
        for unit in tree.units.values()
        if unit.function == "it_support"
        for a in unit.sourcing or []
        if a.provider != IN_HOUSE
    }
    assert it_vendors
    for contract in tree.contracts.values():
        assert contract.owner in tree.positions


def test_vacancies_dotted_lines_headcount_and_accents(tree: OrgTree) -> None:
    positions = tree.positions.values()
    assert any(p.holder is None for p in positions)
    assert any(p.dotted_to for p in positions)
    assert any(p.headcount > 1 for p in positions)
    assert any(set(person.name) & set("àèéìòù") for person in tree.people.values())


def test_college_of_the_source_text(boconf: Callable[..., Run]) -> None:
    run = boconf("validate", "examples/college", cwd=REPO)
    assert run.code == 0, run.out
    result = load_organisation(REPO / "examples" / "college")
    assert result.tree is not None
    college = result.tree
    vp = college.organisation.back_office_head
    managers = {college.units[unit].manager for unit in ("physical-plant", "custodial-services")}
    assert len(managers) == 2
    for manager in managers:
        assert manager is not None and college.positions[manager].reports_to == vp
