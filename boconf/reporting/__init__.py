"""One module per output format, all fed by the same list of diagnostics."""

from __future__ import annotations

from collections.abc import Callable

from boconf.reporting import json_report, text_report
from boconf.validation.run import LoadResult

Reporter = Callable[[LoadResult], str]

REPORTERS: dict[str, Reporter] = {
    "text": text_report.render,
    "json": json_report.render,
}
