"""The importers, the edit commands and the language server's hovers in Italian.

The English of these outputs is pinned by the other interop, editing and LSP tests; here the
same runs with ``--lang it`` say the same things in Italian, at the same files and rows.
Counts are recomputed from what the fixtures mean (their comments say what each row holds).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from boconf import i18n, load_organisation
from boconf.lsp.workspace import describe
from tests.conftest import REPO, Run
from tests.interop.test_csv_import_messy import MESSY, write
from tests.interop.test_organogram_messy import write_fixture

Boconf = Callable[..., Run]


def _where(line: str) -> str:
    """``staff.csv:4`` of ``staff.csv:4: message``: what no language may change."""
    file, row, _message = line.split(":", 2)
    return f"{file}:{row}"


def test_a_messy_csv_import_speaks_italian_at_the_same_rows(boconf: Boconf, tmp_path: Path) -> None:
    source = write(tmp_path, MESSY)
    english = boconf("import", "csv", source.name, "-o", "en", "--root-marker", "XX", cwd=tmp_path)
    italian = boconf(
        "import", "csv", source.name, "-o", "it", "--root-marker", "XX", "--lang", "it",
        cwd=tmp_path,
    )  # fmt: skip
    assert (english.code, italian.code) == (0, 0)
    problems = [line for line in italian.err.splitlines() if line.startswith("staff.csv:")]
    assert [_where(line) for line in problems] == [
        _where(line) for line in english.err.splitlines() if line.startswith("staff.csv:")
    ]
    assert problems[0] == (
        "staff.csv:4: id '2' duplicato (la prima volta alla riga 3): questo rinominato '2-2'"
    )
    assert problems[1] == (
        "staff.csv:5: '3' riporta a '99', che non è nel file: linea di riporto tolta"
    )
    assert "staff.csv:7: employee_id vuoto: riga saltata" in problems
    assert "staff.csv:9: 7 campi dove l’intestazione ne ha 6: riga saltata" in problems
    assert problems[-1] == (
        "staff.csv:11: '8' non ha department: la posizione non appartiene a nessuna unità"
    )
    lines = italian.err.splitlines()
    # Rows 2 to 11 read; 7, 9 and 10 skipped (blank id, a field too many, one short); the
    # duplicate of row 4 is renamed, not merged: 7 positions kept.
    summary = lines.index(
        "lette 10 righe di staff.csv (tenute 7 come posizioni, accorpate 0, saltate 3)"
    )
    # Three departments (Executive, Finance, IT): three functions and three managers guessed
    # (Ada, Bob, Di), the head is Ada (the top), and one parent: Finance under Executive, where
    # Bob reports (Di, IT's manager, reports to herself, so IT gets none).
    assert lines[summary + 1] == (
        "dedotti 8: 3 funzioni delle unità dai loro nomi, 3 responsabili delle unità (la "
        "posizione più alta), 1 responsabile del back office (il vertice dell’organizzazione), "
        "1 unità superiori (dove riportano i loro responsabili)"
    )
    assert lines[0] == (
        "nota: colonne: id=employee_id, name=first_name+last_name, title=job_title, "
        "reports_to=manager_id, unit=department"
    )
    # The data is data: the written files are the same bytes in either language.
    for path in sorted((tmp_path / "en").rglob("*.yaml")):
        assert (tmp_path / "it" / path.relative_to(tmp_path / "en")).read_bytes() == (
            path.read_bytes()
        ), path


def test_one_row_is_said_in_the_singular(boconf: Boconf, tmp_path: Path) -> None:
    source = write(tmp_path, "employee_id,name\n1,Ada\n", "one.csv")
    run = boconf("import", "csv", source.name, "-o", "out", "--lang", "it", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "letta 1 riga di one.csv (tenute 1 come posizioni, accorpate 0, saltate 0)" in (
        run.err.splitlines()
    )


def test_an_import_usage_error_in_italian(boconf: Boconf, tmp_path: Path) -> None:
    source = write(tmp_path, MESSY)
    run = boconf(
        "import", "csv", source.name, "-o", "out", "--where", "department=HR",
        "--lang", "it", cwd=tmp_path,
    )  # fmt: skip
    assert run.code == 2
    assert run.err.splitlines()[-1] == (
        "Error: --where department=HR: nessuna riga di staff.csv ha 'HR' in 'department' "
        "(i suoi valori: '', 'Executive', 'Finance', 'IT')"
    )


def test_an_organogram_import_summarises_in_italian(boconf: Boconf, tmp_path: Path) -> None:
    write_fixture(tmp_path / "in")
    run = boconf(
        "import", "organogram", "senior.csv", "junior.csv", "-o", str(tmp_path / "out"),
        "--lang", "it", cwd=tmp_path / "in",
    )  # fmt: skip
    assert run.code == 0, run.err
    lines = run.err.splitlines()
    # The same counts as the English test (test_organogram_messy), said in Italian.
    assert "nota: lette 16 righe senior da senior.csv e 6 righe junior da junior.csv" in lines
    assert (
        "nota: tenute 13 posizioni senior (12 FTE): 8 persone nominate, 3 titolari non resi "
        "noti (N/D), 1 vacanti, 1 senza nome"
    ) in lines
    # 2 + 0.5 + 3 + 0.75 + 1 FTE of junior posts, with an Italian decimal comma.
    assert (
        "nota: tenute 4 righe junior come 5 posizioni per 8 posti (7,25 FTE; 2 righe "
        "frazionarie divise in posti interi e un posto a tempo parziale)"
    ) in lines
    assert (
        "nota: 1 unità guidata da una posizione N/D: vacant-manager soppresso su di essa, con "
        "il motivo (check --show-suppressed la elenca)"
    ) in lines
    assert (
        "senior.csv:17: FTE '1.5' non è un numero in (0, 1]: scritta come posizione a tempo pieno"
    ) in lines
    assert (
        "junior.csv:6: Number of Posts in FTE 'x' non è un numero di posizioni: riga saltata"
    ) in lines
    assert lines[-2] == (
        "importate in ../out: posizioni 18, unità 6, persone 8, sedi 1 (8 problemi sopra)"
    )


@pytest.fixture
def example(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "org", tmp_path / "org")
    return tmp_path / "org"


def test_rename_and_move_refuse_in_italian(boconf: Boconf, example: Path) -> None:
    before = {path: path.read_bytes() for path in sorted(example.rglob("*.yaml"))}
    run = boconf("rename", "position", "credit-manager", "coo", str(example), "--lang", "it")
    assert (run.code, run.err) == (
        2,
        "boconf: posizione 'coo' esiste già: scegli un altro id, oppure unisci a mano\n",
    )
    run = boconf("rename", "position", "credit-manger", "x", str(example), "--lang", "it")
    assert (run.code, run.err) == (
        2,
        "boconf: posizione 'credit-manger' inesistente: forse intendevi 'credit-manager'?\n",
    )
    run = boconf(
        "move", "unit", "operations-directorate", "--parent", "credit", str(example),
        "--lang", "it",
    )  # fmt: skip
    assert (run.code, run.err) == (
        2,
        "boconf: l’unità 'credit' sta sotto l’unità 'operations-directorate': si creerebbe "
        "un ciclo\n",
    )
    assert {path: path.read_bytes() for path in sorted(example.rglob("*.yaml"))} == before


def test_the_hovers_speak_the_active_language() -> None:
    tree = load_organisation(REPO / "org", jobs=1).tree
    assert tree is not None
    with i18n.using("it"):
        position = describe(tree, "position", "credit-manager")
        vendor = describe(tree, "vendor", min(tree.vendors))
    assert position == (
        "**Credit manager** (posizione `credit-manager`)\n"
        "- titolare: Roberto Marino\n"
        "- unità: Gestione crediti (credit)\n"
        "- catena di comando: coo → ceo"
    )
    assert vendor is not None and f"(fornitore `{min(tree.vendors)}`)" in vendor


def test_no_message_is_left_untranslated() -> None:
    run = subprocess.run(
        [sys.executable, "tools/i18n.py", "missing"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert (run.stdout, run.stderr) == ("", "")
