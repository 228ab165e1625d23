"""Whole check results on disk, beside the parses: ``.boconf-cache/results/``.

A check's result depends on the settings, the baseline, where it runs, each file's parse, and
the text of the files that findings were positioned in (nothing else reads a file's text).
So the last result of a check is kept with what it was computed from: per file its path, its
content digest and the digest of its parse's meaning (see :mod:`boconf.loading.disk_cache`),
and the content digest of every file a position was read from. The next check with the same
settings reads every file's content digest (from its stat alone when the file had not
changed for a while when the stored run started, as git does); a file whose content changed
is parsed (only it)
and its meaning compared. When every file means what it meant, and every file a position was
read from is byte for byte the same, the stored result is the result, and nothing is
validated or linted. So it is when the files that mean something else differ from what they
were only in descriptive text (a title, a name, a description) that no stored message quotes
(nor the baseline, whose findings are stored as counts), and their edited documents validate
(:mod:`boconf.linting.descriptive_text`): only those documents are validated, and the stored
result is kept as theirs. Any other change (a value, a document, a file added or removed, a
finding's file edited) runs the whole check, which then replaces the stored result.

Entries are JSON with a checksum, like the parse entries: a damaged or foreign entry is a
miss, never trusted, and loading one cannot run code. One entry per context (settings,
baseline, organisation path, working directory, boconf version), written atomically; two runs
racing write whole entries, and every entry is checked against the files before it is used.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from boconf._version import __version__
from boconf.diagnostics import Diagnostic, Severity, restored
from boconf.i18n import active_language
from boconf.linting.baseline import Fingerprint
from boconf.linting.descriptive_text import quoted, replaced_text
from boconf.linting.engine import LintResult
from boconf.linting.settings import ResolvedSettings
from boconf.load import LoadResult
from boconf.loading import native
from boconf.loading.cache import ParseCache
from boconf.loading.discovery import discover
from boconf.loading.disk_cache import DiskCache
from boconf.loading.limits import Limits
from boconf.loading.parallel import parse_files
from boconf.util.paths import display_path

FORMAT = 2  # 2: a document without a kind places its error from its file's text (consulted)


@dataclass
class CachedLoad(LoadResult):
    """A load read back from the result cache: what the reports read (counts, diagnostics),
    without the organisation itself (``tree`` is None even when the organisation is valid)."""

    valid: bool = False
    organisation_counts: dict[str, int] | None = None

    @property
    def ok(self) -> bool:
        return self.valid and not self.errors

    def counts(self) -> dict[str, int] | None:
        return self.organisation_counts if self.ok else None


# A file whose last change is older than this before a run's start is read by its stat
# alone in the next run, as git does: any later write gives it a later change time.
SETTLED_NS = 2_000_000_000


@dataclass
class ResultCache:
    """The stored result for one check of ``root`` with ``settings`` and ``baseline``."""

    cache: ParseCache
    disk: DiskCache
    root: Path
    limits: Limits
    jobs: int | None
    key: str
    started: int  # time.time_ns() before any file was looked at
    # (path, display, content digest, stat) of every file, in discovery order.
    files: list[tuple[str, str, bytes, list[int]]] = field(default_factory=list)
    # The baseline's messages: a finding it holds is stored as a count, not as a message, yet
    # matches by its message, which may quote a text an edit replaces.
    baselined: list[str] = field(default_factory=list)
    _stored: dict[str, Any] | None = None
    # Whether the stored result holds although files were edited (descriptive text only).
    _reworded: bool = False

    @classmethod
    def open(
        cls,
        cache: ParseCache | None,
        root: Path,
        settings: ResolvedSettings,
        baseline: Counter[Fingerprint] | None,
        limits: Limits,
        jobs: int | None,
    ) -> ResultCache | None:
        """The result cache of this check, or None when there is no disk cache or a file
        cannot be digested (unreadable, over the size limit: the check reports it)."""
        if cache is None or cache.disk is None:
            return None
        started = time.time_ns()
        key = _key(root, settings, baseline, limits)
        stored = _read_entry(cache.disk.directory / "results" / key, key)
        settled = _settled(stored)
        files = []
        for file in discover(root):
            path = str(file)
            try:
                status = file.stat()
            except OSError:
                return None
            stat = [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]
            known = settled.get(path)
            # Unchanged since long before the stored run: its content is what that run read.
            digest = known[1] if known and known[0] == stat else cache.digest(path, limits)
            if digest is None:
                return None
            files.append((path, display_path(file), digest, stat))
        messages = sorted({message for _, _, message in baseline or ()})
        return cls(cache, cache.disk, root, limits, jobs, key, started, files, messages, stored)

    @property
    def _path(self) -> Path:
        return self.disk.directory / "results" / self.key

    def lookup(self) -> tuple[LoadResult, LintResult] | None:
        """The stored result when it is this check's result, else None."""
        stored = self._stored
        if stored is None:
            return None
        try:
            if not self._still_holds(stored):
                return None
            load, lint = _load_from(stored["load"], self.root), _lint_from(stored["lint"])
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None  # a doctored entry: run the check
        if self._reworded:  # the same result, now of the edited files: compare them once
            self.store(load, lint, set(stored["positions"]))
        return load, lint

    def digests(self) -> dict[str, bytes]:
        """The content digest of every file, as taken here."""
        return {path: digest for path, _, digest, _ in self.files}

    def _still_holds(self, stored: dict[str, Any]) -> bool:
        was = stored["files"]
        if [(path, display) for path, display, *_ in was] != [
            (path, display) for path, display, *_ in self.files
        ]:
            return False  # a file added, removed or renamed
        now = {path: digest.hex() for path, _, digest, _ in self.files}
        if any(now.get(path) != digest for path, digest in stored["positions"].items()):
            return False  # a file that findings are positioned in has changed
        edited = []  # (file, its content and meaning when stored): it now means otherwise
        for file, (_, _, content, meaning, _) in zip(self.files, was, strict=True):
            if file[2].hex() != content and self._meaning(file) != meaning:
                edited.append((file, content, meaning))
        if not edited:
            return True
        replaced = []
        for (path, display, digest, _), content, meaning in edited:
            if self.disk.meaning(bytes.fromhex(content)) != meaning:
                return False  # the parse it was stored with is gone (or was never this)
            old = self.disk.get(bytes.fromhex(content), path, display)
            new = self.disk.get(digest, path, display)
            texts = replaced_text(old, new) if old and new else None
            if texts is None:
                return False  # a value, a key or a document changed: run the check
            replaced.extend(texts)
        # Only descriptive text changed: the result holds unless a message quoted it.
        said = [
            text
            for part in ("load", "lint")
            for record in stored[part]["diagnostics"]
            for text in record[4:6]
        ]
        said += [
            text for record, _ in stored["lint"]["suppressed_findings"] for text in record[4:6]
        ]
        said += self.baselined
        self._reworded = True
        return not quoted(replaced, said)

    def _meaning(self, file: tuple[str, str, bytes, list[int]]) -> str | None:
        path, display, digest, _ = file
        if not self.disk.holds(digest):  # parse it (only it): that writes its entry
            for _ in parse_files([(path, display)], self.limits, self.jobs, self.cache):
                pass
        return self.disk.meaning(digest)

    def store(self, load: LoadResult, lint: LintResult, consulted: set[str]) -> None:
        """Keep this result, unless a file's meaning or a consulted file is unknown."""
        # The meanings the stored run knew, by path and content (a malformed row is no help).
        known: dict[tuple[str, str], str] = {}
        rows = (self._stored or {}).get("files")
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, list) and len(row) == 5 and _strings(row[0], row[2], row[3]):
                known[(row[0], row[2])] = row[3]
        now = {path: digest.hex() for path, _, digest, _ in self.files}
        if not consulted <= now.keys():
            return  # a position read from outside the tree: nothing to check it against
        rows = []
        for path, display, digest, stat in self.files:
            meaning = known.get((path, digest.hex())) or self.disk.meaning(digest)
            if meaning is None:
                return  # its entry could not be written: the result could not be checked
            rows.append([path, display, digest.hex(), meaning, stat])
        record = {
            "format": FORMAT,
            "key": self.key,
            "started": self.started,
            "files": rows,
            "positions": {path: now[path] for path in sorted(consulted)},
            "load": _load_record(load),
            "lint": _lint_record(lint),
        }
        payload = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.disk.write_atomic(self._path, _checksum(payload) + b"\n" + payload)


def _key(
    root: Path,
    settings: ResolvedSettings,
    baseline: Counter[Fingerprint] | None,
    limits: Limits,
) -> str:
    """What a result depends on besides the files: one entry per such context."""
    context = {
        "format": FORMAT,
        "version": __version__,
        # The findings' text is in the language active now.
        "language": active_language(),
        "native": native.enabled(),
        "limits": repr(limits),
        # Display paths and per-path ignores are relative to the working directory.
        "cwd": str(Path.cwd()),
        "path": str(root),
        "root": str(root.resolve()),
        # fail_on only decides the exit code, which is computed from the live settings.
        "settings": [
            [f.name, _canonical(getattr(settings, f.name))]
            for f in dataclasses.fields(settings)
            if f.name != "fail_on"
        ],
        "baseline": sorted(([list(k), n] for k, n in (baseline or Counter()).items()), key=repr),
    }
    text = json.dumps(context, sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest()


def _settled(stored: dict[str, Any] | None) -> dict[str, tuple[list[int], bytes]]:
    """Path -> (stat, content digest) of the stored run's files that had not changed for
    SETTLED_NS when it started; anything malformed is simply not settled."""
    if stored is None:
        return {}
    settled = {}
    try:
        cutoff = int(stored["started"]) - SETTLED_NS
        for path, _, content, _, stat in stored["files"]:
            if all(n.__class__ is int for n in stat) and max(stat[1], stat[2]) < cutoff:
                settled[str(path)] = (list(stat), bytes.fromhex(content))
    except (ValueError, TypeError, KeyError, IndexError):
        return {}
    return settled


def _strings(*values: Any) -> bool:
    return all(value.__class__ is str for value in values)


def _checksum(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=16).hexdigest().encode("ascii")


def _read_entry(path: Path, key: str) -> dict[str, Any] | None:
    try:
        checksum, _, payload = path.read_bytes().partition(b"\n")
        if checksum != _checksum(payload):
            return None
        record = json.loads(payload)
    except (OSError, ValueError):
        return None  # missing, unreadable, corrupt: run the check
    if not isinstance(record, dict) or record.get("format") != FORMAT or record.get("key") != key:
        return None
    return record


def _canonical(value: Any) -> Any:
    """``value`` as JSON that is the same in every run for equal settings: sets sorted (their
    order changes with each process's string hashing), everything else in its own order."""
    if isinstance(value, BaseModel):
        return [type(value).__qualname__, _canonical(value.model_dump())]
    if isinstance(value, dict):
        return [[_canonical(k), _canonical(v)] for k, v in value.items()]
    if isinstance(value, set | frozenset):
        return sorted((_canonical(item) for item in value), key=repr)
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    if isinstance(value, type):
        return f"{value.__module__}.{value.__qualname__}"
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, dt.date | Decimal):
        return str(value)
    return repr(value)


# -- results as JSON ----------------------------------------------------------------------


def _diagnostic_record(d: Diagnostic) -> list[Any]:
    return [d.file, d.line, d.column, str(d.code), d.message, d.hint, str(d.severity), *d.subject]


def _diagnostic(record: list[Any]) -> Diagnostic:
    file, line, column, code, message, hint, severity, kind, identifier, *target = record
    return restored(file, line, column, code, message, hint, severity, (kind, identifier), target)


def _full_record(d: Diagnostic) -> list[Any]:
    return [*_diagnostic_record(d), *d.target]


def _load_record(load: LoadResult) -> dict[str, Any]:
    return {
        "files": load.files,
        "documents": load.documents,
        "valid": load.ok,
        "counts": load.counts(),
        "diagnostics": [_full_record(d) for d in load.diagnostics],
    }


def _load_from(record: dict[str, Any], root: Path) -> CachedLoad:
    counts = record["counts"]
    if counts is not None and not all(n.__class__ is int for n in counts.values()):
        raise TypeError("counts that are not numbers")
    return CachedLoad(
        root,
        int(record["files"]),
        int(record["documents"]),
        None,
        [_diagnostic(d) for d in record["diagnostics"]],
        valid=record["valid"] is True,
        organisation_counts=counts,
    )


def _lint_record(lint: LintResult) -> dict[str, Any]:
    return {
        "diagnostics": [_full_record(d) for d in lint.diagnostics],
        "rule_names": lint.rule_names,
        "suppressed": lint.suppressed,
        "suppressed_findings": [[_full_record(d), why] for d, why in lint.suppressed_findings],
        "baselined": lint.baselined,
        "entities": [[kind, id_, str(severity)] for (kind, id_), severity in lint.entities.items()],
    }


def _lint_from(record: dict[str, Any]) -> LintResult:
    names = record["rule_names"]
    if not all(isinstance(v, str) for v in names.values()):
        raise TypeError("rule names that are not text")
    return LintResult(
        diagnostics=[_diagnostic(d) for d in record["diagnostics"]],
        rule_names=dict(names),
        suppressed=int(record["suppressed"]),
        suppressed_findings=[
            (_diagnostic(d), str(why)) for d, why in record["suppressed_findings"]
        ],
        baselined=int(record["baselined"]),
        entities={
            (str(kind), str(id_)): Severity(severity) for kind, id_, severity in record["entities"]
        },
    )
