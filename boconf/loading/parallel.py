"""Parse many files on the other cores while this process validates.

Parsing is the bulk of the work and each file is independent, so files go to a pool of
forked worker processes in input order; the caller consumes results as they arrive, which
overlaps its own work (validation) with the parsing. Small trees are parsed in-process: a
pool costs more than it saves below a few hundred kilobytes.
"""

from __future__ import annotations

import contextlib
import marshal
import multiprocessing
import weakref
from collections import deque
from collections.abc import Iterator, Sequence
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from boconf.loading.cache import ParseCache
from boconf.loading.disk_cache import DiskCache
from boconf.loading.limits import Limits
from boconf.loading.parse import CommentSuppression, Document, ParsedFile, parse_file
from boconf.util.workers import default_jobs

PARALLEL_MIN_BYTES = 512 * 1024
# Chunks handed to each worker ahead of the caller, not all of them (pool.imap): when the
# workers parse faster than the caller validates, every parsed file would wait in this
# process (at a million positions, gigabytes of values). Enough of them that the workers
# parse on while the caller imports its validator: a few megabytes of text.
CHUNKS_IN_FLIGHT = 16

_limits = Limits()
_writer: DiskCache | None = None

# A file to parse: (path, display, the content digest to cache its parse under, or None).
Task = tuple[str, str, bytes | None]


def _init_worker(limits: Limits, writer: DiskCache | None) -> None:
    global _limits, _writer
    _limits = limits
    _writer = writer


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
    if (
        workers < 1
        or len(tasks) < 2
        or total < PARALLEL_MIN_BYTES
        or "fork" not in (multiprocessing.get_all_start_methods())
    ):
        return (_parse_one(task, limits, writer) for task in tasks)
    # fork: workers inherit the imported modules, so they start in milliseconds.
    context = multiprocessing.get_context("fork")
    chunksize = max(1, min(16, len(tasks) // (workers * 8)))
    pool = context.Pool(workers, initializer=_init_worker, initargs=(limits, writer))
    chunks = [tasks[start : start + chunksize] for start in range(0, len(tasks), chunksize)]
    window = workers * CHUNKS_IN_FLIGHT
    pending: deque[AsyncResult[list[ParsedFile | bytes]]] = deque(
        pool.apply_async(_parse_chunk, (chunk,)) for chunk in chunks[:window]
    )
    results = _results(pool, pending, chunks[window:])
    # The pool ends with its last result; if the caller drops the results before taking
    # them all, or before taking any (an error between the call and the first next()), it
    # ends when they are collected, not at exit, with workers writing into a closed pipe.
    weakref.finalize(results, pool.terminate)
    return results


def _results(
    pool: Pool,
    pending: deque[AsyncResult[list[ParsedFile | bytes]]],
    waiting: Sequence[Sequence[Task]],
) -> Iterator[ParsedFile]:
    """The parses of the chunks ``pending`` on ``pool``, then of those ``waiting``, in order:
    one more chunk is handed to the pool as each one's results are taken. The pool is ended
    when the last result is taken, or when the caller stops early."""
    with pool:
        for chunk in waiting:
            yield from map(_unpack, pending.popleft().get())
            pending.append(pool.apply_async(_parse_chunk, (chunk,)))
        while pending:
            yield from map(_unpack, pending.popleft().get())


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


def _parse_chunk(tasks: Sequence[Task]) -> list[ParsedFile | bytes]:
    return [_pack(_parse_one(task, _limits, _writer)) for task in tasks]


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


def _unpack(packed: ParsedFile | bytes) -> ParsedFile:
    if isinstance(packed, ParsedFile):
        return packed
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
