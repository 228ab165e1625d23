"""``--help`` in the run's language: commands and groups that translate their help when shown.

click keeps a command's ``help=``, its options' ``help=`` and the group's summaries as given
at import time, before ``--lang`` or the locale is known. So the texts are written in English
and marked with ``N_`` (Babel extracts them into help.po), and these classes pass them
through ``_()`` only while formatting the help. English is the identity: with English active
every method below produces what click's own does, byte for byte (docs/cli.md is generated
from the untranslated attributes and stays English).

The headings and texts click writes itself ("Usage:", "Show this message and exit.") come
from click's own gettext domain, which boconf does not ship; they are marked here instead.
"""

from __future__ import annotations

import copy
import inspect

import click

from boconf.i18n import N_, _

# click's own words, exactly as click 8 writes them (the help and version options' help
# among them), marked here for extraction so that Italian help has no English frame.
_USAGE = N_("Usage:")
_OPTIONS = N_("Options")
_COMMANDS = N_("Commands")
_CLICK_OPTIONS = (N_("Show this message and exit."), N_("Show the version and exit."))
_DEFAULT = N_("default: {default}")
_REQUIRED = N_("required")


def _option_record(param: click.Parameter, ctx: click.Context) -> tuple[str, str] | None:
    help_text = getattr(param, "help", None)
    shown = param
    if help_text:
        # A copy with the translated help: the command object is shared by every run in the
        # process (the tests run many), so its attributes stay English.
        shown = copy.copy(param)
        shown.help = _(help_text)
    record = shown.get_help_record(ctx)
    if record is None:
        return None
    term, text = record
    # click appends its extras in English ("[default: text]", "[required]"); a help text
    # that says "[default: ...]" itself has been translated by now.
    default = _(_DEFAULT).split("{default}")[0]
    text = text.replace("[default: ", f"[{default}").replace("; default: ", f"; {default}")
    return term, text.replace("[required]", f"[{_(_REQUIRED)}]")


class _Translating(click.Command):
    """The formatting methods of click's Command, with the texts passed through ``_()``."""

    def get_short_help_str(self, limit: int = 45) -> str:
        shown = copy.copy(self)  # as for options: the command itself stays English
        shown.short_help = _(self.short_help) if self.short_help else self.short_help
        shown.help = _(self.help) if self.help else self.help
        return click.Command.get_short_help_str(shown, limit)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), _(_USAGE) + " ")

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if not self.help or self.deprecated:  # (click's deprecation label: none here)
            super().format_help_text(ctx, formatter)
            return
        text = inspect.cleandoc(_(self.help)).partition("\f")[0]
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(text)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [
            record
            for param in self.get_params(ctx)
            if not isinstance(param, click.Argument)
            and (record := _option_record(param, ctx)) is not None
        ]
        if records:
            with formatter.section(_(_OPTIONS)):
                formatter.write_dl(records)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.epilog:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(inspect.cleandoc(_(self.epilog)))


class HelpCommand(_Translating):
    """A command whose ``--help`` speaks the run's language."""


class HelpGroup(_Translating, click.Group):
    """A group whose ``--help`` (and its list of commands) speaks the run's language; the
    commands and groups declared on it are of these classes too."""

    command_class = HelpCommand
    group_class = type

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click's Group lists its commands after the options; the translating options above
        # come first in the method order, so the list is called for here.
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands = [
            (name, command)
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if not commands:
            return
        # click's own arithmetic: what the width leaves after the longest name.
        limit = formatter.width - 6 - max(len(name) for name, _command in commands)
        commands_rows(formatter, [(n, c.get_short_help_str(limit)) for n, c in commands])


def commands_rows(formatter: click.HelpFormatter, rows: list[tuple[str, str]]) -> None:
    """The "Commands" section of a group's help, its heading in the active language."""
    with formatter.section(_(_COMMANDS)):
        formatter.write_dl(rows)
