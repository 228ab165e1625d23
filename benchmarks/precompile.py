"""Compile boconf's modules to bytecode before timing it.

An installed boconf has its bytecode; a source checkout run with ``PYTHONDONTWRITEBYTECODE``
set (some CI images and shells set it) would compile every module on every run, a few
hundredths of a second of each command that the baselines (plain Python and PyYAML, whose
bytecode pip wrote) never pay. The benchmarks time boconf as it is installed.
"""

from __future__ import annotations

import compileall
from pathlib import Path

import boconf


def compile_boconf() -> None:
    """Write the bytecode of every boconf module (``__pycache__``, ignored by git)."""
    compileall.compile_dir(Path(boconf.__file__).parent, quiet=1)
