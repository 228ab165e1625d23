"""A rule's documentation in another language than English, and the headings of its sections.

English documentation is the rule class's docstring, where a developer reads it beside the
code. A translation is a Markdown file of the same shape, ``translations/<lang>/<code>.md``
beside this module: the summary line, then the same sections under translated headings, with
the same YAML examples. The rule-documentation tests hold each translation to that shape.
"""

from __future__ import annotations

import functools
from pathlib import Path

from boconf.i18n import DEFAULT_LANGUAGE, N_

TRANSLATIONS = Path(__file__).resolve().parent / "translations"

# The sections every rule's documentation has, in order (Options only when it has some).
WHAT_IT_CHECKS = N_("What it checks")
WHY_IT_MATTERS = N_("Why it matters")
HOW_TO_FIX = N_("How to fix")
OPTIONS = N_("Options")
FAILING_EXAMPLE = N_("Failing example")
PASSING_EXAMPLE = N_("Passing example")
SECTIONS = (WHAT_IT_CHECKS, WHY_IT_MATTERS, HOW_TO_FIX, OPTIONS, FAILING_EXAMPLE, PASSING_EXAMPLE)


def translation_path(code: str, language: str) -> Path:
    return TRANSLATIONS / language / f"{code}.md"


@functools.cache
def translated_documentation(code: str, language: str) -> str | None:
    """The rule's documentation in ``language``, or None in English or without a translation."""
    if language == DEFAULT_LANGUAGE:
        return None
    try:
        return translation_path(code, language).read_text(encoding="utf-8").strip()
    except OSError:
        return None
