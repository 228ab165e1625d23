"""Parse many files on every core.

libyaml parsing is the bulk of the work and each file is independent, so files go to a pool
of forked worker processes in input order; the caller consumes results as they arrive, which
overlaps its own work (validation) with the parsing. Small trees are parsed in-process: a
pool costs more than it saves below a few hundred kilobytes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Iterator, Sequence
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


def _parse(item: tuple[str, str]) -> ParsedFile:
    return parse_file(item[0], item[1], _limits)


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
    digests = [cache.digest(path, limits) for path, _ in files]
    hits = [
        cache.get(digest, path, display)
        for digest, (path, display) in zip(digests, files, strict=True)
    ]
    misses = [
        (pair, digest)
        for pair, digest, hit in zip(files, digests, hits, strict=True)
        if hit is None
    ]
    parsed = _parse_all([pair for pair, _ in misses], limits, jobs)
    pending = iter(misses)
    for hit in hits:
        if hit is not None:
            yield hit
            continue
        _, digest = next(pending)
        fresh = next(parsed)
        cache.put(digest, fresh)
        yield fresh


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
        yield from pool.imap(_parse, files, chunksize=chunksize)
