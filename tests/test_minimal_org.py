"""The minimal organisation in conftest is valid, and the model derives what it should."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from boconf import load_organisation
from boconf.model.entities import SourcingModel

from .conftest import Run


def test_minimal_org_is_valid(org: Callable[..., Path], boconf: Callable[..., Run]) -> None:
    root = org()
    run = boconf("validate", "org", cwd=root.parent)
    assert run.code == 0, run.out
    assert run.lines == [
        "org: valid: 3 units, 5 positions (7 posts), 2 people, 3 locations, 1 vendor, "
        "1 contract (7 files, 10 documents)"
    ]


def test_nested_positions_take_their_unit(org: Callable[..., Path]) -> None:
    tree = load_organisation(org()).tree
    assert tree is not None
    assert tree.positions["sales-rep"].unit == "sales"
    assert tree.positions["sales-rep"].headcount == 3
    assert tree.positions["ceo"].fte == Decimal(1)
    assert tree.contract_vendor == {"helpco-desk": "helpco"}


def test_sourcing_models_are_derived(org: Callable[..., Path]) -> None:
    captive = """\
apiVersion: boconf/v1
kind: Unit
id: credit
name: Crediti
office: back
function: credit
location: cluj
"""
    outsourced = """\
apiVersion: boconf/v1
kind: Unit
id: payroll
name: Paghe
office: back
function: payroll
sourcing:
  - provider: helpco
    share: 1
    contract: helpco-desk
"""
    tree = load_organisation(org(units__credit_yaml=captive, units__payroll_yaml=outsourced)).tree
    assert tree is not None
    assert tree.sourcing_model("sales") is SourcingModel.IN_HOUSE
    assert tree.sourcing_model("it") is SourcingModel.MIXED
    assert tree.sourcing_model("credit") is SourcingModel.CAPTIVE
    assert tree.sourcing_model("payroll") is SourcingModel.OUTSOURCED
    assert tree.unit_location("sales") == "hq"  # via exec, then the headquarters
    assert tree.unit_location("credit") == "cluj"
