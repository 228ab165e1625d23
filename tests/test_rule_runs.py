"""The rules on two cores (boconf.linting.rule_runs): the same findings, in the same order, as
on one; a child that fails leaves its rules to the parent, and a rule's error surfaces there."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
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
            if behaviour == "slow":
                time.sleep(1.0)
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


@pytest.fixture
def two_sided(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rules shared with a child however small the tree and however many the cores."""
    monkeypatch.setattr(rule_runs, "PARALLEL_MIN_POSITIONS", 0)
    monkeypatch.setattr(rule_runs, "_two_cores", lambda: True)


def _probes(context: LintContext, rules: list[type[Rule[_Options]]]) -> list[rule_runs.RuleRun]:
    return rule_runs.run_rules(rules, context, {rule.code: _Options() for rule in rules})


def _in_parent(runs: list[rule_runs.RuleRun]) -> list[str]:
    """For each probe's finding, in order: "True" where the parent ran it, else "False"."""
    return [f.message.split(": ")[1] for findings, _ in runs for f in findings]


@pytest.mark.usefixtures("two_sided")
def test_a_failing_child_leaves_its_rules_to_the_parent(context: LintContext) -> None:
    rules = [_rule("X1", "works"), _rule("X2", "fails-in-child"), _rule("X3", "works")]
    runs = _probes(context, rules)
    messages = [[f.message for f in findings] for findings, _ in runs]
    # Whichever process took X2 first, the parent ran it: after the child failed on it, or
    # because it took it itself. (Which process takes X1 and X3 depends on which of the two
    # reads the queue first: not asserted.)
    assert messages[1] == ["X2 ran in the parent: True"]
    assert [message[0].split(" ran")[0] for message in messages] == ["X1", "X2", "X3"]
    # Two slow rules: each process takes one while the other runs its own.
    rules = [_rule("X1", "slow"), _rule("X4", "slow")]
    runs = _probes(context, rules)
    assert sorted(_in_parent(runs)) == ["False", "True"]


@pytest.mark.usefixtures("two_sided")
def test_a_rule_slower_than_its_cost_leaves_the_rest_to_the_other_process(
    context: LintContext,
) -> None:
    # All of unknown (equal) cost: handed out in their order. One process takes the slow
    # first one; while it runs, the other takes every other, where a split fixed in advance
    # would have left half of them to wait for it.
    rules = [_rule("X0", "slow"), *(_rule(f"X{n}", "works") for n in range(1, 6))]
    runs = _probes(context, rules)
    where = _in_parent(runs)
    assert where[1:] == [where[1]] * 5 != [where[0]] * 5


@pytest.mark.usefixtures("two_sided")
def test_a_rule_that_fails_raises_in_the_parent(context: LintContext) -> None:
    rules = [_rule("X1", "works"), _rule("X2", "fails")]
    with pytest.raises(RuntimeError, match="X2 broke"):
        _probes(context, rules)


def test_the_queue_keeps_shared_work_together_and_hands_out_the_costliest_first() -> None:
    from boconf.rules.registry import RULES

    groups = rule_runs.order(RULES)
    assert sorted(index for group in groups for index in group) == list(range(len(RULES)))
    codes = [rule.code for rule in RULES]
    assert set(rule_runs.COSTS) | set(rule_runs.SHARED) <= set(codes)  # no stale code
    # The rules that read the units' work, and those that read the back-office line, each
    # run where it is computed, once.
    for shared in ("work", "back_office_line"):
        users = {code for code, key in rule_runs.SHARED.items() if key == shared}
        assert len(users) >= 2
        assert [group for group in groups if users & {codes[i] for i in group}] == [
            [codes.index(code) for code in sorted(users, key=codes.index)]
        ]

    def cost(group: list[int]) -> int:
        return sum(rule_runs.COSTS.get(codes[index], rule_runs.DEFAULT_COST) for index in group)

    costs = [cost(group) for group in groups]
    assert costs == sorted(costs, reverse=True)
    assert groups[0] == [codes.index(code) for code in ("BO211", "BO212", "BO214")]
    # Rules of unknown cost come in their order.
    probes = [_rule(f"X{number}", "works") for number in range(5)]
    assert rule_runs.order(probes) == [[0], [1], [2], [3], [4]]


def test_findings_cross_from_the_child_as_they_were_and_a_damaged_payload_is_refused() -> None:
    import marshal

    findings = [
        Finding(POSITION, "p1", "too deep", "raise max_layers", ("id",)),
        Finding("unit", "u1", "no manager", at=("manager",)),
    ]
    payload = rule_runs._encode([(3, (findings, 0.25)), (0, ([], 0.0))])
    decoded = rule_runs._decode(payload)
    assert decoded == {3: (findings, 0.25), 0: ([], 0.0)}
    assert decoded is not None and all(type(f) is Finding for f in decoded[3][0])
    assert decoded[3][0][1].hint == ""
    # A finding of the wrong length, a truncated payload: refused, the parent runs the rules.
    assert rule_runs._decode(marshal.dumps([(3, [("position", "p1")], 0.1)])) is None
    assert rule_runs._decode(payload[:-3]) is None


def test_the_child_s_frames_are_read_back_whole_or_not_at_all() -> None:
    findings = [Finding(POSITION, "p1", "too deep", "raise max_layers", ("id",))]
    frames = [
        rule_runs._encode([(3, (findings, 0.25))]),
        rule_runs._encode([(0, ([], 0.0)), (1, (findings * 2, 0.5))]),
    ]
    scratch = rule_runs._scratch_file()
    try:
        for payload in frames:
            rule_runs._write_all(scratch, len(payload).to_bytes(8, "big"))
            rule_runs._write_all(scratch, payload)
        assert rule_runs._received(scratch) == {
            3: (findings, 0.25),
            0: ([], 0.0),
            1: (findings * 2, 0.5),
        }
        # A frame cut short (the child killed while writing it): nothing is taken from it.
        rule_runs._write_all(scratch, (1000).to_bytes(8, "big") + frames[0])
        assert rule_runs._received(scratch) is None
    finally:
        os.close(scratch)


@pytest.mark.usefixtures("two_sided")
def test_without_files_in_memory_the_child_writes_to_a_temporary_file(
    context: LintContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "memfd_create")
    rules = [_rule("X1", "slow"), _rule("X4", "slow")]
    runs = _probes(context, rules)
    # One ran in the child, and its findings came back through the file.
    assert sorted(_in_parent(runs)) == ["False", "True"]


@pytest.mark.usefixtures("two_sided")
def test_when_no_child_can_be_forked_every_rule_runs_here(
    context: LintContext, monkeypatch: pytest.MonkeyPatch
) -> None:

    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    rules = [_rule("X1", "works"), _rule("X2", "works")]
    runs = _probes(context, rules)
    assert [f.message for findings, _ in runs for f in findings] == [
        "X1 ran in the parent: True",
        "X2 ran in the parent: True",
    ]
