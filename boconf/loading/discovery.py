"""Which files make up an organisation tree.

The rule: every ``*.yaml`` and ``*.yml`` file under the given directory, at any depth, in any
letter case (``credit.YAML`` is a YAML file to its author and their editor; skipping it would
turn every reference into it into a wrong "did you mean"), except
inside hidden directories and hidden files (any path part starting with ``.``: ``.git``,
``.github``, the ``.boconf.yaml`` settings file) and boconf's own non-organisation folders
(``scenarios/``, reserved for what-if overlays). Symbolic links to directories are not
followed (no loops). Files come back sorted by their POSIX path relative to the root, so every
run sees them in the same order on every machine.
"""

from __future__ import annotations

import os
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")
RESERVED_DIRECTORIES = frozenset({"scenarios"})


def discover(root: Path) -> list[Path]:
    """The organisation files under ``root`` (or ``[root]`` when it is a file)."""
    if root.is_file():
        return [root]
    found: list[tuple[str, Path]] = []
    for directory, subdirectories, files in os.walk(root):
        here = Path(directory)
        top_level = here == root
        subdirectories[:] = [
            name
            for name in subdirectories
            if not name.startswith(".") and not (top_level and name in RESERVED_DIRECTORIES)
        ]
        for name in files:
            if name.startswith(".") or not name.lower().endswith(YAML_SUFFIXES):
                continue
            path = here / name
            found.append((path.relative_to(root).as_posix(), path))
    found.sort()
    return [path for _, path in found]
