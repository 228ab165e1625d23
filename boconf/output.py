"""Writing output files: atomically, and never inside the organisation directory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """An output path that cannot or must not be written: a usage error."""


def check_outside(target: Path, organisation: Path) -> None:
    """Refuse to write inside the organisation tree (boconf never changes the user's files)."""
    root = organisation.resolve()
    if root.is_file():
        root = root.parent
    resolved = target.resolve()
    if resolved == root or root in resolved.parents:
        raise OutputError(
            f"{target}: refusing to write inside the organisation directory {organisation}"
        )


def write_atomic(target: Path, data: bytes) -> None:
    """Write through a temporary file in the same directory, then rename: never half a file."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp creates the file private (0600); give it the mode a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        Path(temporary).chmod(0o666 & ~umask)
        Path(temporary).replace(target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write: {error.strerror}") from None
