"""Machine-readable report: a JSON list of diagnostics, each with a fixed set of keys."""

from __future__ import annotations

import json

from boconf.validation.run import LoadResult


def render(result: LoadResult) -> str:
    records = [diagnostic.as_record() for diagnostic in result.diagnostics]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
