"""The documented exit codes, the same for every command."""

from __future__ import annotations

import enum


class Exit(enum.IntEnum):
    OK = 0  # clean
    FINDINGS = 1  # errors in the input (or findings at or above the fail level)
    USAGE = 2  # usage or configuration error
    INTERNAL = 3  # a bug in boconf
