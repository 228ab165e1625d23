"""Baselines: adopt boconf on a messy organisation and fail only on new findings.

A finding's fingerprint is its rule, the entity it is about and its message: not its line, so
editing other parts of a file does not resurrect baselined findings. The file is JSON, sorted,
one entry per fingerprint with a count, reviewable in git.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from boconf.diagnostics import Code, Diagnostic

BASELINE_VERSION = 1

Fingerprint = tuple[str, str, str]  # (code, file, message)


def fingerprint(diagnostic: Diagnostic) -> Fingerprint:
    return (diagnostic.code, diagnostic.file, diagnostic.message)


def write_baseline(path: Path, diagnostics: list[Diagnostic]) -> int:
    counts = Counter(fingerprint(d) for d in diagnostics)
    entries = [
        {"code": code, "file": file, "message": message, "count": count}
        for (code, file, message), count in sorted(counts.items())
    ]
    path.write_text(
        json.dumps({"version": BASELINE_VERSION, "findings": entries}, indent=2, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    return len(entries)


class BaselineError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def read_baseline(path: Path, display: str) -> Counter[Fingerprint]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != BASELINE_VERSION:
            raise ValueError(f"unsupported baseline version {data.get('version')!r}")
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
                f"cannot read the baseline: {error}",
                "write a new one with --baseline-write FILE",
            )
        ) from None
