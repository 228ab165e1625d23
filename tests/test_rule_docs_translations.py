"""Every rule's documentation in every shipped language, held to the English one's shape.

A translation is prose; what it must not change is checked here: one translation per rule,
the same sections in the same order under the translated headings, the same YAML examples
byte for byte, the same option names; and the generated ``docs/rules.<lang>.md`` is current.
"""

from __future__ import annotations

import inspect
import re

import pytest

from boconf import i18n
from boconf.formats.rule_docs import render_markdown
from boconf.i18n import _
from boconf.rules.documentation import WHAT_IT_CHECKS, translation_path
from boconf.rules.registry import RULES

from .conftest import REPO

SHIPPED = [language for language in i18n.LANGUAGES if language != i18n.DEFAULT_LANGUAGE]
CODE_BLOCK = re.compile(r"```.*?```", re.DOTALL)
OPTION_NAME = re.compile(r"^- `(\w+)`", re.MULTILINE)


def english(rule: type) -> str:
    return inspect.cleandoc(rule.__doc__ or "")


def headings(text: str) -> list[str]:
    return [line[3:] for line in text.splitlines() if line.startswith("## ")]


@pytest.fixture(params=SHIPPED)
def language(request: pytest.FixtureRequest) -> str:
    with i18n.using(request.param):
        yield request.param


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_each_rule_has_a_translation_of_the_same_shape(rule: type, language: str) -> None:
    path = translation_path(rule.code, language)
    assert path.is_file(), f"translate {rule.code}'s docstring into {path}"
    translated = rule.documentation()
    source = english(rule)
    assert translated != source
    assert translated.splitlines()[0] == rule.summary_text(), "the first line is the summary"
    assert headings(translated) == [_(heading) for heading in headings(source)]
    assert CODE_BLOCK.findall(translated) == CODE_BLOCK.findall(source), "examples unchanged"
    assert OPTION_NAME.findall(translated) == OPTION_NAME.findall(source)
    assert rule.section(WHAT_IT_CHECKS), "the SARIF description reads this section"


def test_the_generated_reference_is_current_in_every_language(language: str) -> None:
    committed = (REPO / "docs" / f"rules.{language}.md").read_text(encoding="utf-8")
    assert committed == render_markdown(), (
        f"regenerate: boconf rules --docs docs/rules.{language}.md --lang {language}"
    )


def test_english_documentation_is_still_the_docstring() -> None:
    with i18n.using("en"):
        assert all(rule.documentation() == english(rule) for rule in RULES)


def test_the_english_summary_is_the_docstrings_first_line() -> None:
    with i18n.using("en"):
        assert all(english(rule).splitlines()[0] == rule.summary_text() for rule in RULES)
