"""Defensive limits: what a file may cost before boconf refuses it."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    # 10 MiB is ~700 units with 7,000 positions in one file; an org this size splits its tree.
    max_file_size: int = 10 * MIB
    # Organisation documents nest about six levels deep (unit -> sourcing -> allocation);
    # anything near this limit is a mistake or an attack, and libyaml's composer recurses in C.
    max_depth: int = 64
