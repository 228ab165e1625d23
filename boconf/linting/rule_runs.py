"""Running the enabled rules, on two cores for a large organisation.

Rules are independent of one another and only read the tree and its shared structure, so a
large organisation's rules are split between this process and one forked child: the child
inherits everything already built (no copy, no pickling of the tree), runs about half of the
rules by their cost (:func:`split`) and sends back only its findings. Each rule's findings are
the same wherever it runs, and they are put back in the rules' order, so the result does not
depend on the split.

A child that fails for any reason (a rule raising, the child killed) leaves its rules to this
process, which runs them again: an error in a rule then surfaces here as it would have.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import time
from collections.abc import Mapping, Sequence
from typing import Any

from boconf.rules.base import Finding, LintContext, Rule, RuleOptions

# Below this many positions the rules take well under a tenth of a second: a fork costs more
# than it saves.
PARALLEL_MIN_POSITIONS = 20_000

# A rule's findings and the seconds it took.
RuleRun = tuple[list[Finding], float]

# What the rules take, in milliseconds, at 100,000 positions (``boconf check --timings`` on
# the benchmark tree, all rules in one process); a rule not listed (a new one) counts as
# DEFAULT_COST. Only used to split the rules evenly: a figure out of date costs time, never a
# finding.
COSTS = {
    "BO211": 137,  # with the structure's work, which it computes first
    "BO106": 87,
    "BO214": 70,
    "BO204": 57,
    "BO112": 50,
    "BO213": 49,
    "BO113": 46,
    "BO202": 35,
    "BO110": 31,
    "BO115": 28,
    "BO207": 22,
    "BO114": 19,
    "BO203": 18,
    "BO107": 16,
    "BO109": 16,
    "BO216": 13,
    "BO108": 12,
    "BO201": 12,
    "BO205": 9,
    "BO217": 9,
    "BO206": 5,
    "BO212": 5,
    "BO111": 3,
    # Well under a millisecond: cycles and roots (read off the analysed forests), contracts.
    **dict.fromkeys(
        ("BO101", "BO102", "BO104", "BO105", "BO208", "BO209", "BO210", "BO215", "BO218"), 1
    ),
}
DEFAULT_COST = 10
# Rules that read the same costly part of the structure, computed by the first rule that asks
# for it in each process: kept on one side, it is computed once (the units' work: a fifth of
# all the rules' time at 100,000 positions; the back-office line: every post below the head).
SHARED = {
    "BO211": "work",
    "BO212": "work",
    "BO214": "work",
    "BO202": "back_office_line",
    "BO203": "back_office_line",
}


def run_rules(
    rules: Sequence[type[Rule[Any]]], context: LintContext, options: Mapping[str, RuleOptions]
) -> list[RuleRun]:
    """Each rule's findings and time, in the order of ``rules``."""
    if len(rules) < 2 or len(context.tree.positions) < PARALLEL_MIN_POSITIONS or not _two_cores():
        return [_run(rule, context, options) for rule in rules]
    mine, theirs = split(rules)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (coverage does not follow a fork)
        _child(write_end, read_end, [rules[index] for index in theirs], context, options)
    os.close(write_end)
    runs: dict[int, RuleRun] = {index: _run(rules[index], context, options) for index in mine}
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    received = _decode(payload) if os.waitstatus_to_exitcode(status) == 0 else None
    if received is None or len(received) != len(theirs):
        received = [_run(rules[index], context, options) for index in theirs]
    runs.update(zip(theirs, received, strict=True))
    return [runs[index] for index in range(len(rules))]


def split(rules: Sequence[type[Rule[Any]]]) -> tuple[list[int], list[int]]:
    """The places (in ``rules``) of the rules this process runs and of those its child runs.

    The costliest first, each to the side with less to do so far (this one on a tie); rules
    that share a computation go together. Rules of equal cost alternate."""
    groups: dict[str, list[int]] = {}
    for index, rule in enumerate(rules):
        groups.setdefault(SHARED.get(rule.code, rule.code), []).append(index)
    costs = {
        key: sum(COSTS.get(rules[index].code, DEFAULT_COST) for index in members)
        for key, members in groups.items()
    }
    mine: list[int] = []
    theirs: list[int] = []
    load = [0, 0]
    for key in sorted(groups, key=lambda key: (-costs[key], groups[key][0])):
        side = 0 if load[0] <= load[1] else 1
        (mine if side == 0 else theirs).extend(groups[key])
        load[side] += costs[key]
    return sorted(mine), sorted(theirs)


def _run(
    rule: type[Rule[Any]], context: LintContext, options: Mapping[str, RuleOptions]
) -> RuleRun:
    started = time.perf_counter()
    findings = list(rule().check(context, options[rule.code]))
    return findings, time.perf_counter() - started


def _child(
    write_end: int,
    read_end: int,
    rules: Sequence[type[Rule[Any]]],
    context: LintContext,
    options: Mapping[str, RuleOptions],
) -> None:  # pragma: no cover - runs in the forked child
    """Run ``rules``, write their findings to ``write_end`` and end the process: never return
    into the caller's code, never flush the parent's buffered output, run no exit handlers."""
    code = 1
    try:
        os.close(read_end)
        payload = _encode([_run(rule, context, options) for rule in rules])
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        code = 0
    finally:
        os._exit(code)


def _encode(runs: list[RuleRun]) -> bytes:
    """Findings as plain tuples in :mod:`marshal` (a tenth of pickle's cost: at a million
    positions a rule can find hundreds of thousands)."""
    return marshal.dumps(
        [
            ([(f.kind, f.id, f.message, f.hint, f.at) for f in findings], seconds)
            for findings, seconds in runs
        ]
    )


def _decode(payload: bytes) -> list[RuleRun] | None:
    with contextlib.suppress(EOFError, ValueError, TypeError):
        return [
            ([Finding(*finding) for finding in findings], seconds)
            for findings, seconds in marshal.loads(payload)
        ]
    return None


def _two_cores() -> bool:
    if not hasattr(os, "fork"):  # pragma: no cover - not on POSIX
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except AttributeError:  # pragma: no cover - not on Linux
        return (os.cpu_count() or 1) > 1
