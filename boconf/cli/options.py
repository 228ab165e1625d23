"""The options the commands share, each block defined once: the organisation's (PATH, jobs,
size limit, cache), the language's, colour."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from boconf import i18n
from boconf.cli.language import settings_language
from boconf.i18n import N_, _
from boconf.loading.cache import ParseCache
from boconf.loading.disk_cache import DiskCache, default_directory
from boconf.loading.limits import MIB, Limits

DEFAULT_ORG = Path("org")
F = TypeVar("F", bound=Callable[..., Any])


def org_path(path: Path | None) -> Path:
    if path is not None:
        return path
    if not DEFAULT_ORG.exists():
        raise click.UsageError(_("no PATH given and there is no org/ directory here"))
    return DEFAULT_ORG


def lang_option(function: F) -> F:
    """``--lang``, on every command that prints or writes text, and the run's language settled
    before the command's body runs (see :mod:`boconf.cli.language` for the precedence).

    The option is eager, so that what click checks next is already in that language. Without
    it, the repository's ``lang:`` is looked for from the command's PATH (or ``--config``),
    else from the working directory; without that, ``main`` has activated the locale's."""

    @functools.wraps(function)
    def settled(*args: Any, **kwargs: Any) -> Any:
        if kwargs.pop("lang") is None:
            path, config = kwargs.get("path"), kwargs.get("config")
            start = (
                path
                if isinstance(path, Path)
                else (DEFAULT_ORG if DEFAULT_ORG.exists() else Path.cwd())
            )
            found = settings_language(start, config if isinstance(config, Path) else None)
            if found is not None:
                i18n.activate(found)
        return function(*args, **kwargs)

    return click.option(
        "--lang",
        type=click.Choice(i18n.LANGUAGES),
        default=None,
        is_eager=True,
        callback=_activate,
        help=N_(
            "The language of messages, reports and the site [default: lang in the settings, else "
            "LC_ALL / LC_MESSAGES / LANG, else en]."
        ),
    )(cast(F, settled))


def _activate(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        i18n.activate(value)
    return value


def _limits(ctx: click.Context, param: click.Parameter, value: int) -> Limits:
    return Limits(max_file_size=value * MIB)


def max_file_size_option(
    default_bytes: int, help_text: str, *names: str, metavar: str | None = "MIB", **extra: Any
) -> Callable[[F], F]:
    """``--max-file-size`` in MiB: the organisation's files (as ``limits``) or an import's."""
    return click.option(
        "--max-file-size",
        *names,
        type=click.IntRange(min=1),
        default=default_bytes // MIB,
        show_default=True,
        metavar=metavar,
        help=help_text,
        **extra,
    )


def organisation_options(*, cache: bool = False) -> Callable[[F], F]:
    """The one option block of the commands that read an organisation: PATH, ``--jobs``,
    ``--max-file-size`` (given to the command as ``limits``), the parse cache's
    ``--cache-dir`` / ``--no-cache`` when ``cache``, and ``--lang``."""

    def decorate(function: F) -> F:
        function = lang_option(function)  # listed last in --help, after the loading options
        if cache:
            function = _cache_options(function)
        function = max_file_size_option(
            Limits().max_file_size,
            N_("Refuse files larger than this many MiB."),
            "limits",
            callback=_limits,
            metavar=None,
        )(function)
        function = click.option(
            "--jobs",
            "-j",
            type=click.IntRange(min=1),
            default=None,
            help=N_(
                "Worker processes [default: one per core, or one fewer where boconf's "
                "own process keeps a core busy]."
            ),
        )(function)
        return click.argument("path", type=click.Path(exists=True, path_type=Path), required=False)(
            function
        )

    return decorate


def use_color(choice: str | None, stream: Any = None) -> bool:
    """Colour on a terminal unless NO_COLOR is set; --color/--no-color decide otherwise."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def _cache_options(function: F) -> F:
    """``--cache-dir`` and ``--no-cache``, for the commands that parse a whole tree."""
    function = click.option(
        "--no-cache",
        is_flag=True,
        help=N_("Parse every file; neither read nor write the cache."),
    )(function)
    return click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=N_(
            "Where parsed files are cached by content [default: .boconf-cache beside the "
            "organisation]."
        ),
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
