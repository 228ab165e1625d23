"""Options shared by several commands."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from boconf.loading.limits import MIB, Limits

DEFAULT_ORG = Path("org")
F = TypeVar("F", bound=Callable[..., Any])


def org_path(path: Path | None) -> Path:
    if path is not None:
        return path
    if not DEFAULT_ORG.exists():
        raise click.UsageError("no PATH given and there is no org/ directory here")
    return DEFAULT_ORG


def loading_options(function: F) -> F:
    function = click.option(
        "--max-file-size",
        type=click.IntRange(min=1),
        default=Limits().max_file_size // MIB,
        show_default=True,
        help="Refuse files larger than this many MiB.",
    )(function)
    function = click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=None,
        help="Worker processes [default: one per core].",
    )(function)
    return click.argument("path", type=click.Path(exists=True, path_type=Path), required=False)(
        function
    )


def use_color(choice: str | None, stream: Any = None) -> bool:
    """Colour on a terminal unless NO_COLOR is set; --color/--no-color decide otherwise."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())
