"""The files an edit may touch: the organisation's and its scenarios'."""

from __future__ import annotations

from pathlib import Path

from boconf.loading.discovery import discover
from boconf.scenarios.read import scenario_directory, scenario_names
from boconf.util.paths import display_path


def scenario_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    folder = scenario_directory(root)
    return sorted(path for name in scenario_names(root) for path in folder.glob(f"{name}.y*ml"))


def tree_files(root: Path) -> list[tuple[Path, str]]:
    """(path, display) of every organisation file under ``root``, then its scenarios."""
    return [(path, display_path(path)) for path in [*discover(root), *scenario_files(root)]]
