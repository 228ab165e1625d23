"""The translation machinery: languages from the environment, catalogs, and their honesty.

The catalog tests are the ones translators meet: every message the code and templates mark
is translated into every shipped language, with the same placeholders and both plural forms,
and no catalog keeps a message the code no longer has.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from decimal import Decimal
from pathlib import Path

import pytest

from boconf import i18n, numbers
from boconf.i18n.catalogs import compile_catalog, message_key, read_sources
from boconf.i18n.extract import Extracted, extract_messages, placeholders
from boconf.i18n.language import language_from_environment

SHIPPED = [language for language in i18n.LANGUAGES if language != i18n.DEFAULT_LANGUAGE]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({"LANG": "it_IT.UTF-8"}, "it"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "it_IT.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "it_CH"}, "it"),
        ({"LANG": "it_IT.UTF-8", "LC_ALL": "C"}, None),  # the first set variable decides
        ({"LANG": "de_DE.UTF-8"}, None),  # a language boconf does not speak
        ({"LANG": "", "LC_MESSAGES": "it"}, "it"),
        ({"LANG": "it_IT@euro"}, "it"),
    ],
)
def test_the_language_comes_from_the_posix_variables_in_their_order(
    environ: dict[str, str], expected: str | None
) -> None:
    assert language_from_environment(environ) == expected


def _catalog_entries(language: str) -> dict[str, tuple[str | tuple[str, ...], Path]]:
    entries: dict[str, tuple[str | tuple[str, ...], Path]] = {}
    for path, catalog in read_sources(language):
        for message in catalog:
            if not message.id:
                continue
            key = message_key(message)
            assert key not in entries or entries[key][0] == message.string, (
                f"{key!r} is translated differently in {entries[key][1].name} and {path.name}"
            )
            entries[key] = (message.string, path)
    return entries


@pytest.fixture(scope="module")
def extracted() -> dict[str, Extracted]:
    return extract_messages()


@pytest.mark.parametrize("language", SHIPPED)
def test_every_marked_message_is_translated_with_its_placeholders(
    language: str, extracted: dict[str, Extracted]
) -> None:
    entries = _catalog_entries(language)
    messages = extracted
    missing = sorted(f"{m.where}: {m.id!r}" for m in messages.values() if m.id not in entries)
    assert not missing, "untranslated (run `python tools/i18n.py missing`):\n" + "\n".join(missing)
    problems: list[str] = []
    for message in messages.values():
        translation, path = entries[message.id]
        forms = translation if isinstance(translation, tuple) else (translation,)
        expected_forms = 1 if message.plural is None else 2
        if len(forms) != expected_forms or not all(forms):
            problems.append(f"{path.name}: {message.id!r} needs {expected_forms} form(s)")
            continue
        wanted = placeholders(message.id) | placeholders(message.plural or "")
        for form in forms:
            # A singular form may drop the count ("one post" for "{n} posts").
            have = placeholders(form)
            if not have <= wanted or (wanted - have) - {"n", "count"}:
                problems.append(f"{path.name}: {message.id!r} -> {form!r}: {have} vs {wanted}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", SHIPPED)
def test_no_catalog_keeps_a_message_the_code_no_longer_has(
    language: str, extracted: dict[str, Extracted]
) -> None:
    stale = sorted(
        f"{path.name}: {key!r}"
        for key, (_, path) in _catalog_entries(language).items()
        if key not in extracted
    )
    assert not stale, "remove these entries:\n" + "\n".join(stale)


@pytest.mark.parametrize("language", SHIPPED)
def test_every_source_declares_the_same_two_plural_forms(language: str) -> None:
    for path, catalog in read_sources(language):
        assert catalog.num_plurals == 2, path.name
        assert catalog.plural_expr == "(n != 1)", path.name


def test_the_compiled_catalog_says_what_the_sources_say() -> None:
    compiled = gettext.GNUTranslations(io.BytesIO(compile_catalog("it")))
    for key, (translation, _) in _catalog_entries("it").items():
        if isinstance(translation, tuple):
            assert compiled.ngettext(key, key + "s", 1) == translation[0]
            assert compiled.ngettext(key, key + "s", 7) == translation[1]
        else:
            assert compiled.gettext(key) == translation


def test_english_is_the_identity_and_an_unknown_language_is_refused() -> None:
    with i18n.using("en"):
        assert i18n._("no such message, {x}") == "no such message, {x}"
        assert i18n.ngettext("{n} post", "{n} posts", 2) == "{n} posts"
    with pytest.raises(ValueError, match="unknown language 'de'"):
        i18n.activate("de")
    assert i18n.active_language() == "en"


def test_figures_and_dates_follow_the_language() -> None:
    day = dt.date(2027, 3, 31)
    with i18n.using("en"):
        english = (
            numbers.money(Decimal("5495200"), "EUR"),
            numbers.fte(Decimal("1.5")),
            numbers.percent(Decimal("0.375")),
            numbers.date(day),
        )
    with i18n.using("it"):
        italian = (
            numbers.money(Decimal("5495200"), "EUR"),
            numbers.fte(Decimal("1.5")),
            numbers.percent(Decimal("0.375")),
            numbers.date(day),
        )
        assert numbers.signed_money(Decimal("-20000"), "EUR") == "-EUR 20.000,00"
    assert english == ("EUR 5,495,200.00", "1.5", "37.5%", "2027-03-31")
    assert italian == ("EUR 5.495.200,00", "1,5", "37,5%", "31 marzo 2027")
