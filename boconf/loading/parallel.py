"""Parse many files on every core.

libyaml parsing is the bulk of the work and each file is independent, so files go to a pool
of forked worker processes in input order; the caller consumes results as they arrive, which
overlaps its own work (validation) with the parsing. Small trees are parsed in-process: a
pool costs more than it saves below a few hundred kilobytes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections import deque
from collections.abc import Iterator, Sequence
from multiprocessing.pool import AsyncResult
from pathlib import Path

from boconf.loading.cache import ParseCache
from boconf.loading.limits import Limits
from boconf.loading.parse import ParsedFile, parse_file
from boconf.loading.workers import default_jobs

PARALLEL_MIN_BYTES = 512 * 1024

_limits = Limits()


def _init_worker(limits: Limits) -> None:
    global _limits
    _limits = limits


def parse_files(
    files: Sequence[tuple[str, str]],
    limits: Limits,
    jobs: int | None = None,
    cache: ParseCache | None = None,
) -> Iterator[ParsedFile]:
    """Yield one :class:`ParsedFile` per ``(path, display)`` pair, in input order.

    With a ``cache``, files whose content was parsed before are taken from it and only the
    others are parsed; what is parsed goes into the cache.
    """
    if cache is None:
        yield from _parse_all(files, limits, jobs)
        return
    # Which files the cache holds is decided first (cheaply: by name), so that the others
    # are parsed on every core meanwhile; the held entries are read one at a time, in order,
    # never all at once.
    digests = [cache.digest(path, limits) for path, _ in files]
    held = [cache.holds(digest) for digest in digests]
    misses = [pair for pair, hit in zip(files, held, strict=True) if not hit]
    parsed = _parse_all(misses, limits, jobs)
    for (path, display), digest, hit in zip(files, digests, held, strict=True):
        found = cache.get(digest, path, display) if hit else None
        if found is None:
            # Not held, or held but unreadable (damaged since): parse it now.
            found = next(parsed) if not hit else parse_file(path, display, limits)
            cache.put(digest, found)
        yield found


def _parse_all(
    files: Sequence[tuple[str, str]], limits: Limits, jobs: int | None
) -> Iterator[ParsedFile]:
    jobs = default_jobs() if jobs is None else jobs
    total = 0
    for path, _ in files:
        with contextlib.suppress(OSError):  # unreadable files are reported by the parser
            total += Path(path).stat().st_size
    if (
        jobs <= 1
        or len(files) < 2
        or total < PARALLEL_MIN_BYTES
        or "fork" not in (multiprocessing.get_all_start_methods())
    ):
        for path, display in files:
            yield parse_file(path, display, limits)
        return
    # fork: workers inherit the imported modules, so they start in milliseconds.
    context = multiprocessing.get_context("fork")
    chunksize = max(1, min(16, len(files) // (jobs * 8)))
    with context.Pool(jobs, initializer=_init_worker, initargs=(limits,)) as pool:
        # A bounded number of chunks in flight, not pool.imap: when the workers parse faster
        # than the caller validates, imap would queue every parsed file in this process (at
        # a million positions, gigabytes of values waiting).
        window = jobs * 4
        pending: deque[AsyncResult[list[ParsedFile]]] = deque()
        for start in range(0, len(files), chunksize):
            pending.append(pool.apply_async(_parse_chunk, (files[start : start + chunksize],)))
            if len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _parse_chunk(items: Sequence[tuple[str, str]]) -> list[ParsedFile]:
    return [parse_file(path, display, _limits) for path, display in items]
