"""Options shared by several commands."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from boconf.loading.cache import ParseCache
from boconf.loading.disk_cache import DiskCache, default_directory
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


def cache_options(function: F) -> F:
    """``--cache-dir`` and ``--no-cache``, for the commands that parse a whole tree."""
    function = click.option(
        "--no-cache",
        is_flag=True,
        help="Parse every file; neither read nor write the cache.",
    )(function)
    return click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Where parsed files are cached by content [default: .boconf-cache beside the "
        "organisation].",
    )(function)


def parse_cache(
    organisation: Path,
    limits: Limits,
    cache_dir: Path | None,
    no_cache: bool,
    *,
    memory: bool = False,
) -> ParseCache | None:
    """The cache a command loads through: on disk unless --no-cache, and in memory when the
    command loads the tree a second time (``memory``)."""
    if no_cache:
        return ParseCache() if memory else None
    directory = cache_dir if cache_dir is not None else default_directory(organisation)
    return ParseCache(DiskCache(directory, limits), memory=memory)
