"""``boconf``: the command-line entry point.

Every command returns an :class:`Exit` code; ``run()`` maps click's own errors to exit 2 and
anything unexpected to exit 3 with a request to report it, never a bare traceback.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import traceback

import click

from boconf import __version__, clock, i18n
from boconf.cli.exit_codes import Exit
from boconf.cli.help import HelpGroup, commands_rows
from boconf.cli.language import environment_language, requested_language
from boconf.i18n import N_

MAIN_HELP = N_(
    """Back-office configuration as code.

\b
Examples:
  boconf validate                  validate the organisation in ./org
  boconf validate path/to/org      validate another tree (or a single file)
  boconf validate --format json    machine-readable diagnostics
  boconf check                     validate and lint (the CI entry point)
  boconf check --format sarif -o boconf.sarif
  boconf rules                     every lint rule; boconf explain BO203 for one
  boconf graph --format graphml -o org.graphml
  boconf render --view structure -o structure.svg
  boconf report cost               annual cost by unit, function, location, vendor
  boconf diff origin/main          what a change does, with its cost (--format markdown)
  boconf scenario list             what-if scenarios; --scenario NAME on check, diff, report
  boconf schema --check            are the JSON Schemas in ./schemas up to date?

\b
Exit codes: 0 clean, 1 errors in the input (or findings at or above the
fail level), 2 usage or configuration error, 3 internal error.
"""
)


# Command name -> "module:attribute". Commands are imported when run, so `boconf validate`
# does not pay for Jinja2, Graphviz or NetworkX at start-up (a quarter of a second).
COMMANDS = {
    "validate": "boconf.cli.validate_cmd:validate",
    "check": "boconf.cli.check_cmd:check",
    "rules": "boconf.cli.rules_cmd:rules",
    "explain": "boconf.cli.rules_cmd:explain",
    "graph": "boconf.cli.graph_cmd:graph",
    "render": "boconf.cli.render_cmd:render_command",
    "docs": "boconf.cli.docs_cmd:docs",
    "diff": "boconf.cli.diff_cmd:diff",
    "report": "boconf.cli.report_cmd:report",
    "schema": "boconf.cli.schema_cmd:schema",
    "scenario": "boconf.cli.scenario_cmd:scenario",
    "import": "boconf.cli.import_cmd:import_group",
    "export": "boconf.cli.export_cmd:export_group",
    "init": "boconf.cli.init_cmd:init",
    "fmt": "boconf.cli.fmt_cmd:fmt",
    "rename": "boconf.cli.refactor_cmd:rename",
    "move": "boconf.cli.refactor_cmd:move",
    "lsp": "boconf.cli.lsp_cmd:lsp",
}


# What `boconf --help` lists for each command, so that listing them imports none of them
# (a test keeps these equal to each command's own help).
SUMMARIES = {
    "validate": N_("Validate an organisation tree and report every problem."),
    "check": N_("Validate and lint: the pull-request CI entry point."),
    "rules": N_("List every lint rule: code, name, default severity, summary."),
    "explain": N_("Show a rule's documentation."),
    "graph": N_("Export the organisation as a graph (typed nodes and edges)."),
    "render": N_("Draw an org chart of one view."),
    "docs": N_("Build a documentation site of the organisation."),
    "diff": N_("Compare two versions of the organisation, with the impact."),
    "report": N_("Reports about the organisation."),
    "schema": N_("Write the JSON Schemas for editors, or check them."),
    "scenario": N_("What-if scenarios: list them, write one out."),
    "import": N_("Create an organisation tree from an HR export or Backstage."),
    "export": N_("Export the organisation to other tools (CSV, Backstage)."),
    "init": N_("Create a new organisation repository."),
    "fmt": N_("Format organisation files in one canonical style."),
    "rename": N_("Rename an entity: its id and every reference to it, in every file."),
    "move": N_("Move a position to another unit, or a unit under another parent."),
    "lsp": N_("Run the language server (stdio) for editors."),
}


class LazyGroup(HelpGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands_rows(formatter, [(name, i18n._(SUMMARIES[name])) for name in COMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(
    cls=LazyGroup, help=MAIN_HELP, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, "--version", "-V", prog_name="boconf")
def cli() -> None:
    pass


# What finished commands left behind, kept alive until the process ends (see run()).
_finished: list[BaseException] = []


def main(argv: list[str] | None = None, *, keep_objects: bool = False) -> int:
    """Run the CLI and return its exit code (for tests and ``python -m boconf``).

    ``keep_objects`` keeps everything the command built alive (its frames, through the
    exit's traceback), for a caller that ends the process at once."""
    # The locale's language until --lang or the repository's lang: says otherwise; the caller's
    # afterwards (tests run many commands in one process, each from the locale).
    # An explicit --lang is applied at once too, so that --help before it already speaks it.
    args = sys.argv[1:] if argv is None else argv
    with i18n.using(requested_language(args) or environment_language(os.environ)):
        return _run(argv, keep_objects)


def _run(argv: list[str] | None, keep_objects: bool) -> int:
    try:
        clock.today()  # a BOCONF_TODAY that is not a date stops every command alike
    except clock.ClockError as error:
        click.echo(f"boconf: {error}", err=True)
        return Exit.USAGE
    try:
        cli.main(args=argv, prog_name="boconf", standalone_mode=False)
    except SystemExit as stop:
        if keep_objects:
            _finished.append(stop)
        return int(stop.code or 0)
    except click.exceptions.Abort:
        click.echo(i18n._("aborted"), err=True)
        return Exit.USAGE
    except click.ClickException as error:
        error.show()
        return Exit.USAGE
    except KeyboardInterrupt:
        click.echo(i18n._("interrupted"), err=True)
        return 130
    except BrokenPipeError:
        # Output piped into a command that stopped reading (e.g. head): not an error of ours.
        sys.stderr.close()
        return Exit.OK
    except Exception:
        details = traceback.format_exc() if os.environ.get("BOCONF_DEBUG") else ""
        report = (
            i18n._(" and this traceback:") + "\n" + details
            if details
            else i18n._("; set BOCONF_DEBUG=1 to see the traceback.")
        )
        click.echo(
            i18n._(
                "boconf: internal error (this is a bug in boconf {version}, not in your files).\n"
                "Please report it to whoever provides your boconf, with the command you ran"
            ).format(version=__version__)
            + report,
            err=True,
        )
        return Exit.INTERNAL
    return Exit.OK


def run() -> None:
    """The console command: runs the CLI, then ends the process without tearing the
    interpreter down.

    Freeing a large organisation object by object takes a noticeable share of a command's
    time (a twentieth of a 100,000-row import) and achieves nothing at exit; mypy ends the
    same way. Every file boconf writes is closed by then, so only the standard streams
    need flushing."""
    code = main(keep_objects=True)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(code)
