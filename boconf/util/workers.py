"""Running a function over many items on every core, in forked worker processes.

Kept apart from :mod:`boconf.loading.parallel` (which parses files) so that a command that
only writes files, such as an import, does not load the YAML parser to use it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Generator, Sequence
from typing import TypeVar


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
    """``[function(item) for item in items]`` on every core (forked workers) when worth it.

    ``function`` must be a module-level function and ``items`` picklable.
    """
    jobs = _pool_size(jobs, items)
    if not jobs:
        return [function(item) for item in items]
    chunksize = max(1, min(16, len(items) // (jobs * 8)))
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return pool.map(function, items, chunksize=chunksize)


def each_parallel(
    function: Callable[[T], R], items: Sequence[T], jobs: int | None = None, chunksize: int = 0
) -> Generator[R, None, None]:
    """``function(item)`` for each item, in order, each as soon as it and those before it are
    done: on every core (forked workers) when worth it. ``chunksize``: items sent to a worker
    at a time (0: a few per worker, for many quick items).
    """
    jobs = _pool_size(jobs, items)
    if not jobs:
        yield from (function(item) for item in items)
        return
    chunksize = chunksize or max(1, min(16, len(items) // (jobs * 8)))
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(function, items, chunksize=chunksize)


def _pool_size(jobs: int | None, items: Sequence[object]) -> int:
    """How many forked workers to run ``items`` on: 0 to run them here (one core, a handful
    of items, or no fork on this platform)."""
    jobs = default_jobs() if jobs is None else jobs
    if jobs <= 1 or len(items) < 8 or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return jobs
