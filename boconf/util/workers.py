"""Running a function over many items on every core, in forked worker processes.

Kept apart from :mod:`boconf.loading.parallel` (which parses files) so that a command that
only writes files, such as an import, does not load the YAML parser to use it.

:func:`forked_map` is the engine: workers forked at the call, each writing its results into
a pipe of its own that the caller reads in its main thread. Not a ``multiprocessing.Pool``:
the pool's result thread takes the results off the pipe and hands them over, which cost the
process that waits for them a sixth of a 100,000-position validate.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import signal
import weakref
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import Any, BinaryIO, TypeVar


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


T = TypeVar("T")
R = TypeVar("R")


def run_parallel(
    function: Callable[[T], R], items: Sequence[T], jobs: int | None = None
) -> list[R]:
    """``[function(item) for item in items]`` on every core when worth it: this process takes
    its share, beside ``jobs - 1`` forked workers (one on two cores). The workers read what
    ``function`` needs from this process's memory (a module global set before the call),
    not pickled; their results come back pickled."""
    jobs = _pool_size(jobs, items)
    if not jobs:
        return [function(item) for item in items]
    chunksize = max(1, min(16, len(items) // (jobs * 8)))
    return list(forked_map(function, items, jobs - 1, chunksize=chunksize, here=True))


# How far a worker runs ahead of the caller: its pipe and the buffers at either end hold
# this much each (the default pipe holds 64 KiB).
PIPE_BYTES = 1024 * 1024


def forked_map(
    work: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    *,
    chunksize: int,
    here: bool = False,
    pack: Callable[[R], bytes] = pickle.dumps,
    unpack: Callable[[bytes], R] = pickle.loads,
) -> Iterator[R]:
    """``work(item)`` for each item, in order, each as soon as it and those before it are
    done. The items go in chunks of ``chunksize`` to ``workers`` processes forked now (not at
    the first ``next()``: the caller can do its own work meanwhile), in turn, and with
    ``here`` to this process too, which runs its chunks as it comes to them.

    A worker that fails (ends early, or writes what does not unpack) leaves its items and
    all after them to this process, which runs them: an error in ``work`` surfaces here as it
    would have. If the caller drops the results before taking them all, the workers are
    ended then, not at exit."""
    chunks = [items[start : start + chunksize] for start in range(0, len(items), chunksize)]
    mine = 1 if here else 0  # lane 0 is this process's when it takes a share
    lanes = mine + workers
    running = _Workers()
    try:
        for lane in range(mine, min(lanes, len(chunks))):
            running.start(work, chunks[lane::lanes], pack)
    except OSError:  # no process to be had (a limit reached): everything runs here
        running.stop()
        return map(work, items)
    results = _ordered(work, chunks, lanes, here, running, unpack)
    weakref.finalize(results, running.stop)
    return results


class _Workers:
    """Forked workers: each writes a frame (a length, the bytes) per item into its pipe."""

    def __init__(self) -> None:
        self.pids: list[int] = []  # emptied once they are waited for (a pid is then reused)
        self.pipes: list[BinaryIO] = []

    def start(
        self,
        work: Callable[[Any], Any],
        chunks: Sequence[Sequence[Any]],
        pack: Callable[[Any], bytes],
    ) -> None:
        read_end, write_end = os.pipe()
        with contextlib.suppress(OSError, AttributeError):  # (Linux only)
            fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            raise
        if pid == 0:  # pragma: no cover - the worker (coverage does not follow a fork)
            _work(write_end, [*self.pipes, read_end], work, chunks, pack)
        os.close(write_end)
        self.pids.append(pid)
        self.pipes.append(os.fdopen(read_end, "rb", buffering=PIPE_BYTES))

    def wait(self) -> None:
        """Close the pipes and wait for the workers to end."""
        for pipe in self.pipes:
            pipe.close()
        for pid in self.pids:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self.pids.clear()

    def stop(self) -> None:
        """End the workers still running (the results were dropped, or one failed)."""
        for pid in self.pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.wait()


def _work(
    write_end: int,
    inherited: list[BinaryIO | int],
    work: Callable[[Any], Any],
    chunks: Sequence[Sequence[Any]],
    pack: Callable[[Any], bytes],
) -> None:  # pragma: no cover - runs in the forked worker
    """Run ``chunks`` into ``write_end``, then end the process: never return into the
    caller's code, never flush the parent's buffered output, run no exit handlers."""
    code = 1
    try:
        for other in inherited:  # the read ends of this pipe and the earlier workers' pipes
            os.close(other if isinstance(other, int) else other.fileno())
        with os.fdopen(write_end, "wb", buffering=PIPE_BYTES) as pipe:
            for chunk in chunks:
                for item in chunk:
                    payload = pack(work(item))
                    pipe.write(len(payload).to_bytes(8, "big"))
                    pipe.write(payload)
                pipe.flush()  # a chunk at a time: the caller may be waiting for its first
        code = 0
    finally:
        os._exit(code)


def _ordered(
    work: Callable[[T], R],
    chunks: Sequence[Sequence[T]],
    lanes: int,
    here: bool,
    workers: _Workers,
    unpack: Callable[[bytes], R],
) -> Iterator[R]:
    """The results of ``chunks`` in order: chunk i from lane i % lanes (lane 0 is this
    process when ``here``)."""
    for index, chunk in enumerate(chunks):
        lane = index % lanes
        if here and lane == 0:
            yield from map(work, chunk)
            continue
        pipe = workers.pipes[lane - 1 if here else lane]
        for done in range(len(chunk)):
            try:
                result = unpack(_frame(pipe))
            except Exception:  # whatever went wrong, the worker's output is not trusted
                workers.stop()
                for rest in [chunk[done:], *chunks[index + 1 :]]:
                    yield from map(work, rest)
                return
            yield result
    workers.wait()


def _frame(pipe: BinaryIO) -> bytes:
    """The next frame's bytes; EOFError when the pipe ends before it does."""
    header = pipe.read(8)
    size = int.from_bytes(header, "big")
    payload = pipe.read(size) if len(header) == 8 else b""
    if len(header) != 8 or len(payload) != size:
        raise EOFError("a worker ended in the middle of its results")
    return payload


def each_parallel(
    function: Callable[[T], R], items: Sequence[T], jobs: int | None = None, chunksize: int = 0
) -> Generator[R, None, None]:
    """``function(item)`` for each item, in order, each as soon as it and those before it are
    done: on ``jobs`` forked workers (every core) when worth it, while this process uses what
    they return. ``chunksize``: items sent to a worker at a time (0: a few per worker, for
    many quick items).
    """
    jobs = _pool_size(jobs, items)
    if not jobs:
        yield from (function(item) for item in items)
        return
    chunksize = chunksize or max(1, min(16, len(items) // (jobs * 8)))
    yield from forked_map(function, items, jobs, chunksize=chunksize)


def _pool_size(jobs: int | None, items: Sequence[object]) -> int:
    """How many processes to share ``items`` among: 0 to run them here (one core, a handful
    of items, or no fork on this platform)."""
    jobs = default_jobs() if jobs is None else jobs
    if jobs <= 1 or len(items) < 8 or not hasattr(os, "fork"):
        return 0
    return jobs
