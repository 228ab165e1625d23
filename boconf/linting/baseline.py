"""Baselines: adopt boconf on a messy organisation and fail only on new findings.

A finding's fingerprint is its rule, its file (relative to the organisation directory, so the
baseline works from any working directory) and its message, which names the entity: not its
line, so editing other parts of a file does not resurrect baselined findings. The file is JSON, sorted,
one entry per fingerprint with a count, reviewable in git.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from boconf.diagnostics import Code, Diagnostic
from boconf.i18n import _
from boconf.output import write_atomic

BASELINE_VERSION = 1

Fingerprint = tuple[str, str, str]  # (code, file, message)


def fingerprint(diagnostic: Diagnostic, root: Path) -> Fingerprint:
    try:
        file = Path(diagnostic.file).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        file = diagnostic.file
    return (diagnostic.code, file, diagnostic.message)


def write_baseline(path: Path, diagnostics: list[Diagnostic], root: Path) -> int:
    counts = Counter(fingerprint(d, root) for d in diagnostics)
    entries = [
        {"code": code, "file": file, "message": message, "count": count}
        for (code, file, message), count in sorted(counts.items())
    ]
    text = (
        json.dumps({"version": BASELINE_VERSION, "findings": entries}, indent=2, ensure_ascii=False)
        + "\n"
    )
    write_atomic(path, text.encode("utf-8"))  # raises OutputError
    return len(entries)


class BaselineError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def read_baseline(path: Path, display: str) -> Counter[Fingerprint]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != BASELINE_VERSION:
            raise ValueError(
                _("unsupported baseline version {version}").format(
                    version=repr(data.get("version"))
                )
            )
        return Counter(
            {
                (entry["code"], entry["file"], entry["message"]): int(entry.get("count", 1))
                for entry in data["findings"]
            }
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise BaselineError(
            Diagnostic(
                display,
                1,
                1,
                Code.CONFIG,
                _("cannot read the baseline: {error}").format(error=error),
                _("write a new one with --baseline-write FILE"),
            )
        ) from None
