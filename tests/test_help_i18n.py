"""``--help`` in the run's language: Italian where asked, English byte for byte otherwise.

The Italian lines are pinned at click's 80 columns. English is checked two ways: against
click's own formatting of the same command (the translating classes must add nothing), and
against docs/cli.md, which is generated from the untranslated attributes.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator

import click
import pytest

from boconf import i18n
from boconf.cli.language import requested_language
from boconf.cli.main import cli
from boconf.interop.backstage_export import CATALOG_FILE
from tests.conftest import REPO, Run


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


def _command(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(click.Context(command), name)
        assert found is not None
        command = found
    return command


def test_check_help_is_italian_with_lang_after_help(boconf: Callable[..., Run]) -> None:
    run = boconf("check", "--help", "--lang", "it")
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0] == "Uso: boconf check [OPTIONS] [PATH]"
    assert lines[2] == (
        "  Valida e analizza un’organizzazione: il punto d’ingresso della CI delle pull"
    )
    # An option's help, click's own default marker, and the help option itself.
    assert "  --baseline FILE                 Riporta solo le segnalazioni che non sono in" in lines
    assert "  --format [github|json|sarif|text]" in lines
    assert lines[lines.index("  --format [github|json|sarif|text]") + 1].strip() == (
        "[predefinito: text]"
    )
    assert "  -h, --help                      Mostra questo messaggio ed esci." in lines
    # The examples keep their commands; only their comments are Italian.
    assert "    boconf check --format github                        (annotazioni sulla PR)" in lines
    assert "Opzioni:" in lines and "Options:" not in lines


def test_the_command_list_is_italian_from_the_locale(
    boconf: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    lines = boconf("--help").out.splitlines()
    assert lines[0] == "Uso: boconf [OPTIONS] COMMAND [ARGS]..."
    assert lines[2] == "  Configurazione del back office come codice."
    check = lines.index("Comandi:") + 2
    assert lines[check - 1 : check + 2] == [
        "  validate  Valida l’albero di un’organizzazione e riporta ogni problema.",
        "  check     Valida e analizza: il punto d’ingresso della CI delle pull",
        "            request.",
    ]
    assert "  -V, --version  Mostra la versione ed esci." in lines


def test_render_help_and_a_subgroups_commands_from_the_locale(
    boconf: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    render = boconf("render", "--help").out.splitlines()
    assert render[2] == "  Disegna un organigramma di una vista."
    assert (
        "  --view [back-office|reporting|sourcing|sourcing-mix|sourcing-mix-cost|structure|support]"
        in render
    )
    assert "                                  La vista da disegnare." in render
    imports = boconf("import", "--help").out.splitlines()
    # a group built by click.group lists its commands' first sentences, translated
    assert "  backstage   Importa un catalogo Backstage: entità Group e User." in imports
    required = boconf("export", "backstage", "--help").out
    assert "[obbligatorio]" in required and "[required]" not in required


def test_italian_help_leaves_the_commands_english(boconf: Callable[..., Run]) -> None:
    boconf("check", "--help", "--lang", "it")
    check = _command(("check",))
    assert (check.help or "").startswith("Validate and lint an organisation")
    assert boconf("check", "--help").out.splitlines()[2].startswith("  Validate and lint")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "--help", "--lang", "it"], "it"),
        (["render", "--lang=it", "--help"], "it"),
        (["check", "--lang", "it", "--lang", "en"], "en"),  # the last wins, as in click
        (["check", "--lang", "de", "--help"], None),  # left to click to refuse
        (["check", "--", "--lang", "it"], None),  # after --, an argument
        (["check", "--lang"], None),
    ],
)
def test_lang_is_read_before_click_parses(args: list[str], expected: str | None) -> None:
    assert requested_language(args) == expected


def _plain_help(command: click.Command, path: tuple[str, ...]) -> str:
    """The help click itself formats for the command (its class swapped for click's own)."""
    plain = copy.copy(command)
    plain.__class__ = click.Group if isinstance(command, click.Group) else click.Command
    context = click.Context(plain, info_name=" ".join(("boconf", *path)))
    return plain.get_help(context)


@pytest.mark.parametrize("path", list(_commands(cli)), ids=" ".join)
def test_english_help_is_clicks_own_byte_for_byte(path: tuple[str, ...]) -> None:
    command = _command(path)
    context = click.Context(command, info_name=" ".join(("boconf", *path)))
    with i18n.using("en"):
        assert command.get_help(context) == _plain_help(command, path)


@pytest.mark.parametrize("path", list(_commands(cli)), ids=" ".join)
def test_english_help_says_what_the_command_reference_says(
    boconf: Callable[..., Run], path: tuple[str, ...]
) -> None:
    """docs/cli.md is generated from the English attributes: every summary and option help
    it holds is in the command's --help (whitespace aside, as click wraps it)."""
    reference = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    section = reference.split(f"## `boconf {' '.join(path)}`\n", 1)[1].split("\n## ", 1)[0]
    shown = " ".join(boconf(*path, "--help").out.split())
    summary = section.strip().split("\n", 1)[0]
    assert summary.removesuffix("...") in shown
    for row in section.splitlines():
        if row.startswith("| `"):
            meaning = row.split(" | ", 1)[1].removesuffix(" |").replace("\\|", "|")
            # what the generator appends to the help text itself
            meaning = re.sub(r"\s*(\(default: `.*|One of: `.*)$", "", meaning)
            assert " ".join(meaning.split()) in shown, (path, meaning)


def test_the_backstage_help_names_the_file_the_export_writes(boconf: Callable[..., Run]) -> None:
    # The help text spells the file name out (so that it can be translated).
    assert f"DIR/{CATALOG_FILE}." in boconf("export", "backstage", "--help").out
