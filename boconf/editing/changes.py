"""A set of file edits: shown as a unified diff, checked by reloading, written all or nothing."""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boconf.diagnostics import Diagnostic
from boconf.i18n import _
from boconf.loading.limits import Limits
from boconf.loading.parse import parse_file
from boconf.output import OutputError


@dataclass(frozen=True)
class FileChange:
    path: Path  # to write
    display: str  # to show
    before: str  # "" for a new file
    after: str  # "" for a removed file

    @property
    def removed(self) -> bool:
        return self.after == ""


@dataclass
class ChangeSet:
    changes: list[FileChange] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # what changed, one line per edit

    def __bool__(self) -> bool:
        return bool(self.changes)

    def diff(self) -> str:
        """Every change as a unified diff (``a/`` and ``b/`` paths, as git shows them)."""
        parts: list[str] = []
        for change in sorted(self.changes, key=lambda c: c.display):
            parts.extend(
                difflib.unified_diff(
                    change.before.splitlines(keepends=True),
                    change.after.splitlines(keepends=True),
                    "/dev/null" if not change.before else f"a/{change.display}",
                    "/dev/null" if change.removed else f"b/{change.display}",
                )
            )
        return "".join(parts)

    def write(self) -> None:
        """Write every change, or none: all new contents go to temporary files first, then
        each is renamed over its target. Raises OutputError."""
        staged: list[tuple[Path, Path]] = []
        try:
            for change in self.changes:
                if change.removed:
                    continue
                change.path.parent.mkdir(parents=True, exist_ok=True)
                handle, name = tempfile.mkstemp(
                    dir=change.path.parent, prefix=f".{change.path.name}.", suffix=".tmp"
                )
                with os.fdopen(handle, "wb") as stream:
                    stream.write(change.after.encode("utf-8"))
                staged.append((Path(name), change.path))
        except OSError as error:
            for temporary, _target in staged:
                temporary.unlink(missing_ok=True)
            raise OutputError(_("cannot write: {error}").format(error=error)) from None
        try:
            for temporary, target in staged:
                if target.exists():  # keep the file's permissions
                    Path(temporary).chmod(target.stat().st_mode & 0o7777)
                temporary.replace(target)
            for change in self.changes:
                if change.removed:
                    change.path.unlink(missing_ok=True)
        except OSError as error:
            raise OutputError(
                _("{file}: cannot write: {reason}").format(
                    file=error.filename, reason=error.strerror
                )
            ) from None


def parse_text(
    text: str, display: str, limits: Limits | None = None
) -> tuple[list[Any], list[Diagnostic]]:
    """What the loader makes of ``text``: each document's plain values, and its diagnostics.

    Through the loader itself (not ruamel), so that an edit is judged by what boconf reads."""
    with tempfile.TemporaryDirectory(prefix="boconf-edit-") as scratch:
        path = Path(scratch) / "file.yaml"
        path.write_text(text, encoding="utf-8")
        parsed = parse_file(str(path), display, limits or Limits())
    diagnostics = list(parsed.diagnostics)
    return [document.data for document in parsed.documents], diagnostics
