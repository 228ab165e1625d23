"""The one place boconf reads today's date (the default reference date of the contract rules,
the cost calendar and the documentation site).

``BOCONF_TODAY=YYYY-MM-DD`` sets it: a test (or a rehearsal) runs every command years ahead,
in a subprocess, without faking the system clock.
"""

from __future__ import annotations

import datetime as dt
import os

ENVIRONMENT = "BOCONF_TODAY"


class ClockError(ValueError):
    """BOCONF_TODAY is set but is not a date."""


def today() -> dt.date:
    value = os.environ.get(ENVIRONMENT, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ClockError(
            f"{ENVIRONMENT}={value!r} is not a date: give YYYY-MM-DD, or unset it"
        ) from None
