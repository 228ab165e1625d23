"""Invariants over the whole rule registry."""

from __future__ import annotations

import re
from typing import Any

import pytest

from boconf.rules.base import DOC_SECTIONS, Rule, RuleOptions
from boconf.rules.registry import BY_CODE, BY_NAME, RULES, find_rule

from .casefile import CASES_DIR, load_cases


def test_codes_and_names_are_unique_and_well_formed() -> None:
    assert len(BY_CODE) == len(RULES) == len(BY_NAME)
    for rule in RULES:
        assert re.fullmatch(r"BO[1-9]\d\d", rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), rule.name
        assert find_rule(rule.code.lower()) is rule and find_rule(rule.name) is rule


def test_there_are_at_least_25_rules() -> None:
    assert len(RULES) >= 25


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_documentation_has_every_section(rule: type[Rule[Any]]) -> None:
    doc = rule.documentation()
    assert doc.splitlines()[0] == rule.summary
    positions = [doc.find(section) for section in DOC_SECTIONS]
    assert all(p > 0 for p in positions), [
        s for s, p in zip(DOC_SECTIONS, positions, strict=True) if p < 0
    ]
    assert positions == sorted(positions), "sections in the standard order"
    assert "TODO" not in doc
    assert rule.section("What it checks") and rule.section("How to fix")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_options_are_strict_and_have_defaults(rule: type[Rule[Any]]) -> None:
    assert issubclass(rule.options_model, RuleOptions)
    assert rule.options_model.model_config.get("extra") == "forbid"
    rule.options_model()  # every option has a default
    for name in rule.options_model.model_fields:
        assert f"`{name}`" in rule.documentation(), f"option {name} is documented"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_a_case_file_with_failing_and_passing_cases(rule: type[Rule[Any]]) -> None:
    path = CASES_DIR / f"{rule.code}.yaml"
    assert path.is_file(), f"missing {path.name}"
    code, cases = load_cases(path)
    assert code == rule.code
    assert any(case.get("expect") for case in cases), "a failing case"
    assert any(not case.get("expect") for case in cases), "a passing case"
