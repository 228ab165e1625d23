"""Running the enabled rules, on two cores for a large organisation.

Rules are independent of one another and only read the tree and its shared structure, so a
large organisation's rules are shared between this process and one forked child: the child
inherits everything already built (no copy, no pickling of the tree), and sends back only its
findings. The rules are handed out one group at a time, the costliest first (:func:`order`),
to whichever process is free: a rule that takes longer than its measured cost (a depth limit
that finds 420,000 posts at a million) delays only its own side's next pick, and the other
process takes what is left. Each rule's findings are the same wherever it runs, and they are
put back in the rules' order, so the result does not depend on who ran what.

A child that fails for any reason (a rule raising, the child killed) leaves its rules to this
process, which runs them again: an error in a rule then surfaces here as it would have.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from boconf.rules.base import Finding, LintContext, Rule, RuleOptions

# Below this many positions the rules take well under a tenth of a second: a fork costs more
# than it saves.
PARALLEL_MIN_POSITIONS = 20_000

# A rule's findings and the seconds it took.
RuleRun = tuple[list[Finding], float]

# What the rules take, in milliseconds, at 1,000,000 positions: the generator's tree with its
# 420,000 depth findings, all rules in one process (where the order matters most: a rule that
# finds much, handed out last, keeps one process busy while the other waits). A rule not
# listed (a new one) counts as DEFAULT_COST. Only used to hand the costliest out first: a
# figure out of date costs time, never a finding.
COSTS = {
    "BO211": 1535,  # with the structure's work, which it computes first
    "BO108": 1112,  # 420,000 findings
    "BO204": 796,
    "BO214": 737,
    "BO113": 658,
    "BO213": 639,
    "BO112": 626,
    "BO110": 474,
    "BO202": 371,  # with the back-office line, which it computes first
    "BO207": 256,
    "BO114": 243,
    "BO107": 236,
    "BO115": 220,
    "BO109": 218,
    "BO203": 190,
    "BO106": 166,
    "BO216": 161,
    "BO217": 131,
    "BO201": 126,
    "BO205": 113,
    "BO206": 57,
    "BO212": 57,
    "BO111": 44,
    # Well under a millisecond: cycles and roots (read off the analysed forests), contracts.
    **dict.fromkeys(
        ("BO101", "BO102", "BO104", "BO105", "BO208", "BO209", "BO210", "BO215", "BO218"), 1
    ),
}
DEFAULT_COST = 100  # about what a rule that reads every post once takes
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
    groups = order(rules)
    # The queue of groups: two bytes each in a pipe that both processes read from. A read of
    # two bytes takes one group for that process alone (reads this small are atomic); the
    # end of the pipe is the end of the queue. (Written whole before anyone reads: a pipe
    # holds 64 KiB, thousands of rules.)
    queue_read, queue_write = os.pipe()
    os.write(queue_write, b"".join(group.to_bytes(2, "big") for group in range(len(groups))))
    os.close(queue_write)
    # The child's findings go into a file in memory, a group at a time as it finishes them:
    # it never waits for this process to read them (through a pipe, hundreds of thousands
    # of findings waited until this process had run all its own rules).
    scratch = _scratch_file()
    read_end, write_end = os.pipe()  # the child writes DONE into it after its last group
    try:
        pid = os.fork()
    except OSError:  # no process to be had (a limit reached): every rule runs here
        for descriptor in (queue_read, scratch, read_end, write_end):
            os.close(descriptor)
        return [_run(rule, context, options) for rule in rules]
    if pid == 0:  # pragma: no cover - the child (coverage does not follow a fork)
        _child(write_end, read_end, scratch, queue_read, groups, rules, context, options)
    os.close(write_end)
    runs: dict[int, RuleRun] = {}
    try:
        for group in _taken(queue_read):
            runs.update((index, _run(rules[index], context, options)) for index in groups[group])
    except BaseException:
        # A rule raised here: its error is the run's; the child's work is moot.
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read_end)
        os.close(scratch)
        raise
    finally:
        os.close(queue_read)
    with os.fdopen(read_end, "rb") as pipe:
        done = pipe.read() == DONE
    try:
        received = _received(scratch) if done else None
    finally:
        os.close(scratch)
    os.waitpid(pid, 0)
    if received is not None:
        runs.update(received)
    # What the child did not send back (it failed): run here, where an error surfaces.
    for index in range(len(rules)):
        if index not in runs:
            runs[index] = _run(rules[index], context, options)
    return [runs[index] for index in range(len(rules))]


def order(rules: Sequence[type[Rule[Any]]]) -> list[list[int]]:
    """The places (in ``rules``) of the rules, in the groups they are handed out in: rules
    that share a computation together, the costliest group first (on a tie, the group of the
    earlier rule)."""
    groups: dict[str, list[int]] = {}
    for index, rule in enumerate(rules):
        groups.setdefault(SHARED.get(rule.code, rule.code), []).append(index)
    costs = {
        key: sum(COSTS.get(rules[index].code, DEFAULT_COST) for index in members)
        for key, members in groups.items()
    }
    return [groups[key] for key in sorted(groups, key=lambda key: (-costs[key], groups[key][0]))]


def _taken(queue: int) -> Iterator[int]:
    """The groups this process takes from the queue, one at a time, until it is empty."""
    while taken := os.read(queue, 2):
        yield int.from_bytes(taken, "big")


def _run(
    rule: type[Rule[Any]], context: LintContext, options: Mapping[str, RuleOptions]
) -> RuleRun:
    started = time.perf_counter()
    findings = list(rule().check(context, options[rule.code]))
    return findings, time.perf_counter() - started


def _child(
    write_end: int,
    read_end: int,
    scratch: int,
    queue: int,
    groups: Sequence[Sequence[int]],
    rules: Sequence[type[Rule[Any]]],
    context: LintContext,
    options: Mapping[str, RuleOptions],
) -> None:  # pragma: no cover - runs in the forked child
    """Run the groups taken from ``queue``, each group's findings written to ``scratch`` as
    a frame (its length, then the findings) when it is done; then DONE to ``write_end``, and
    end the process: never return into the caller's code, never flush the parent's buffered
    output, run no exit handlers."""
    code = 1
    try:
        os.close(read_end)
        for group in _taken(queue):
            payload = _encode(
                [(index, _run(rules[index], context, options)) for index in groups[group]]
            )
            _write_all(scratch, len(payload).to_bytes(8, "big"))
            _write_all(scratch, payload)
        os.write(write_end, DONE)
        code = 0
    finally:
        os._exit(code)


# What the child writes when every group it took is in the scratch file, whole.
DONE = b"done"


def _scratch_file() -> int:
    """A file descriptor for an empty file the child writes and this process reads: in
    memory where the system has such files (Linux), else an unnamed temporary file."""
    with contextlib.suppress(AttributeError, OSError):
        return os.memfd_create("boconf-rule-runs", os.MFD_CLOEXEC)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - its descriptor outlives the object
    return os.dup(handle.fileno())


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _received(scratch: int) -> dict[int, RuleRun] | None:
    """The child's runs, from the frames in ``scratch``; None when one does not read back."""
    size = os.fstat(scratch).st_size
    data = bytearray()
    while len(data) < size:
        chunk = os.pread(scratch, size - len(data), len(data))
        if not chunk:
            return None
        data += chunk
    view, received, at = memoryview(data), {}, 0
    while at < size:
        length = int.from_bytes(view[at : at + 8], "big")
        decoded = _decode(view[at + 8 : at + 8 + length]) if at + 8 + length <= size else None
        if decoded is None:
            return None
        received.update(decoded)
        at += 8 + length
    return received


def _encode(runs: list[tuple[int, RuleRun]]) -> bytes:
    """Each rule's place and findings as plain tuples in :mod:`marshal` (a tenth of pickle's
    cost: at a million positions a rule can find hundreds of thousands)."""
    return marshal.dumps(
        [(index, [tuple(f) for f in findings], seconds) for index, (findings, seconds) in runs]
    )


def _decode(payload: bytes | memoryview) -> dict[int, RuleRun] | None:
    with contextlib.suppress(EOFError, ValueError, TypeError):
        return {
            # A finding again from the plain tuple it crossed as, without calling a constructor
            # (one of the wrong length raises TypeError: the child's payload is then refused).
            index: (list(map(Finding._make, findings)), seconds)
            for index, findings, seconds in marshal.loads(payload)
        }
    return None


def _two_cores() -> bool:
    if not hasattr(os, "fork"):  # pragma: no cover - not on POSIX
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except AttributeError:  # pragma: no cover - not on Linux
        return (os.cpu_count() or 1) > 1
