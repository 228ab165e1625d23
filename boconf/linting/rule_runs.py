"""Running the enabled rules, on two cores for a large organisation.

Rules are independent of one another and only read the tree and its shared structure, so a
large organisation's rules are split between this process and one forked child: the child
inherits everything already built (no copy, no pickling of the tree), runs every other rule
and sends back only its findings. Each rule's findings are the same wherever it runs, and
they are put back in the rules' order, so the result does not depend on the split.

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


def run_rules(
    rules: Sequence[type[Rule[Any]]], context: LintContext, options: Mapping[str, RuleOptions]
) -> list[RuleRun]:
    """Each rule's findings and time, in the order of ``rules``."""
    if len(rules) < 2 or len(context.tree.positions) < PARALLEL_MIN_POSITIONS or not _two_cores():
        return [_run(rule, context, options) for rule in rules]
    theirs = list(range(1, len(rules), 2))
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (coverage does not follow a fork)
        _child(write_end, read_end, [rules[index] for index in theirs], context, options)
    os.close(write_end)
    runs: dict[int, RuleRun] = {
        index: _run(rules[index], context, options) for index in range(0, len(rules), 2)
    }
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    received = _decode(payload) if os.waitstatus_to_exitcode(status) == 0 else None
    if received is None or len(received) != len(theirs):
        received = [_run(rules[index], context, options) for index in theirs]
    runs.update(zip(theirs, received, strict=True))
    return [runs[index] for index in range(len(rules))]


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
