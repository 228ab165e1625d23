"""Would the tree still be valid after a change set? Checked on a copy, before anything is written."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from boconf.diagnostics import Diagnostic, Severity
from boconf.editing.changes import ChangeSet
from boconf.load import load_organisation
from boconf.loading.limits import Limits
from boconf.scenarios.check import check_scenarios


def problems_after(
    root: Path, changes: ChangeSet, limits: Limits | None = None
) -> list[Diagnostic]:
    """The errors of the organisation (and of its scenarios) with ``changes`` applied, shown
    at the real files' paths."""
    with tempfile.TemporaryDirectory(prefix="boconf-edit-") as scratch:
        copy = Path(scratch) / "org"
        shutil.copytree(root, copy, symlinks=True)
        moved = ChangeSet(
            [
                type(change)(
                    copy / change.path.resolve().relative_to(root.resolve()),
                    change.display,
                    change.before,
                    change.after,
                )
                for change in changes.changes
            ]
        )
        moved.write()
        loaded = load_organisation(copy, limits=limits, jobs=1)
        problems = list(loaded.errors)
        if loaded.ok:
            problems += [
                d for d in check_scenarios(copy, limits, jobs=1)[1] if d.severity is Severity.ERROR
            ]
    return problems
