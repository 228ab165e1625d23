"""Parsed files by content, for loading two versions of one tree (a diff, a scenario).

Between two revisions most files are byte-identical; their parse (documents and diagnostics)
is the same, so the second load takes it from here instead of parsing the file again.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from boconf.loading.limits import Limits
from boconf.loading.parse import ParsedFile


class ParseCache:
    def __init__(self) -> None:
        self._by_digest: dict[bytes, ParsedFile] = {}

    @staticmethod
    def digest(path: str, limits: Limits) -> bytes | None:
        """The file's content hash; None when it cannot or should not be read here."""
        try:
            file = Path(path)
            if file.stat().st_size > limits.max_file_size:
                return None  # the parser refuses it, unread
            return hashlib.blake2b(file.read_bytes(), digest_size=20).digest()
        except OSError:
            return None

    def get(self, digest: bytes | None, path: str, display: str) -> ParsedFile | None:
        cached = self._by_digest.get(digest) if digest is not None else None
        if cached is None:
            return None
        diagnostics = [dataclasses.replace(d, file=display) for d in cached.diagnostics]
        return dataclasses.replace(cached, path=path, display=display, diagnostics=diagnostics)

    def put(self, digest: bytes | None, parsed: ParsedFile) -> None:
        if digest is not None:
            self._by_digest[digest] = parsed
