"""The command line in Italian: which language a run speaks, and what it says in it.

The precedence is ``--lang`` > ``lang:`` in the settings > LC_ALL / LC_MESSAGES / LANG >
English. Positions and codes never change with the language; English output is pinned by the
golden files and the other tests, which run with the locale cleared below.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from boconf import i18n
from boconf.formats.diff_report import figure_name
from boconf.lsp.server import client_language

from .conftest import REPO, Run

Boconf = Callable[..., Run]
LOCALE = ("LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def _no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's locale must not decide what these tests see."""
    for variable in LOCALE:
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example with a misspelt manager: one error, at units/service-desk.yaml:9:10."""
    shutil.copytree(REPO / "org", tmp_path / "org")
    unit = tmp_path / "org" / "units" / "service-desk.yaml"
    text = unit.read_text(encoding="utf-8")
    assert "\nmanager: service-desk-lead\n" in text
    unit.write_text(text.replace("manager: service-desk-lead", "manager: service-desk-led"))
    return tmp_path / "org"


ERROR = (
    "org/units/service-desk.yaml:9:10: error[BO031]: unit 'service-desk' -> manager: "
    "no position 'service-desk-led'"
)
ENGLISH_SUMMARY = "org: 1 error in 1 file (118 files, 118 documents)"
ITALIAN_SUMMARY = "org: 1 errore in 1 file (118 file, 118 documenti)"


def _settings_lang(example: Path, language: str) -> None:
    settings = example / ".boconf.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"lang: {language}\n")


def test_check_in_italian_keeps_every_position_and_code(boconf: Boconf, example: Path) -> None:
    english = boconf("check", "org", cwd=example.parent)
    italian = boconf("check", "org", "--lang", "it", cwd=example.parent)
    assert english.code == italian.code == 1
    assert english.lines[0] == ERROR
    assert italian.lines[0] == ERROR.split(": unit ")[0] + (
        ": unità 'service-desk' -> manager: la posizione 'service-desk-led' non esiste"
    )
    assert english.lines[1] == "    hint: did you mean 'service-desk-lead'?"
    assert italian.lines[1].startswith("    suggerimento: ")
    assert english.lines[-1] == ENGLISH_SUMMARY
    assert italian.lines[-1] == ITALIAN_SUMMARY


def test_a_clean_check_in_italian_counts_with_italian_plurals(boconf: Boconf) -> None:
    run = boconf("check", "org", "--lang", "it", cwd=REPO)
    assert run.code == 0
    assert run.out == (
        "org: nessuna segnalazione: 26 unità, 93 posizioni (101 posti), 82 persone, 6 sedi, "
        "3 fornitori, 3 contratti (118 file, 118 documenti, 33 regole, 2 scenari, "
        "5 soppresse)\n"
    )


@pytest.mark.parametrize(
    ("flag", "settings", "environ", "summary"),
    [
        (None, None, {}, ENGLISH_SUMMARY),  # nobody said: English
        (None, None, {"LANG": "it_IT.UTF-8"}, ITALIAN_SUMMARY),  # the locale
        (None, None, {"LANG": "it_IT.UTF-8", "LC_ALL": "C"}, ENGLISH_SUMMARY),  # LC_ALL first
        (None, "it", {"LANG": "en_GB.UTF-8"}, ITALIAN_SUMMARY),  # settings over the locale
        (None, "en", {"LC_ALL": "it_IT.UTF-8"}, ENGLISH_SUMMARY),
        ("en", "it", {"LANG": "it_IT.UTF-8"}, ENGLISH_SUMMARY),  # the flag over everything
        ("it", "en", {"LANG": "en_US.UTF-8"}, ITALIAN_SUMMARY),
    ],
)
def test_the_language_flag_then_settings_then_locale_then_english(
    boconf: Boconf,
    example: Path,
    monkeypatch: pytest.MonkeyPatch,
    flag: str | None,
    settings: str | None,
    environ: dict[str, str],
    summary: str,
) -> None:
    for variable, value in environ.items():
        monkeypatch.setenv(variable, value)
    if settings is not None:
        _settings_lang(example, settings)
    run = boconf("check", "org", *(["--lang", flag] if flag else []), cwd=example.parent)
    assert (run.code, run.lines[-1]) == (1, summary)


def test_each_run_starts_from_the_locale_not_from_the_last_run(
    boconf: Boconf, example: Path
) -> None:
    assert boconf("check", "org", "--lang", "it", cwd=example.parent).lines[-1] == ITALIAN_SUMMARY
    assert boconf("check", "org", cwd=example.parent).lines[-1] == ENGLISH_SUMMARY
    assert i18n.active_language() == "en"


def test_the_settings_language_applies_to_commands_that_read_no_other_setting(
    boconf: Boconf, example: Path
) -> None:
    _settings_lang(example, "it")
    run = boconf("validate", "org", cwd=example.parent)
    assert (run.code, run.lines[-1]) == (1, ITALIAN_SUMMARY)


def test_an_unknown_language_is_a_usage_error_with_the_choices(boconf: Boconf) -> None:
    run = boconf("check", "org", "--lang", "de", cwd=REPO)
    assert run.code == 2
    assert "Invalid value for '--lang': 'de' is not one of 'en', 'it'." in run.err
    assert run.out == ""


def test_an_unknown_language_in_the_settings_is_a_settings_error_at_its_line(
    boconf: Boconf, example: Path
) -> None:
    _settings_lang(example, "de")
    run = boconf("check", "org", cwd=example.parent)
    assert run.code == 2
    line = len((example / ".boconf.yaml").read_text(encoding="utf-8").splitlines())
    assert run.err.startswith(f"org/.boconf.yaml:{line}:7: error[BO090]: ")
    assert "'de'" in run.err


def test_a_usage_error_of_ours_speaks_the_language(boconf: Boconf, tmp_path: Path) -> None:
    run = boconf("validate", "--lang", "it", cwd=tmp_path)
    assert run.code == 2
    assert "Error: nessun PATH indicato e qui non c’è una cartella org/" in run.err


SERVICE_DESK_COST = "  service-desk                6,67 FTE      EUR 338.000,00"


def test_the_cost_report_in_italian_figures(boconf: Boconf) -> None:
    run = boconf("report", "cost", "org", "--lang", "it", cwd=REPO)
    assert run.code == 0
    lines = run.lines
    assert lines[0] == (
        "Costo annuo: EUR 5.767.600,00 per 98,8 FTE di personale interno e 6,77 FTE di "
        "lavoro dei fornitori"
    )
    # The service desk: three in-house posts at Milan's EUR 62,000 a year, its own lead at
    # EUR 56,000 and BlueWave's contract (EUR 96,000, its only user): 186,000 + 56,000 + 96,000.
    assert 3 * 62_000 + 56_000 + 96_000 == 338_000
    assert SERVICE_DESK_COST in lines
    assert lines[lines.index("Per unità") + 1] == (
        "  sales-north                    7 FTE      EUR 434.000,00"
    )
    assert "  (personale interno)            98,8 FTE    EUR 5.579.600,00" in lines
    assert "Dati di costo mancanti: nessuno" in lines
    calendar = lines[lines.index("Scadenzario dei contratti (30 novembre 2026 + 365 giorni)") :]
    assert calendar[1:] == [
        "  31 dicembre 2026  termine disdetta bluewave-service-desk-2024 (bluewave-bpo), "
        "tra 31 giorni",
        "  31 marzo 2027     scadenza         bluewave-service-desk-2024 (bluewave-bpo), "
        "tra 121 giorni",
        "  4 luglio 2027     termine disdetta paghe-lombardo-2023 (studio-paghe-lombardo), "
        "tra 216 giorni",
    ]


def test_the_cost_report_in_english_is_unchanged(boconf: Boconf) -> None:
    run = boconf("report", "cost", "org", "--lang", "en", cwd=REPO)
    assert "  service-desk                6.67 FTE      EUR 338,000.00" in run.lines
    assert run.lines[-3:] == [
        "  2026-12-31  notice deadline bluewave-service-desk-2024 (bluewave-bpo), in 31 days",
        "  2027-03-31  ends            bluewave-service-desk-2024 (bluewave-bpo), in 121 days",
        "  2027-07-04  notice deadline paghe-lombardo-2023 (studio-paghe-lombardo), in 216 days",
    ]


def test_the_cost_report_in_markdown_has_italian_headers(boconf: Boconf) -> None:
    run = boconf("report", "cost", "org", "--lang", "it", "--format", "markdown", cwd=REPO)
    assert run.lines[0] == "# Costo annuo"
    assert "| service-desk | 6,67 | EUR 338.000,00 |" in run.lines
    assert "| | FTE | costo |" in run.lines
    assert "| data | evento | contratto | fornitore | quando |" in run.lines
    assert (
        "| 31 marzo 2027 | scadenza | bluewave-service-desk-2024 | bluewave-bpo | tra 121 giorni |"
        in run.lines
    )


def test_a_scenario_s_cost_in_italian_widens_its_label_column(boconf: Boconf) -> None:
    run = boconf("report", "cost", "org", "--lang", "it", "--scenario", "credit-to-cluj", cwd=REPO)
    assert run.code == 0
    head, labels = run.lines[0], [line[:14] for line in run.lines[1:5]]
    assert head.startswith("Lo scenario 'credit-to-cluj' fa risparmiare EUR ")
    assert head.endswith(" l’anno")
    assert labels == ["              ", "  base        ", "  scenario    ", "  variazione  "]
    assert run.lines[1].endswith("costo annuo  FTE interni  FTE fornitori")


def test_the_diff_s_figures_are_named_in_the_language() -> None:
    with i18n.using("it"):
        assert figure_name("posts, back office") == "posti, back office"
        assert figure_name("FTE, function it_support") == "FTE, funzione it_support"
        assert figure_name("FTE, captive") == "FTE, captive"
        assert figure_name("vendor FTE (outsourced)") == "FTE dei fornitori (esternalizzati)"
        assert figure_name("annual cost (EUR)") == "costo annuo (EUR)"
        assert figure_name("back-office head's line") == (
            "linea di riporto del responsabile del back office"
        )
    assert figure_name("posts, back office") == "posts, back office"


def test_the_language_server_takes_the_client_s_language() -> None:
    assert client_language({"lang": "it"}, "en-US", {}) == "it"
    assert client_language({"lang": "de"}, "it-IT", {}) == "it"  # unknown: the next source
    assert client_language(None, "it", {"LANG": "en_US.UTF-8"}) == "it"
    assert client_language({}, None, {"LANG": "it_IT.UTF-8"}) == "it"
    assert client_language(None, "fr-FR", {"LC_ALL": "C"}) == "en"


def test_signed_money_in_a_comparison_follows_the_language() -> None:
    from boconf.numbers import signed_money

    with i18n.using("it"):
        assert signed_money(Decimal("-338000"), "EUR") == "-EUR 338.000,00"


def test_github_annotations_in_italian_keep_file_line_and_column(
    boconf: Boconf, example: Path
) -> None:
    run = boconf("check", "org", "--lang", "it", "--format", "github", cwd=example.parent)
    assert run.code == 1
    (annotation,) = run.lines
    assert annotation.startswith(
        "::error file=org/units/service-desk.yaml,line=9,col=10,title=BO031 "
    )
    assert "%0Asuggerimento: " in annotation


def test_the_diff_of_a_scenario_in_italian(boconf: Boconf) -> None:
    run = boconf("diff", "--scenario", "credit-to-cluj", "--lang", "it", cwd=REPO)
    assert run.code == 0
    assert run.lines[0] == "boconf diff org -> scenario credit-to-cluj: 7 modifiche"
    impact = run.lines[run.lines.index("Impatto") + 1 : run.lines.index("Impatto") + 5]
    assert impact == [
        "  FTE, captive: 10 -> 12 (+2)",
        "  FTE, in-house: 88,8 -> 86,8 (-2)",
        "  costo annuo (EUR): 5.767.600 -> 5.695.600 (-72.000)",
        "  posizioni: 93 -> 92 (-1)",
    ]
    assert "  posizione 'credit-analyst-export-cluj'" in run.lines
    assert run.lines[-3:] == [
        "Nuove segnalazioni del lint: nessuna",
        "",
        "Segnalazioni del lint risolte: nessuna",
    ]


def test_a_refused_output_path_is_said_in_italian(boconf: Boconf, example: Path) -> None:
    run = boconf("check", "org", "--lang", "it", "-o", "org/out.sarif", cwd=example.parent)
    assert run.code == 2
    assert run.err.endswith(
        "Error: org/out.sarif: non scrivo dentro la cartella dell’organizzazione org\n"
    )
    assert not (example / "out.sarif").exists()
