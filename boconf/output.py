"""Writing output files: atomically, and never inside the organisation directory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from boconf.i18n import _


class OutputError(Exception):
    """An output path that cannot or must not be written: a usage error."""


def check_outside(target: Path, organisation: Path) -> None:
    """Refuse to write inside the organisation tree (boconf never changes the user's files)."""
    root = organisation.resolve()
    if root.is_file():
        root = root.parent
    resolved = target.resolve()
    if resolved == root or root in resolved.parents:
        refusal = _("{target}: refusing to write inside the organisation directory {organisation}")
        raise OutputError(refusal.format(target=target, organisation=organisation))


def _not_a_directory(target: Path) -> str:
    """What to say when a file stands where ``target``'s directory (or one above it) goes."""
    blocking = next(
        (parent for parent in reversed(target.parents) if parent.exists() and not parent.is_dir()),
        target.parent,
    )
    message = _("{target}: cannot write: {path} is a file where a directory must go")
    hint = _("remove or rename {path}, or write somewhere else").format(path=blocking)
    return f"{message.format(target=target, path=blocking)}; {hint}"


def cannot_write(target: Path, error: OSError) -> str:
    return _("{target}: cannot write: {reason}").format(target=target, reason=error.strerror)


_CREATE = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)


def write_atomic(target: Path, data: bytes, *, remove_first: bool = False) -> None:
    """Write through a temporary file in the same directory, then rename: never half a file.

    The temporary file is named after the target and this process, and created with the
    mode a plain open() gives; only if that name is taken (left by a crashed run) does a
    random one stand in. An import writes a thousand files: the usual path costs three
    system calls more than a plain write.

    ``remove_first`` removes the old file just before the rename rather than renaming over
    it. Renaming over a file makes ext4 allocate the new file's blocks and start writing
    it to disk at once (``auto_da_alloc``, so that a power cut leaves the old file or the
    new, never an empty one): for a re-import, which replaces a thousand files it wrote
    itself, that made writing three times slower. The price: between the two calls the
    file is absent, and a power cut soon after may leave it empty; it is never half
    written."""
    temporary = write_temporary(target, data)
    try:
        if remove_first:
            target.unlink(missing_ok=True)
        temporary.replace(target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise OutputError(cannot_write(target, error)) from None


def write_temporary(target: Path, data: bytes) -> Path:
    """``data`` in a new temporary file beside ``target`` (its directory made if need be), for
    the caller to rename over ``target`` or remove: see :func:`write_atomic`."""
    directory = target.parent
    try:
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            raise OutputError(_not_a_directory(target)) from None
        temporary = directory / f".{target.name}.{os.getpid()}.tmp"
        try:
            handle = os.open(temporary, _CREATE, 0o666)
        except FileExistsError:
            handle, name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
            temporary = Path(name)
            # mkstemp creates the file private (0600); give it the mode a plain open() would.
            umask = os.umask(0)
            os.umask(umask)
            temporary.chmod(0o666 & ~umask)
    except OSError as error:
        raise OutputError(cannot_write(target, error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise OutputError(cannot_write(target, error)) from None
    return temporary
