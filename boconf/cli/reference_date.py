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


def note_reference_date(date: dt.date, source: str) -> None:
    """A line on stderr when a settings file set the date and it is not the clock's."""
    today = clock.today()
    if source.startswith("reference_date") and date != today:
        click.echo(f"boconf: reference date {date} ({source}), not today ({today})", err=True)
