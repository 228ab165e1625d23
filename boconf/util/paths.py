"""Paths as the user should see them in messages."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A path as the user should see it: relative to the working directory where possible."""
    base = cwd or Path.cwd()
    try:
        return os.path.relpath(path, base)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
