"""A side of a diff: a directory as it is, or a git revision read without touching the working
tree or the index (``git archive`` into a temporary directory)."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path


class RevisionError(Exception):
    """A revision or repository that cannot be read: a usage error (exit 2)."""


def _git(repository: Path, *args: str) -> bytes:
    try:
        completed = subprocess.run(
            ["git", "-C", str(repository), *args], capture_output=True, check=False, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RevisionError(f"cannot run git: {error}") from None
    if completed.returncode != 0:
        raise RevisionError(
            completed.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed"
        )
    return completed.stdout


def repository_of(path: Path) -> tuple[Path, str]:
    """The repository holding ``path`` and the path inside it (POSIX)."""
    folder = path if path.is_dir() else path.parent
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    except RevisionError:
        raise RevisionError(
            f"{path} is not inside a git repository: compare two directories instead"
        ) from None
    relative = path.resolve().relative_to(top.resolve()).as_posix()
    return top, "" if relative == "." else relative


def checkout(path: Path, revision: str, into: Path) -> Path:
    """Materialise ``path`` as of ``revision`` under ``into``; returns the org directory there."""
    top, relative = repository_of(path)
    try:
        commit = (
            _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
        )
    except RevisionError:
        shallow = (top / ".git" / "shallow").exists()
        hint = (
            " (this is a shallow clone: git fetch --unshallow, or fetch the base branch)"
            if shallow
            else ""
        )
        raise RevisionError(f"unknown revision '{revision}'{hint}") from None
    archive = _git(top, "archive", "--format=tar", commit, "--", relative or ".")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    target = into / relative if relative else into
    if not target.exists():
        raise RevisionError(f"'{relative}' does not exist at revision '{revision}'")
    return target


def temporary_root() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="boconf-diff-")
