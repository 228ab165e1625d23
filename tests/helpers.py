"""Helpers shared by the tests: golden files and git repositories made in temporary folders."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"

# A fixed identity: commits work on a machine with no git configuration, and (with the dates
# git takes from the clock) nothing else about them matters to a test.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "boconf test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "boconf test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


def assert_golden(path: Path, text: str) -> None:
    """``text`` is what the golden file at ``path`` holds; with BOCONF_UPDATE_GOLDEN=1 it is
    written there first (look at the diff before committing it)."""
    if os.environ.get("BOCONF_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    shown = path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else str(path)
    assert text == path.read_text(encoding="utf-8"), (
        f"{shown} differs: run the test with BOCONF_UPDATE_GOLDEN=1 to accept the new output"
    )


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the file with ``new``; ``old`` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: no {old!r} to replace"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def git(repository: Path, *args: str) -> str:
    """Run git in ``repository``; its standard output. A failure raises (with git's message)."""
    return subprocess.run(
        ["git", "-C", str(repository), *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **GIT_ENV},
    ).stdout


def commit_all(repository: Path, message: str) -> None:
    """Commit everything in the working tree, new files included."""
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", message)


def new_repository(root: Path, message: str) -> Path:
    """Make ``root`` a git repository (branch main) with what it holds as the first commit."""
    git(root, "init", "-q", "-b", "main")
    commit_all(root, message)
    return root
