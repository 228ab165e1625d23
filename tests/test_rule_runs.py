"""The rules on two cores (boconf.linting.rule_runs): the same findings, in the same order, as
on one; a child that fails leaves its rules to the parent, and a rule's error surfaces there."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from boconf.diagnostics import Severity
from boconf.linting import rule_runs
from boconf.linting.check import check, settings_for
from boconf.linting.engine import lint
from boconf.load import load_organisation
from boconf.rules.base import POSITION, Finding, LintContext, Rule, RuleOptions

from .conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import make_org

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks a child")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rule-runs") / "org"
    make_org.generate(3_000, root)
    # Tight limits, so that rules on both sides of the split find something.
    (root / ".boconf.yaml").write_text(
        "rules:\n  hierarchy-depth: {max_layers: 3}\n  span-of-control: {max_reports: 4}\n",
        encoding="utf-8",
    )
    return root


def test_two_cores_find_what_one_finds_in_the_same_order(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_for(tree, None, dt.date(2026, 1, 1))
    monkeypatch.setattr(rule_runs, "PARALLEL_MIN_POSITIONS", 10**9)
    serial = check(tree, settings)
    forks: list[int] = []
    real_fork = os.fork

    def counting_fork() -> int:
        caller = sys._getframe(1).f_globals["__name__"]
        pid = real_fork()
        if pid and caller == rule_runs.__name__:  # not the parsing workers
            forks.append(pid)
        return pid

    monkeypatch.setattr(rule_runs, "PARALLEL_MIN_POSITIONS", 0)
    monkeypatch.setattr(rule_runs, "_two_cores", lambda: True)
    monkeypatch.setattr(os, "fork", counting_fork)
    parallel = check(tree, settings)
    assert len(forks) == 1
    assert parallel.diagnostics == serial.diagnostics
    codes = {d.code for d in parallel.lint.diagnostics}
    # Findings of rules run by the child and by the parent.
    enabled = [rule.code for rule in settings.enabled]
    assert {"BO106", "BO108", "BO212"} <= codes
    mine, theirs = rule_runs.split(settings.enabled)
    assert enabled.index("BO212") in mine and enabled.index("BO106") in theirs
    assert list(parallel.lint.timings) == list(serial.lint.timings) == enabled
    assert len(parallel.lint.diagnostics) == len(serial.lint.diagnostics) > 100


class _Options(RuleOptions):
    pass


def _rule(code: str, behaviour: str) -> type[Rule[_Options]]:
    parent = os.getpid()

    class Probe(Rule[_Options]):
        name = f"probe-{code}"
        severity = Severity.WARNING
        summary = "A rule for the test."
        options_model = _Options

        def check(self, context: LintContext, options: _Options) -> Iterator[Finding]:
            if behaviour == "fails" or (behaviour == "fails-in-child" and os.getpid() != parent):
                raise RuntimeError(f"{code} broke")
            yield Finding(POSITION, "p", f"{code} ran in the parent: {os.getpid() == parent}")

    Probe.code = code
    return Probe


@pytest.fixture(scope="module")
def context(tree: Path) -> LintContext:
    loaded = load_organisation(tree)
    assert loaded.tree is not None
    result = lint(loaded, settings_for(tree, None, dt.date(2026, 1, 1)))
    assert result.structure is not None
    return LintContext(loaded.tree, result.structure, dt.date(2026, 1, 1))


def test_a_failing_child_leaves_its_rules_to_the_parent(
    context: LintContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rule_runs, "PARALLEL_MIN_POSITIONS", 0)
    monkeypatch.setattr(rule_runs, "_two_cores", lambda: True)
    rules = [_rule("X1", "works"), _rule("X2", "fails-in-child"), _rule("X3", "works")]
    runs = rule_runs.run_rules(rules, context, {rule.code: _Options() for rule in rules})
    assert [[f.message for f in findings] for findings, _ in runs] == [
        ["X1 ran in the parent: True"],
        ["X2 ran in the parent: True"],  # after the child failed on it
        ["X3 ran in the parent: True"],
    ]
    rules = [_rule("X1", "works"), _rule("X4", "works")]
    runs = rule_runs.run_rules(rules, context, {rule.code: _Options() for rule in rules})
    assert [f.message for f in runs[1][0]] == ["X4 ran in the parent: False"]


def test_a_rule_that_fails_raises_in_the_parent(
    context: LintContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rule_runs, "PARALLEL_MIN_POSITIONS", 0)
    monkeypatch.setattr(rule_runs, "_two_cores", lambda: True)
    rules = [_rule("X1", "works"), _rule("X2", "fails")]
    with pytest.raises(RuntimeError, match="X2 broke"):
        rule_runs.run_rules(rules, context, {rule.code: _Options() for rule in rules})


def test_the_split_keeps_shared_work_together_and_evens_the_costs() -> None:
    from boconf.rules.registry import RULES

    mine, theirs = rule_runs.split(RULES)
    assert sorted(mine + theirs) == list(range(len(RULES)))
    codes = [rule.code for rule in RULES]
    assert set(rule_runs.COSTS) | set(rule_runs.SHARED) <= set(codes)  # no stale code
    sides = {code: (0 if codes.index(code) in mine else 1) for code in codes}
    # The rules that read the units' work, and those that read the back-office line, each
    # run where it is computed, once.
    for shared in ("work", "back_office_line"):
        users = [code for code, key in rule_runs.SHARED.items() if key == shared]
        assert len(users) >= 2
        assert len({sides[code] for code in users}) == 1

    def cost(places: list[int]) -> int:
        return sum(rule_runs.COSTS.get(codes[index], rule_runs.DEFAULT_COST) for index in places)

    costliest = max(rule_runs.COSTS.values())
    assert abs(cost(mine) - cost(theirs)) <= costliest
    assert abs(cost(mine) - cost(theirs)) < 0.1 * (cost(mine) + cost(theirs))
    # Rules of unknown cost alternate, the first one here.
    probes = [_rule(f"X{number}", "works") for number in range(5)]
    assert rule_runs.split(probes) == ([0, 2, 4], [1, 3])
