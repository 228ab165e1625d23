"""Where a repository's settings file is: the nearest ``.boconf.yaml``, or a
``pyproject.toml`` with ``[tool.boconf]``, upward from a path.

A module of its own, apart from the settings' validation, so that every command can find the
repository's ``lang:`` before it loads anything without importing the rule catalogue.
"""

from __future__ import annotations

from pathlib import Path

SETTINGS_FILE = ".boconf.yaml"
PYPROJECT = "pyproject.toml"


def find_settings(start: Path) -> Path | None:
    """The nearest ``.boconf.yaml``, or ``pyproject.toml`` with ``[tool.boconf]``, upward."""
    directory = start.resolve()
    if not directory.is_dir():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        candidate = folder / SETTINGS_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and "[tool.boconf" in pyproject.read_text(
            encoding="utf-8", errors="replace"
        ):
            return pyproject
        if (folder / ".git").exists():
            break  # settings do not leak in from outside the repository
    return None
