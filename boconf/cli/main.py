"""``boconf``: the command-line entry point.

Every command returns an :class:`Exit` code; ``run()`` maps click's own errors to exit 2 and
anything unexpected to exit 3 with a request to report it, never a bare traceback.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

import click

from boconf import __version__
from boconf.cli.exit_codes import Exit
from boconf.loading.limits import MIB, Limits
from boconf.reporting import REPORTERS
from boconf.reporting.text_report import summary
from boconf.schema import stale_files, write
from boconf.validation.run import load_organisation

DEFAULT_ORG = Path("org")
ISSUES_URL = "https://github.com/boconf/boconf/issues"

MAIN_HELP = """Back-office configuration as code.

\b
Examples:
  boconf validate                  validate the organisation in ./org
  boconf validate path/to/org      validate another tree (or a single file)
  boconf validate --format json    machine-readable diagnostics
  boconf schema --check            are the JSON Schemas in ./schemas up to date?

\b
Exit codes: 0 clean, 1 errors in the input, 2 usage or configuration error,
3 internal error.
"""


@click.group(help=MAIN_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="boconf")
def cli() -> None:
    pass


@cli.command(
    help="""Validate an organisation tree and report every problem at file:line:column.

\b
PATH is a directory (every *.yaml/*.yml below it, hidden paths and
scenarios/ excluded) or a single file; default: org/.

\b
Examples:
  boconf validate
  boconf validate org/units/credit.yaml
  boconf validate --format json > diagnostics.json
"""
)
@click.argument("path", type=click.Path(exists=True, path_type=Path), required=False)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes [default: one per core].",
)
@click.option(
    "--max-file-size",
    type=click.IntRange(min=1),
    default=Limits().max_file_size // MIB,
    show_default=True,
    help="Refuse files larger than this many MiB.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print diagnostics only, no summary line.")
@click.option("--verbose", "-v", is_flag=True, help="Also print the time taken.")
def validate(
    path: Path | None,
    output_format: str,
    jobs: int | None,
    max_file_size: int,
    quiet: bool,
    verbose: bool,
) -> None:
    root = path if path is not None else DEFAULT_ORG
    if path is None and not root.exists():
        raise click.UsageError("no PATH given and there is no org/ directory here")
    started = time.perf_counter()
    result = load_organisation(root, limits=Limits(max_file_size=max_file_size * MIB), jobs=jobs)
    output = REPORTERS[output_format](result)
    if quiet and output_format == "text":
        output = output.removesuffix(summary(result) + "\n")
    click.echo(output, nl=False)
    if verbose:
        click.echo(f"took {time.perf_counter() - started:.3f}s", err=True)
    raise SystemExit(Exit.OK if result.ok else Exit.FINDINGS)


@cli.command(
    help="""Write the JSON Schemas for editors, or check that they are up to date.

\b
Examples:
  boconf schema                    (re)write schemas/
  boconf schema --check            exit 1 if schemas/ is stale
"""
)
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
)
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 if a schema file is missing or stale."
)
def schema(out: Path, check: bool) -> None:
    if check:
        stale = stale_files(out)
        for name in stale:
            click.echo(
                f"{out / name}: stale or missing; run 'boconf schema --out {out}' (or make schemas)"
            )
        if stale:
            raise SystemExit(Exit.FINDINGS)
        click.echo(f"{out}: schemas are up to date")
        raise SystemExit(Exit.OK)
    for written in write(out):
        click.echo(f"wrote {written}")
    raise SystemExit(Exit.OK)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (for tests and ``python -m boconf``)."""
    try:
        cli.main(args=argv, prog_name="boconf", standalone_mode=False)
    except SystemExit as stop:
        return int(stop.code or 0)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return Exit.USAGE
    except click.ClickException as error:
        error.show()
        return Exit.USAGE
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    except BrokenPipeError:
        # Output piped into a command that stopped reading (e.g. head): not an error of ours.
        sys.stderr.close()
        return Exit.OK
    except Exception:
        details = traceback.format_exc() if os.environ.get("BOCONF_DEBUG") else ""
        click.echo(
            f"boconf: internal error (this is a bug in boconf {__version__}, not in your files).\n"
            f"Please report it at {ISSUES_URL} with the command you ran"
            + (
                " and this traceback:\n" + details
                if details
                else "; set BOCONF_DEBUG=1 to see the traceback."
            ),
            err=True,
        )
        return Exit.INTERNAL
    return Exit.OK


def run() -> None:
    raise SystemExit(main())
