"""Parse many files on the other cores while this process validates.

Parsing is the bulk of the work and each file is independent, so files go to forked worker
processes in input order; the caller consumes results as they arrive, which overlaps its own
work (validation) with the parsing. Small trees are parsed in-process: workers cost more than
they save below a few hundred kilobytes.

Each worker writes its parses into a pipe of its own, which this process reads in its main
thread. Not a ``multiprocessing.Pool``: the pool's result thread takes the results off the
pipe and hands them over, and at 100,000 positions that cost the process the run waits on
about a tenth of a second of its CPU, and the hand-over of the interpreter lock between the
two threads more.
"""

from __future__ import annotations

import contextlib
import fcntl
import marshal
import os
import pickle
import signal
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from boconf.loading.cache import ParseCache
from boconf.loading.disk_cache import DiskCache
from boconf.loading.limits import Limits
from boconf.loading.parse import CommentSuppression, Document, ParsedFile, parse_file
from boconf.util.workers import default_jobs

PARALLEL_MIN_BYTES = 512 * 1024
# How far a worker parses ahead of the caller: its pipe and the buffers at either end hold
# this much each. Not every file: when the workers parse faster than the caller validates,
# every parsed file would wait in this process (at a million positions, gigabytes of
# values). Enough that the workers parse on while the caller imports its validator.
PIPE_BYTES = 1024 * 1024

# A file to parse: (path, display, the content digest to cache its parse under, or None).
Task = tuple[str, str, bytes | None]


def _parse_one(task: Task, limits: Limits, writer: DiskCache | None) -> ParsedFile:
    """Parse one file; with a writer, also write its cache entry (in the worker, on every
    core: encoding and writing entries is too much work for the process that validates)."""
    path, display, digest = task
    parsed = parse_file(path, display, limits)
    if writer is not None and digest is not None:
        writer.put(digest, parsed)
    return parsed


def parse_files(
    files: Sequence[tuple[str, str]],
    limits: Limits,
    jobs: int | None = None,
    cache: ParseCache | None = None,
) -> Iterator[ParsedFile]:
    """One :class:`ParsedFile` per ``(path, display)`` pair, in input order.

    The workers start at once, not at the first ``next()``: the caller can import what it
    needs to consume the results (the models, pydantic) while they parse.

    With a ``cache``, files whose content was parsed before are taken from it and only the
    others are parsed; what is parsed goes into the cache.
    """
    if cache is None:
        return _parse_all([(path, display, None) for path, display in files], limits, jobs)
    # Which files the cache holds is decided first (cheaply: by name), so that the others
    # are parsed by the workers meanwhile; the held entries are read one at a time, in order,
    # never all at once.
    digests = [cache.digest(path, limits) for path, _ in files]
    held = [cache.holds(digest) for digest in digests]
    misses = [
        (path, display, digest)
        for (path, display), digest, hit in zip(files, digests, held, strict=True)
        if not hit
    ]
    parsed = _parse_all(misses, limits, jobs, cache.disk)
    return _merged(files, digests, held, parsed, cache, limits)


def _merged(
    files: Sequence[tuple[str, str]],
    digests: Sequence[bytes | None],
    held: Sequence[bool],
    parsed: Iterator[ParsedFile],
    cache: ParseCache,
    limits: Limits,
) -> Iterator[ParsedFile]:
    """The cache's entries where it holds them, the parses of the others between them."""
    for (path, display), digest, hit in zip(files, digests, held, strict=True):
        found = cache.get(digest, path, display) if hit else None
        if found is None:
            # Not held, or held but unreadable (damaged since): parse it now.
            task = (path, display, digest)
            found = _parse_one(task, limits, cache.disk) if hit else next(parsed)
            cache.put(digest, found, written=True)
        yield found


def _parse_all(
    tasks: Sequence[Task], limits: Limits, jobs: int | None, writer: DiskCache | None = None
) -> Iterator[ParsedFile]:
    """The parses of ``tasks`` in order: on workers started now, or here as they are asked
    for."""
    workers = _workers(jobs, writing=writer is not None)
    total = 0
    for path, _, _ in tasks:
        with contextlib.suppress(OSError):  # unreadable files are reported by the parser
            total += Path(path).stat().st_size
    if workers < 1 or len(tasks) < 2 or total < PARALLEL_MIN_BYTES or not hasattr(os, "fork"):
        return (_parse_one(task, limits, writer) for task in tasks)
    chunksize = max(1, min(16, len(tasks) // (workers * 8)))
    chunks = [tasks[start : start + chunksize] for start in range(0, len(tasks), chunksize)]
    running = _Workers(chunks, min(workers, len(chunks)), limits, writer)
    results = _results(chunks, running, limits, writer)
    # The workers end with the last result; if the caller drops the results before taking
    # them all, or before taking any (an error between the call and the first next()), they
    # are ended when the results are collected, not at exit.
    weakref.finalize(results, running.stop)
    return results


class _Workers:
    """Forked workers, started at once: worker k parses chunks k, k + n, k + 2n, ... and
    writes each file's parse into a pipe of its own as a frame (a kind, a length, the bytes).
    fork: the workers inherit the imported modules, so they start in milliseconds."""

    def __init__(
        self,
        chunks: Sequence[Sequence[Task]],
        count: int,
        limits: Limits,
        writer: DiskCache | None,
    ) -> None:
        self.pids: list[int] = []  # emptied once they are waited for (a pid is then reused)
        self.pipes: list[BinaryIO] = []
        for k in range(count):
            read_end, write_end = os.pipe()
            with contextlib.suppress(OSError, AttributeError):
                # A pipe of a megabyte: a worker parses that far ahead (about sixty files)
                # before it waits for this process; the default 64 KiB holds four.
                fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the worker (coverage does not follow a fork)
                _work(write_end, [*self.pipes, read_end], chunks[k::count], limits, writer)
            os.close(write_end)
            self.pids.append(pid)
            self.pipes.append(os.fdopen(read_end, "rb", buffering=PIPE_BYTES))

    def pipe_of(self, chunk: int) -> BinaryIO:
        return self.pipes[chunk % len(self.pipes)]

    def wait(self) -> None:
        """All results taken: close the pipes, let the workers end."""
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
    chunks: Sequence[Sequence[Task]],
    limits: Limits,
    writer: DiskCache | None,
) -> None:  # pragma: no cover - runs in the forked worker
    """Parse ``chunks`` into ``write_end``, then end the process: never return into the
    caller's code, never flush the parent's buffered output, run no exit handlers."""
    code = 1
    try:
        for other in inherited:  # the read ends of this pipe and the earlier workers' pipes
            os.close(other if isinstance(other, int) else other.fileno())
        with os.fdopen(write_end, "wb", buffering=PIPE_BYTES) as pipe:
            for chunk in chunks:
                for task in chunk:
                    packed = _pack(_parse_one(task, limits, writer))
                    if isinstance(packed, ParsedFile):  # it has diagnostics: pickled
                        kind, payload = b"p", pickle.dumps(packed, pickle.HIGHEST_PROTOCOL)
                    else:
                        kind, payload = b"m", packed
                    pipe.write(kind + len(payload).to_bytes(8, "big"))
                    pipe.write(payload)
                pipe.flush()  # a chunk at a time: the caller may be waiting for its first
        code = 0
    finally:
        os._exit(code)


def _results(
    chunks: Sequence[Sequence[Task]], workers: _Workers, limits: Limits, writer: DiskCache | None
) -> Iterator[ParsedFile]:
    """The parses of ``chunks`` in order, read from the workers' pipes. A worker that fails
    (ends early, sends what does not read back) leaves its files and all after them to this
    process, which parses them: an error in the parser surfaces here as it would have."""
    for index, chunk in enumerate(chunks):
        pipe = workers.pipe_of(index)
        for done in range(len(chunk)):
            parsed = _frame(pipe)
            if parsed is None:
                workers.stop()
                for rest in [chunk[done:], *chunks[index + 1 :]]:
                    for task in rest:
                        yield _parse_one(task, limits, writer)
                return
            yield parsed
    workers.wait()


def _frame(pipe: BinaryIO) -> ParsedFile | None:
    """The next parse from a worker's pipe, or None when it does not read back whole."""
    header = pipe.read(9)
    if len(header) != 9:
        return None
    size = int.from_bytes(header[1:], "big")
    payload = pipe.read(size)
    if len(payload) != size:
        return None
    with contextlib.suppress(EOFError, ValueError, TypeError, pickle.UnpicklingError):
        if header[:1] == b"m":
            return _unpack(payload)
        parsed = pickle.loads(payload)
        if isinstance(parsed, ParsedFile):
            return parsed
    return None


def _workers(jobs: int | None, writing: bool = False) -> int:
    """How many processes parse beside this one (0: this one parses).

    By default one fewer than the cores: this process validates what they parse, and it is
    the one the run waits on. A worker for every core ran three busy processes on two cores
    (100,000 positions: 1.87 s against 1.77 s with one worker). Workers that also encode and
    write cache entries (``writing``) have more to do than this process: one per core then
    (a first check with the cache: 3.24 s against 3.66 s with one). An explicit ``jobs`` is the
    number of workers, and 1 parses here."""
    if jobs is None:
        cores = default_jobs()
        return cores if writing and cores > 1 else cores - 1  # one core: parsed here
    return jobs if jobs > 1 else 0


def _pack(parsed: ParsedFile) -> ParsedFile | bytes:
    """A clean file's parse as :mod:`marshal` bytes, for the trip back from a worker.

    Pickling the slotted dataclasses costs about ten times what marshal takes for the same
    values (plain str, int, float, bool, None, list and dict: the YAML resolver makes nothing
    else), and it is done for every file. A file with diagnostics, or holding a value marshal
    refuses, travels as itself (pickled by the pool)."""
    if parsed.diagnostics:
        return parsed
    try:
        return marshal.dumps(
            (
                parsed.path,
                parsed.display,
                [(d.index, d.line, d.column, d.data) for d in parsed.documents],
                parsed.lost_ids,
                parsed.lost,
                [tuple(suppression) for suppression in parsed.suppressions],
            )
        )
    except ValueError:  # pragma: no cover - a value type the resolver does not make
        return parsed


def _unpack(packed: bytes) -> ParsedFile:
    path, display, documents, lost_ids, lost, suppressions = marshal.loads(packed)
    return ParsedFile(
        path,
        display,
        [Document(*document) for document in documents],
        [],
        lost_ids,
        lost,
        [CommentSuppression(*suppression) for suppression in suppressions],
    )
