"""Lint findings that a change brings in and that it fixes.

Findings are matched by rule, file (relative to each side's organisation directory) and
message, the way baselines match them: lines move with every edit, so they are not compared.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

from boconf.diagnostics import Diagnostic
from boconf.linting.baseline import fingerprint
from boconf.util.paths import display_path


def new_and_fixed(
    base: list[Diagnostic], base_root: Path, head: list[Diagnostic], head_root: Path
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    new = _unmatched(head, head_root, base, base_root)
    fixed = _unmatched(base, base_root, head, head_root)
    return new, fixed


def _unmatched(
    found: list[Diagnostic], root: Path, other: list[Diagnostic], other_root: Path
) -> list[Diagnostic]:
    """The findings of ``found`` that ``other`` does not have (as many times)."""
    remaining = Counter(fingerprint(d, other_root) for d in other)
    unmatched = []
    for diagnostic in found:
        key = fingerprint(diagnostic, root)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            unmatched.append(diagnostic)
    return unmatched


def relocate(diagnostics: list[Diagnostic], from_root: Path, to_root: Path) -> list[Diagnostic]:
    """Diagnostics of a checked-out revision, shown at the paths the files have in the repository
    (not in the temporary directory the revision was read into)."""
    moved = []
    for diagnostic in diagnostics:
        try:
            relative = Path(diagnostic.file).resolve().relative_to(from_root.resolve())
        except ValueError:
            moved.append(diagnostic)
            continue
        moved.append(dataclasses.replace(diagnostic, file=display_path(to_root / relative)))
    return moved
