"""Parsed files by content, for loading two versions of one tree (a diff, a scenario), and
across runs through the on-disk cache (:mod:`boconf.loading.disk_cache`).

Between two revisions most files are byte-identical; their parse (documents and diagnostics)
is the same, so the second load takes it from here instead of parsing the file again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
from collections.abc import Iterator
from pathlib import Path

from boconf.loading.disk_cache import DiskCache
from boconf.loading.limits import Limits
from boconf.loading.parse import ParsedFile


class ParseCache:
    """``memory``: keep every parse in this process (for a second load of the same tree);
    without it only ``disk`` is used, and a large tree's values are not held twice."""

    def __init__(self, disk: DiskCache | None = None, *, memory: bool = True) -> None:
        self._by_digest: dict[bytes, ParsedFile] = {}
        self._disk = disk
        self._memory = memory
        self._known: dict[str, bytes] = {}

    @contextlib.contextmanager
    def knowing(self, digests: dict[str, bytes]) -> Iterator[None]:
        """Within: the content hashes of files just taken (the result cache takes them all
        first) stand for those files, which are not read and hashed a second time. Only
        within: a later load (an editor's next check) must see later edits."""
        self._known = digests
        try:
            yield
        finally:
            self._known = {}

    def digest(self, path: str, limits: Limits) -> bytes | None:
        """The file's content hash; None when it cannot or should not be read here."""
        known = self._known.get(path)
        if known is not None:
            return known
        try:
            file = Path(path)
            if file.stat().st_size > limits.max_file_size:
                return None  # the parser refuses it, unread
            return hashlib.blake2b(file.read_bytes(), digest_size=20).digest()
        except OSError:
            return None

    def holds(self, digest: bytes | None) -> bool:
        """Whether an entry for ``digest`` is at hand (it may still turn out unreadable)."""
        if digest is None:
            return False
        if digest in self._by_digest:
            return True
        return self._disk is not None and self._disk.holds(digest)

    def get(self, digest: bytes | None, path: str, display: str) -> ParsedFile | None:
        if digest is None:
            return None
        cached = self._by_digest.get(digest)
        if cached is None:
            if self._disk is None:
                return None
            found = self._disk.get(digest, path, display)
            if found is not None and self._memory:
                self._by_digest[digest] = found
            return found
        diagnostics = [dataclasses.replace(d, file=display) for d in cached.diagnostics]
        return dataclasses.replace(cached, path=path, display=display, diagnostics=diagnostics)

    @property
    def disk(self) -> DiskCache | None:
        return self._disk

    def put(self, digest: bytes | None, parsed: ParsedFile, *, written: bool = False) -> None:
        """Keep ``parsed``; ``written``: its disk entry is written already (by a worker)."""
        if digest is None:
            return
        if self._memory:
            self._by_digest[digest] = parsed
        if self._disk is not None and not written:
            self._disk.put(digest, parsed)
