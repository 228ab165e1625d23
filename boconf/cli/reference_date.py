"""Saying which date a command took for "today" when it is not today.

A settings file may declare the date its organisation describes (``reference_date``); every
command then uses that date instead of the clock, and a reader of the output (or of the site)
must not take its contract findings for today's. The note goes to stderr so that the
machine-readable formats on stdout stay as they are. (``main`` has already refused a
BOCONF_TODAY that is not a date.)
"""

from __future__ import annotations

import datetime as dt

import click

from boconf import clock
from boconf.i18n import _


def note_reference_date(date: dt.date, source: str) -> None:
    """A line on stderr when a settings file set the date and it is not the clock's."""
    today = clock.today()
    if source.startswith("reference_date") and date != today:
        note = _("boconf: reference date {date} ({source}), not today ({today})")
        click.echo(note.format(date=date, source=_source(source), today=today), err=True)


def _source(source: str) -> str:
    """Where the date came from, said in the run's language (the file's name as written)."""
    prefix = "reference_date in "
    if source.startswith(prefix):
        return _("reference_date in {file}").format(file=source.removeprefix(prefix))
    return source
