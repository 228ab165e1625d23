"""Diagnostics in Italian: the loader's, the validator's and the rules', each at the same
file:line:column as in English, with Italian figures and dates; and the disk cache, which
keeps one parse per language.

The English texts are pinned by the other test modules (byte-identical to before the
translations); here each case is run in both languages, the positions compared, and the Italian
message and hint pinned whole.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from boconf import i18n
from boconf.diagnostics import CHECK_DESCRIPTIONS
from boconf.i18n import _
from boconf.linting.check import check, settings_for
from boconf.linting.settings import ConfigError, load_settings
from boconf.load import display_path, load_organisation
from boconf.loading.cache import ParseCache
from boconf.loading.disk_cache import DiskCache
from boconf.loading.limits import Limits
from boconf.loading.yaml_messages import yaml_problem
from boconf.rules.registry import RULES

from .conftest import MINIMAL_ORG, REPO

# A day 75 days before the BlueWave service-desk contract of the example ends (2027-03-31),
# and 15 days after its 90-day notice deadline (2026-12-31).
REFERENCE_DATE = dt.date(2027, 1, 15)

Found = tuple[str, int, int, str, str, str]


def _broken_example(root: Path, edits: list[tuple[str, str, str]]) -> Path:
    shutil.copytree(REPO / "org", root)
    for name, old, new in edits:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def _diagnostics(root: Path, language: str, code: str) -> list[Found]:
    with i18n.using(language):
        result = check(root, settings_for(root, None, REFERENCE_DATE))
        return [
            (Path(d.file).name, d.line, d.column, d.code, d.message, d.hint)
            for d in result.diagnostics
            if d.code == code
        ]


CASES: dict[str, tuple[list[tuple[str, str, str]], str, list[Found]]] = {
    "a YAML syntax error": (
        [("units/credit.yaml", "office: back\n", "office: back: front\n")],
        "BO003",
        [
            (
                "credit.yaml",
                6,
                13,
                "BO003",
                "errore di sintassi YAML: valori di mappa non ammessi in questo contesto",
                "metti tra virgolette un valore che contiene ': ', oppure correggi "
                "l’indentazione di questa riga",
            )
        ],
    ),
    "an unknown field with did-you-mean": (
        [("units/credit.yaml", "function: credit", "funtion: credit")],
        "BO020",
        [
            (
                "credit.yaml",
                7,
                1,
                "BO020",
                "unità 'credit': campo sconosciuto 'funtion'",
                "forse intendevi 'function'?",
            )
        ],
    ),
    "a dangling reference": (
        [("units/credit.yaml", "reports_to: coo\n", "reports_to: cooo\n")],
        "BO031",
        [
            (
                "credit.yaml",
                21,
                17,
                "BO031",
                "posizione 'credit-manager' -> reports_to: la posizione 'cooo' non esiste",
                "forse intendevi 'coo'?",
            )
        ],
    ),
    "a reporting cycle": (
        [
            (
                "units/credit.yaml",
                "title: Credit manager\n    reports_to: coo",
                "title: Credit manager\n    reports_to: credit-analyst-italy",
            )
        ],
        "BO101",
        [
            (
                "credit.yaml",
                21,
                17,
                "BO101",
                "la posizione 'credit-manager' riporta a 'credit-analyst-italy' e chiude il "
                "ciclo di riporti credit-manager -> credit-analyst-italy -> credit-manager; "
                "4 posizioni al di sotto non raggiungono mai il vertice (linee più grandi: "
                "'collections-team-lead' 2, 'collections-specialist' 1, "
                "'credit-analyst-export' 1)",
                "fai puntare il reports_to di 'credit-manager' a 'coo', responsabile di "
                "'operations-directorate', sopra la sua unità 'credit', che arriva al vertice",
            )
        ],
    ),
    "a span of control too wide": (
        # 14 sales representatives + the 2 other reports of the manager: 16 > 12.
        [("units/sales-north.yaml", "headcount: 4", "headcount: 14")],
        "BO106",
        [
            (
                "sales-north.yaml",
                14,
                9,
                "BO106",
                "la posizione 'sales-north-manager' ha 16 riporti diretti (3 posizioni, "
                "contando l’headcount), più di 12",
                "aggiungi un livello di capigruppo o dividi il gruppo; aumenta max_reports "
                "se questa ampiezza è voluta",
            )
        ],
    ),
    "a contract expiring, with Italian dates": (
        [],
        "BO209",
        [
            (
                "bluewave-bpo.yaml",
                11,
                10,
                "BO209",
                "il contratto 'bluewave-service-desk-2024' del fornitore 'bluewave-bpo' "
                "scade il 31 marzo 2027, tra 75 giorni",
                "rinnova il contratto o rimettilo a gara, oppure pianifica l’uscita; poi "
                "aggiornane la scadenza",
            )
        ],
    ),
    "a notice deadline passed, with Italian dates": (
        [],
        "BO215",
        [
            (
                "bluewave-bpo.yaml",
                12,
                18,
                "BO215",
                "contratto 'bluewave-service-desk-2024' del fornitore 'bluewave-bpo': il "
                "termine di disdetta, il 31 dicembre 2026 (90 giorni prima della scadenza del "
                "31 marzo 2027), è scaduto da 15 giorni",
                "decidi ora se rinnovare, rinegoziare o dare disdetta; una volta deciso, "
                "aggiorna la scadenza del contratto",
            )
        ],
    ),
    "shares that do not add up, with Italian figures": (
        # 0.3 + 0.65: the total and the gap are prose (0,95; 0,05), the edit is YAML (0.7).
        [("units/accounts-payable.yaml", "share: 0.7", "share: 0.65")],
        "BO033",
        [
            (
                "accounts-payable.yaml",
                11,
                1,
                "BO033",
                "unità 'accounts-payable' -> sourcing: la somma delle quote è 0,95, non 1",
                "la somma delle quote è 0,95; aggiungi 0,05 a una di esse, per esempio "
                "sourcing[1]: 0.65 -> 0.7",
            )
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_broken_example_copy_reads_in_italian_at_the_same_positions(
    case: str, tmp_path: Path
) -> None:
    edits, code, expected = CASES[case]
    root = _broken_example(tmp_path / "org", edits)
    italian = _diagnostics(root, "it", code)
    english = _diagnostics(root, "en", code)
    assert italian == expected
    assert [d[:4] for d in english] == [d[:4] for d in italian]
    # English is the English of before: no Italian leaks into it, and the texts differ.
    assert all(e[4:] != i[4:] for e, i in zip(english, italian, strict=True))
    assert i18n.active_language() == "en"


def test_plurals_and_the_singular_of_a_span(org: Callable[..., Path], tmp_path: Path) -> None:
    """One direct report line: "1 posizione" (English keeps its "1 position")."""
    unit = MINIMAL_ORG["units/it.yaml"] + (
        "  - {id: it-tech, title: Technician, reports_to: it-head, headcount: 13}\n"
    )
    root = org(units__it_yaml=unit)
    with i18n.using("it"):
        result = check(root, settings_for(root, None, REFERENCE_DATE))
    [span] = [d for d in result.diagnostics if d.code == "BO106"]
    assert span.message == (
        "la posizione 'it-head' ha 13 riporti diretti (1 posizione, contando l’headcount), "
        "più di 12"
    )


def test_a_wrong_value_is_told_in_boconfs_words_not_pydantics(org: Callable[..., Path]) -> None:
    """pydantic's English ("Input should be greater than or equal to 1") is mapped by error
    type; in English the user reads pydantic's text as before."""
    unit = MINIMAL_ORG["units/it.yaml"].replace("    holder: ilaria", "    headcount: 0")
    root = org(units__it_yaml=unit)
    with i18n.using("it"):
        [italian] = load_organisation(root).diagnostics
    [english] = load_organisation(root).diagnostics
    assert italian.location == english.location
    assert italian.message == "posizione 'it-head' -> headcount: 0: deve essere almeno 1"
    assert english.message == (
        "position 'it-head' -> headcount: 0: input should be greater than or equal to 1"
    )


def test_missing_organisation_counts_its_files_in_italian(org: Callable[..., Path]) -> None:
    root = org(organisation_yaml=None)
    with i18n.using("it"):
        messages = [d.message for d in load_organisation(root).diagnostics if d.code == "BO032"]
    # MINIMAL_ORG without its organisation file: 6 files left.
    assert messages == [f"nessun documento Organisation tra i 6 file sotto {display_path(root)}"]


def test_libyaml_phrases_are_translated_only_when_known() -> None:
    with i18n.using("it"):
        assert yaml_problem("did not find expected ',' or '}'") == (
            "non trovato il ',' o '}' atteso"
        )
        assert yaml_problem("found something libyaml 9 says") == "found something libyaml 9 says"
    assert yaml_problem("did not find expected ',' or '}'") == "did not find expected ',' or '}'"


def test_every_rule_summary_and_check_description_is_marked_and_translated() -> None:
    with i18n.using("it"):
        untranslated = [rule.code for rule in RULES if _(rule.summary) == rule.summary]
        untranslated += [
            code for code, (_name, text) in CHECK_DESCRIPTIONS.items() if _(text) == text
        ]
    assert untranslated == []


def test_the_disk_cache_keeps_one_parse_per_language(
    org: Callable[..., Path], tmp_path: Path
) -> None:
    """An entry holds its diagnostics' text: a run in Italian never reads an English entry."""
    unit = MINIMAL_ORG["units/it.yaml"].replace("function: it_support", "funtion: it_support")
    root = org(units__it_yaml=unit)
    directory = tmp_path / "cache"
    digest = b"\x01" * 20
    with i18n.using("it"):
        italian_name = DiskCache(directory, Limits()).name(digest)
    assert DiskCache(directory, Limits()).name(digest) != italian_name

    def hints() -> list[str]:
        cache = ParseCache(DiskCache(directory, Limits()), memory=False)
        loaded = load_organisation(root, cache=cache)
        return [d.hint for d in loaded.diagnostics if d.code in ("BO003", "BO020")]

    assert hints() == ["did you mean 'function'?"]  # written in English
    with i18n.using("it"):
        assert hints() == ["forse intendevi 'function'?"]  # not read from the English entry
    assert hints() == ["did you mean 'function'?"]
    assert len(list((directory / "entries").iterdir())) == 2 * len(MINIMAL_ORG)


def test_overallocation_writes_fte_with_the_italian_decimal_comma(
    org: Callable[..., Path],
) -> None:
    people = (
        MINIMAL_ORG["units/it.yaml"].replace(
            "    holder: ilaria", "    holder: ilaria\n    fte: 0.5"
        )
        + "  - {id: it-deputy, title: Deputy, reports_to: it-head, holder: ilaria, fte: 0.75}\n"
    )
    root = org(units__it_yaml=people)
    with i18n.using("it"):
        result = check(root, settings_for(root, None, REFERENCE_DATE))
    assert [d.message for d in result.diagnostics if d.code == "BO112"] == [
        "la persona 'ilaria' ricopre 1,25 FTE, più di 1: it-deputy (0,75), it-head (0,5)"
    ]


def test_settings_problems_read_in_italian(tmp_path: Path) -> None:
    settings = tmp_path / ".boconf.yaml"
    settings.write_text(
        "ignore: [span-of-controll]\nrules:\n  span-of-control: {max_report: 3}\n",
        encoding="utf-8",
    )
    with i18n.using("it"), pytest.raises(ConfigError) as raised:
        load_settings(settings)
    assert [(d.line, d.column, d.code, d.message, d.hint) for d in raised.value.diagnostics] == [
        (
            1,
            10,
            "BO090",
            "regola sconosciuta 'span-of-controll'",
            "forse intendevi 'span-of-control'?",
        ),
        (
            3,
            21,
            "BO090",
            "rules -> span-of-control: opzione sconosciuta 'max_report' (opzioni: max_reports)",
            "forse intendevi 'max_reports'?",
        ),
    ]


def test_a_suppression_without_reason_reads_in_italian(org: Callable[..., Path]) -> None:
    unit = MINIMAL_ORG["units/it.yaml"].replace(
        "    holder: ilaria", "    holder: ilaria  # boconf: ignore[BO106]"
    )
    root = org(units__it_yaml=unit)
    with i18n.using("it"), pytest.raises(ConfigError) as raised:
        check(root, settings_for(root, None, REFERENCE_DATE))
    [problem] = raised.value.diagnostics
    assert (problem.line, problem.code, problem.message) == (
        22,
        "BO090",
        "soppressione senza motivazione",
    )
    assert problem.hint == (
        "scrivi il motivo dopo la parentesi: # boconf: ignore[BO203] se ne occupa il COO"
    )
