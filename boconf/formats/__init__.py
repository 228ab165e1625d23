"""One module per output format, all fed by the same :class:`Report`."""

from __future__ import annotations

from collections.abc import Callable

from boconf.formats import github_report, json_report, sarif_report, text_report
from boconf.formats.report import Report, ReportOptions

# Every format is called the same way: the report, and the options (colour, the summary line)
# that a format may use or ignore. A new format is its module and one line below.
Reporter = Callable[[Report, ReportOptions], str]

# `validate`: text, or a JSON list of diagnostics.
VALIDATE_REPORTERS: dict[str, Reporter] = {
    "text": text_report.render,
    "json": json_report.render_list,
}
# `check`: the CI formats too.
CHECK_REPORTERS: dict[str, Reporter] = {
    "text": text_report.render,
    "json": json_report.render,
    "sarif": sarif_report.render,
    "github": github_report.render,
}
