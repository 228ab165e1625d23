"""Parse many files on the other cores while this process validates.

Parsing is the bulk of the work and each file is independent, so files go to forked worker
processes in input order; the caller consumes results as they arrive, which overlaps its own
work (validation) with the parsing. Small trees are parsed in-process: workers cost more than
they save below a few hundred kilobytes.

Each worker writes its parses into a pipe of its own, which this process reads in its main
thread (:func:`boconf.util.workers.forked_map`). A worker runs a few megabytes ahead of the
caller (its pipe and the buffers at either end), not every file: when the workers parse
faster than the caller validates, every parsed file would wait in this process (at a million
positions, gigabytes of values). That is enough for them to parse on while the caller
imports its validator.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import os
import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path

from boconf.loading.cache import ParseCache
from boconf.loading.disk_cache import DiskCache
from boconf.loading.limits import Limits
from boconf.loading.parse import CommentSuppression, Document, ParsedFile, parse_file
from boconf.util.workers import default_jobs, forked_map

PARALLEL_MIN_BYTES = 512 * 1024

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
    parse = functools.partial(_parse_one, limits=limits, writer=writer)
    return forked_map(parse, tasks, workers, chunksize=chunksize, pack=_pack, unpack=_unpack)


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


def _pack(parsed: ParsedFile) -> bytes:
    """A file's parse as bytes, for the trip back from a worker: a clean file's in
    :mod:`marshal`, a file with diagnostics (or holding a value marshal refuses) pickled.

    Pickling the slotted dataclasses costs about ten times what marshal takes for the same
    values (plain str, int, float, bool, None, list and dict: the YAML resolver makes nothing
    else), and it is done for every file."""
    if not parsed.diagnostics:
        with contextlib.suppress(ValueError):  # a value type the resolver does not make
            return b"m" + marshal.dumps(
                (
                    parsed.path,
                    parsed.display,
                    [(d.index, d.line, d.column, d.data) for d in parsed.documents],
                    parsed.lost_ids,
                    parsed.lost,
                    [tuple(suppression) for suppression in parsed.suppressions],
                )
            )
    return b"p" + pickle.dumps(parsed, pickle.HIGHEST_PROTOCOL)


def _unpack(packed: bytes) -> ParsedFile:
    """The parse :func:`_pack` packed; raises on anything else."""
    if packed[:1] == b"p":
        parsed = pickle.loads(packed[1:])
        if not isinstance(parsed, ParsedFile):
            raise TypeError("not a parse")
        return parsed
    if packed[:1] != b"m":
        raise ValueError("not a packed parse")
    path, display, documents, lost_ids, lost, suppressions = marshal.loads(packed[1:])
    return ParsedFile(
        path,
        display,
        [Document(*document) for document in documents],
        [],
        lost_ids,
        lost,
        [CommentSuppression(*suppression) for suppression in suppressions],
    )
