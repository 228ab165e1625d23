"""Parsed files on disk, by content: ``.boconf-cache/`` (as ruff and mypy keep theirs).

An entry is the parse of one file (its documents as plain values, its diagnostics, its
suppression comments), named by a hash of the file's bytes, boconf's version, whether the
native parser is in use, the limits and the language of the diagnostics: a re-check after one file changed re-parses only that
file. Entries are JSON, never pickle: a cache directory is as untrusted as any input, and
loading an entry must not be able to run code. An entry starts with a checksum of the rest
and repeats its own name and format inside it; an entry that does not read back as exactly
that (corrupt, truncated, edited, from another version or another tool) is ignored and
written again. Entries are written to a
temporary file and renamed into place, so concurrent runs never see half an entry; two runs
writing one entry write the same bytes.

Each entry also names its parse's *meaning*: a digest of the parse alone (documents,
diagnostics, suppressions), the same for two contents that parse alike (a comment added, a
line re-indented the same way). The result cache (:mod:`boconf.linting.result_cache`) keys
whole results by it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from boconf._version import __version__
from boconf.diagnostics import restored
from boconf.i18n import active_language
from boconf.loading import native
from boconf.loading.limits import Limits
from boconf.loading.parse import CommentSuppression, Document, ParsedFile

CACHE_DIRECTORY = ".boconf-cache"
FORMAT = 2  # 2: a header line with the name and the meaning of the parse
# Written once into a new cache directory: keeps it out of git and out of backups.
_GITIGNORE = "# Created by boconf: a cache, safe to delete.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by boconf.\n"
)


def default_directory(organisation: Path) -> Path:
    """``.boconf-cache`` beside the organisation (beside ``org/``, where ``init`` puts the
    ``.gitignore`` that names it)."""
    resolved = organisation.resolve()
    return (resolved.parent if resolved.is_dir() else resolved.parent.parent) / CACHE_DIRECTORY


class DiskCache:
    def __init__(self, directory: Path, limits: Limits) -> None:
        self.directory = directory
        settings = f"{FORMAT}|{__version__}|{native.enabled()}|{limits!r}"
        self._salt = hashlib.blake2b(settings.encode("utf-8"), digest_size=20).digest()
        self._ready = False

    def name(self, digest: bytes) -> str:
        # An entry holds its diagnostics' text, so it is the parse in one language: the
        # language active now (not when the cache was made) is part of the name.
        language = active_language().encode("ascii")
        return hashlib.blake2b(self._salt + language + digest, digest_size=20).hexdigest()

    def _path(self, name: str) -> Path:
        return self.directory / "entries" / name

    def holds(self, digest: bytes) -> bool:
        return self._path(self.name(digest)).is_file()

    def _read(self, name: str) -> bytes | None:
        """The payload of the entry ``name``, or None when it is not exactly that entry."""
        try:
            raw = self._path(name).read_bytes()
        except OSError:
            return None  # missing or unreadable: parse again
        checksum, _, rest = raw.partition(b"\n")
        header = rest.partition(b"\n")[0]
        if checksum != _checksum(rest).encode("ascii") or header[:40] != name.encode("ascii"):
            return None  # corrupt, or an entry copied or written under another name
        return rest

    def get(self, digest: bytes, path: str, display: str) -> ParsedFile | None:
        rest = self._read(self.name(digest))
        if rest is None:
            return None
        try:
            return _from_record(json.loads(rest.partition(b"\n")[2]), path, display)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None  # not an entry of this cache: parse again

    def meaning(self, digest: bytes) -> str | None:
        """The digest of the parse held for the content ``digest`` (see the module's doc), or
        None when no intact entry holds it."""
        rest = self._read(self.name(digest))
        if rest is None:
            return None
        header = rest.partition(b"\n")[0].decode("ascii", "replace")
        return header[41:] if len(header) == 41 + 32 and header[40] == " " else None

    def put(self, digest: bytes, parsed: ParsedFile) -> None:
        name = self.name(digest)
        payload = json.dumps(_to_record(parsed), ensure_ascii=False, separators=(",", ":")).encode(
            "utf-8"
        )
        # The meaning covers the whole parse but not the path: the same content elsewhere, or
        # content that parses alike, means the same.
        rest = f"{name} {_checksum(payload)}\n".encode("ascii") + payload
        self.write_atomic(self._path(name), _checksum(rest).encode("ascii") + b"\n" + rest)

    def write_atomic(self, target: Path, data: bytes) -> None:
        """Write ``data`` to ``target`` inside the cache, whole or not at all."""
        # A cache that cannot be written (read-only checkout, full disk) only costs speed.
        with contextlib.suppress(OSError):
            self._prepare()
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                Path(temporary).replace(target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise

    def _prepare(self) -> None:
        if self._ready:
            return
        (self.directory / "entries").mkdir(parents=True, exist_ok=True)
        for file_name, text in (("CACHEDIR.TAG", _CACHEDIR_TAG), (".gitignore", _GITIGNORE)):
            target = self.directory / file_name
            if not target.exists():
                target.write_text(text, encoding="utf-8")
        self._ready = True


def _checksum(payload: bytes) -> str:
    return hashlib.blake2b(payload, digest_size=16).hexdigest()


def _to_record(parsed: ParsedFile) -> dict[str, Any]:
    # Paths are not stored: the same content elsewhere is the same parse, shown at its path.
    return {
        "format": FORMAT,
        "documents": [[d.index, d.line, d.column, d.data] for d in parsed.documents],
        "diagnostics": [
            [
                d.line,
                d.column,
                str(d.code),
                d.message,
                d.hint,
                str(d.severity),
                list(d.subject),
                list(d.target),
            ]
            for d in parsed.diagnostics
        ],
        "lost_ids": parsed.lost_ids,
        "lost": parsed.lost,
        "suppressions": [list(s) for s in parsed.suppressions],
    }


def _from_record(record: Any, path: str, display: str) -> ParsedFile | None:
    """The parse an entry holds, or None (or TypeError, ValueError) when it is not an entry of
    this format; shapes are checked so that a doctored entry is refused, not half-used."""
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return None
    documents: list[Document] = []
    if record["documents"]:
        # Checked a column at a time (a unit file holds a hundred documents, a tree a
        # hundred thousand): the same checks as one document at a time, in C loops.
        indexes, lines, columns, data = zip(*record["documents"], strict=True)
        numbers = {*map(type, indexes), *map(type, lines), *map(type, columns)}
        if numbers != {int} or {*map(type, data)} != {dict}:
            return None
        documents = list(map(Document, indexes, lines, columns, data))
    diagnostics = [
        restored(display, line, column, code, message, hint, severity, subject, target)
        for line, column, code, message, hint, severity, subject, target in record["diagnostics"]
    ]
    suppressions = []
    for line, column, rules, reason in record["suppressions"]:
        if not (_ints(line, column) and _strings(*rules, reason)):
            return None
        suppressions.append(CommentSuppression(line, column, tuple(rules), reason))
    lost_ids = record["lost_ids"]
    lost = record["lost"]
    if not (isinstance(lost_ids, list) and _strings(*lost_ids) and isinstance(lost, bool)):
        return None
    return ParsedFile(path, display, documents, diagnostics, lost_ids, lost, suppressions)


def _ints(*values: Any) -> bool:
    return all(value.__class__ is int for value in values)


def _strings(*values: Any) -> bool:
    return all(value.__class__ is str for value in values)
