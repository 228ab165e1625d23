"""The result cache (.boconf-cache/results/): a warm check reports byte for byte what a cold
one does, after any edit; it answers without validating only when no file's parse changed
meaning and no file a position was read from changed at all."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from boconf.linting import check as check_module

from .conftest import REPO, Run

# Scenarios are applied after the check, from their own files (one test keeps them).
CHECK = ("check", "--no-scenarios", "--format", "json")
TEXT = ("check", "--no-scenarios")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the example organisation (clean, with suppressions and two scenarios)."""
    root = tmp_path / "org"
    shutil.copytree(REPO / "org", root)
    return root


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The organisations check() loaded (validated and linted) instead of reading a result."""
    loaded: list[str] = []
    real = check_module.load_organisation

    def spy(path: Path, **options: Any) -> Any:
        loaded.append(Path(path).name)
        return real(path, **options)

    monkeypatch.setattr(check_module, "load_organisation", spy)
    yield loaded


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _same_as_cold(boconf: Callable[..., Run], root: Path, *options: str) -> Run:
    """Check warm (through the cache) and cold (--no-cache): the same bytes and exit code,
    in JSON and in text."""
    warm = boconf(*CHECK, *options, str(root))
    cold = boconf(*CHECK, *options, "--no-cache", str(root))
    assert (warm.code, warm.out, warm.err) == (cold.code, cold.out, cold.err)
    text = boconf(*TEXT, *options, str(root))
    cold_text = boconf(*TEXT, *options, "--no-cache", str(root))
    assert (text.code, text.out) == (cold_text.code, cold_text.out)
    return warm


def _validated(boconf: Callable[..., Run], root: Path, loads: list[str]) -> bool:
    """Whether a warm check of ``root`` validated it (else it read the stored result); then
    the same check warm and cold agree."""
    loads.clear()
    boconf(*CHECK, str(root))
    validated = loads == ["org"]
    _same_as_cold(boconf, root)
    return validated


def _codes(run: Run) -> list[tuple[str, str, int, int]]:
    return [
        (f["code"], Path(f["file"]).name, f["line"], f["column"])
        for f in json.loads(run.out)["findings"]
    ]


# (name, file under org/, text there, its replacement, whether the stored result still holds,
# the organisation's posts (None: invalid), the findings that follow: code, file, line, column)
EDITS = [
    (
        "a comment where nothing is reported",
        "units/credit.yaml",
        "tags: [receivables]\n",
        "tags: [receivables]  # reviewed in March\n",
        True,
        101,
        [],
    ),
    (
        "a post's title reworded (only its document is validated)",
        "units/credit.yaml",
        "    title: Credit manager\n",
        "    title: Head of credit and collections\n",
        True,
        101,
        [],
    ),
    (
        "a unit renamed",
        "units/credit.yaml",
        "name: Gestione crediti\n",
        "name: Crediti\n",
        True,
        101,
        [],
    ),
    (
        "a description rewritten over two lines",
        "units/credit.yaml",
        "description: Affidamenti, monitoraggio dell'esposizione e recupero crediti verso i clienti.\n",
        "description: |\n  Affidamenti e monitoraggio.\n  Recupero crediti.\n",
        True,
        101,
        [],
    ),
    (
        "a person's e-mail changed",
        "people/alessandro-ferro.yaml",
        "email: alessandro.ferro@ferroelana.it\n",
        "email: a.ferro@ferroelana.it\n",
        True,
        101,
        [],
    ),
    (
        "a title emptied (the edited document no longer validates)",
        "units/credit.yaml",
        "    title: Credit manager\n",
        '    title: ""\n',
        False,
        None,
        [("BO022", "credit.yaml", 20, 12)],
    ),
    (
        "a title turned into a number",
        "units/credit.yaml",
        "    title: Credit manager\n",
        "    title: 42\n",
        False,
        None,
        [("BO022", "credit.yaml", 20, 12)],
    ),
    (
        "a grade added that is not text (the edited document no longer validates)",
        "units/credit.yaml",
        "    title: Credit manager\n",
        "    title: Credit manager\n    grade: 7\n",
        False,
        None,
        [("BO022", "credit.yaml", 21, 12)],
    ),
    (
        "a title and a value changed together",
        "units/credit.yaml",
        "    title: Credit manager\n    reports_to: coo\n",
        "    title: Head of credit\n    reports_to: back-office-programme-manager\n",
        False,
        101,
        [("BO107", "operations-directorate.yaml", 17, 9)],  # the manager's single report
    ),
    (
        "a post added",
        "units/credit.yaml",
        "    holder: salvatore-scali\n",
        "    holder: salvatore-scali\n  - id: credit-clerk\n    title: Addetto crediti\n"
        "    reports_to: credit-manager\n",
        False,
        102,  # vacant, and nothing wrong with that
        [],
    ),
    (
        "a reference broken",
        "units/payroll.yaml",
        "parent: human-resources\n",
        "parent: human-resource\n",
        False,
        None,
        [("BO031", "payroll.yaml", 8, 9)],
    ),
    (
        "a reporting cycle",
        "units/credit.yaml",
        "    reports_to: coo\n",
        "    reports_to: credit-analyst-italy\n",
        False,
        101,
        [("BO101", "credit.yaml", 21, 17)],
    ),
    (
        "a share changed",
        "units/payroll.yaml",
        "    share: 1\n",
        "    share: 0.5\n",
        False,
        None,
        [("BO033", "payroll.yaml", 10, 1)],
    ),
    (
        "a suppression removed",
        "units/legal-compliance.yaml",
        "  # boconf: ignore[single-report-manager]",
        "  # no longer: ignore[single-report-manager]",
        False,
        101,
        [("BO107", "legal-compliance.yaml", 16, 9)],
    ),
]


@pytest.mark.parametrize(
    ("name", "file", "old", "new", "holds", "posts", "findings"), EDITS, ids=[e[0] for e in EDITS]
)
def test_a_warm_check_after_an_edit_is_a_cold_check(
    tree: Path,
    boconf: Callable[..., Run],
    loads: list[str],
    name: str,
    file: str,
    old: str,
    new: str,
    holds: bool,
    posts: int | None,
    findings: list[tuple[str, str, int, int]],
) -> None:
    first = _same_as_cold(boconf, tree)
    assert _codes(first) == []
    loads.clear()
    assert boconf(*CHECK, str(tree)).out == first.out
    assert loads == []  # nothing changed: the stored result, nothing validated
    _edit(tree / file, old, new)
    loads.clear()
    edited = boconf(*CHECK, str(tree))
    assert loads == ([] if holds else ["org"]), name
    assert _codes(edited) == findings
    organisation = json.loads(edited.out)["summary"]["organisation"]
    assert (organisation["posts"] if organisation else None) == posts
    cold = boconf(*CHECK, "--no-cache", str(tree))
    assert (edited.code, edited.out) == (cold.code, cold.out)
    _same_as_cold(boconf, tree)
    # And back: the stored result of the edited tree is not the original's.
    _edit(tree / file, new, old)
    assert _same_as_cold(boconf, tree).out == first.out


def test_lines_moved_in_a_file_with_a_finding_run_the_check(
    tree: Path, boconf: Callable[..., Run], loads: list[str]
) -> None:
    payroll = tree / "units" / "payroll.yaml"
    _edit(payroll, "parent: human-resources\n", "parent: human-resource\n")
    assert _codes(_same_as_cold(boconf, tree)) == [("BO031", "payroll.yaml", 8, 9)]
    # A comment line above the finding: every value parses as before, but the finding moves.
    _edit(payroll, "office: back\n", "# back office since 2019\noffice: back\n")
    assert _validated(boconf, tree, loads)
    moved = _same_as_cold(boconf, tree)
    assert _codes(moved) == [("BO031", "payroll.yaml", 9, 9)]


def test_a_message_that_cites_another_file_follows_that_file(
    tree: Path, boconf: Callable[..., Run], loads: list[str]
) -> None:
    """A duplicate id's message gives the first definition's line: that file's text counts,
    although nothing is reported in it."""
    text = (tree / "units" / "payroll.yaml").read_text(encoding="utf-8")
    (tree / "units" / "payroll2.yaml").write_text(text, encoding="utf-8")  # read second
    first = _same_as_cold(boconf, tree)
    assert "first at" in first.out
    _edit(tree / "units" / "payroll.yaml", "kind: Unit\n", "kind: Unit\n# the real one\n")
    assert _validated(boconf, tree, loads)
    moved = _same_as_cold(boconf, tree)
    assert moved.out != first.out
    # The unit's id (line 4) and its position's (line 21), each a line down.
    expected = first.out.replace("/payroll.yaml:4:5", "/payroll.yaml:5:5")
    assert moved.out == expected.replace("/payroll.yaml:21:9", "/payroll.yaml:22:9")


def test_files_added_and_removed_run_the_check(
    tree: Path, boconf: Callable[..., Run], loads: list[str]
) -> None:
    _same_as_cold(boconf, tree)
    note = tree / "units" / "notes.yml"
    note.write_text("# nothing yet\n", encoding="utf-8")
    assert _validated(boconf, tree, loads)
    assert _codes(_same_as_cold(boconf, tree)) == [("BO008", "notes.yml", 1, 1)]
    note.unlink()
    assert _validated(boconf, tree, loads)
    assert _codes(_same_as_cold(boconf, tree)) == []


def test_settings_baseline_and_options_are_part_of_the_key(
    tree: Path, boconf: Callable[..., Run], tmp_path: Path
) -> None:
    _same_as_cold(boconf, tree)
    # A day later a notice is due (the settings' comment says so); the option and the file.
    late = _same_as_cold(boconf, tree, "--reference-date", "2026-12-01")
    assert [f[0] for f in _codes(late)] == ["BO215"]  # notice-deadline
    _edit(tree / ".boconf.yaml", "reference_date: 2026-11-30", "reference_date: 2026-12-01")
    assert _same_as_cold(boconf, tree).out == late.out
    # The fail level decides the exit code only: a stored result, the live fail level.
    warned = _same_as_cold(boconf, tree, "--fail-on", "warning")
    assert (late.code, warned.code) == (0, 1)
    # A baseline that holds the finding.
    baseline = tmp_path / "baseline.json"
    assert boconf(*TEXT, "--baseline-write", str(baseline), str(tree)).code == 0
    quiet = _same_as_cold(boconf, tree, "--baseline", str(baseline))
    assert _codes(quiet) == []
    assert json.loads(quiet.out)["summary"]["baselined"] == 1
    # The settings file written back: the first stored result answers again.
    _edit(tree / ".boconf.yaml", "reference_date: 2026-12-01", "reference_date: 2026-11-30")
    assert _codes(_same_as_cold(boconf, tree, "--show-suppressed")) == []


def test_scenarios_are_applied_after_a_stored_result(
    tree: Path, boconf: Callable[..., Run], loads: list[str]
) -> None:
    cold = boconf("check", "--no-cache", str(tree))
    assert boconf("check", str(tree)).out == cold.out
    _edit(tree / "units" / "credit.yaml", "tags: [receivables]\n", "tags: [receivables]  # ok\n")
    loads.clear()
    warm = boconf("check", str(tree))
    assert loads == []
    assert (warm.code, warm.out) == (cold.code, cold.out)
    assert "2 scenarios" in warm.out


def _forged(data: bytes, **changes: object) -> bytes:
    """A result entry with fields changed and its checksum made to match again."""
    from boconf.linting.result_cache import _checksum

    record = {**json.loads(data.partition(b"\n")[2]), **changes}
    payload = json.dumps(record).encode("utf-8")
    return _checksum(payload) + b"\n" + payload


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data.replace(b'"BO', b'"XX'), id="edited"),
        pytest.param(lambda data: b"not an entry", id="garbage"),
        pytest.param(lambda data: _forged(data, files=7, positions=[]), id="bad-shape"),
        pytest.param(lambda data: _forged(data, format=99), id="another-format"),
    ],
)
def test_a_damaged_result_is_not_used(
    damage: Callable[[bytes], bytes],
    tree: Path,
    boconf: Callable[..., Run],
    loads: list[str],
) -> None:
    _edit(tree / "units" / "payroll.yaml", "    share: 1\n", "    share: 0.5\n")
    first = _same_as_cold(boconf, tree)
    (entry,) = (tree.parent / ".boconf-cache" / "results").iterdir()
    entry.write_bytes(damage(entry.read_bytes()))
    loads.clear()
    assert boconf(*CHECK, str(tree)).out == first.out
    assert loads == ["org"]


def test_a_forged_result_for_other_files_is_not_used(
    tree: Path, boconf: Callable[..., Run], loads: list[str]
) -> None:
    """An entry whose checksum matches but whose files are not these: checked, not trusted."""
    from boconf.linting.result_cache import _checksum

    _edit(tree / "units" / "payroll.yaml", "    share: 1\n", "    share: 0.5\n")
    first = _same_as_cold(boconf, tree)
    assert _codes(first) == [("BO033", "payroll.yaml", 10, 1)]
    (entry,) = (tree.parent / ".boconf-cache" / "results").iterdir()
    record = json.loads(entry.read_bytes().partition(b"\n")[2])
    record["files"][0][3] = "0" * 32  # the first file meant something else
    record["load"]["diagnostics"] = []
    record["load"]["valid"] = True
    payload = json.dumps(record).encode("utf-8")
    entry.write_bytes(_checksum(payload) + b"\n" + payload)
    touched = Path(record["files"][0][0])
    touched.write_text(touched.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    loads.clear()
    assert boconf(*CHECK, str(tree)).out == first.out
    assert loads == ["org"]


def test_library_result_from_the_cache_has_no_tree(tree: Path) -> None:
    from boconf.formats.report import from_check
    from boconf.linting.check import check, settings_for
    from boconf.loading.cache import ParseCache
    from boconf.loading.disk_cache import DiskCache
    from boconf.loading.limits import Limits

    settings = settings_for(tree, None)
    cache = ParseCache(DiskCache(tree.parent / "cache", Limits()), memory=False)
    cold = check(tree, settings, cache=cache, results=True)
    warm = check(tree, settings, cache=cache, results=True)
    assert cold.load.tree is not None and warm.load.tree is None
    assert (warm.load.ok, warm.failed, warm.diagnostics) == (True, False, cold.diagnostics)
    assert from_check(warm).counts == from_check(cold).counts
    assert from_check(warm).counts == {
        "units": 26,
        "positions": 93,
        "posts": 101,
        "people": 82,
        "locations": 6,
        "vendors": 3,
        "contracts": 3,
    }
    # Without results=True the organisation is always loaded.
    assert check(tree, settings, cache=cache).load.tree is not None
    # One cache across checks (an editor's): each check sees the edits made before it, also
    # right after a check that missed and read every file.
    payroll = tree / "units" / "payroll.yaml"
    _edit(payroll, "    share: 1\n", "    share: 0.5\n")
    assert [d.code for d in check(tree, settings, cache=cache, results=True).diagnostics] == [
        "BO033"
    ]
    _edit(payroll, "    share: 0.5\n", "    share: 1\n")
    assert check(tree, settings, cache=cache, results=True).diagnostics == []


@pytest.fixture
def digested(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose content was read and hashed."""
    from boconf.loading.cache import ParseCache

    read: list[str] = []
    real = ParseCache.digest

    def spy(self: ParseCache, path: str, limits: Any) -> bytes | None:
        if path not in self._known:  # (taken already in this run: not read again)
            read.append(Path(path).name)
        return real(self, path, limits)

    monkeypatch.setattr(ParseCache, "digest", spy)
    return read


def test_settled_files_are_known_by_their_stat(
    tree: Path, boconf: Callable[..., Run], digested: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files written just before a run are read by the next one; older ones (here: any file
    older than the run) by their stat alone; an edit that keeps size and mtime is still seen,
    by its change time."""
    first = _same_as_cold(boconf, tree)
    files = json.loads(first.out)["summary"]["files"]
    assert files == 118
    digested.clear()
    assert boconf(*CHECK, str(tree)).out == first.out
    assert len(digested) == files  # written moments ago: not settled, read again
    monkeypatch.setattr("boconf.linting.result_cache.SETTLED_NS", 0)
    boconf(*CHECK, str(tree))  # stores the stats with its start
    digested.clear()
    assert boconf(*CHECK, str(tree)).out == first.out
    assert digested == []
    payroll = tree / "units" / "payroll.yaml"
    status = payroll.stat()
    _edit(payroll, "    share: 1\n", "    share: 2\n")
    os.utime(payroll, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert payroll.stat().st_size == status.st_size
    digested.clear()
    edited = boconf(*CHECK, str(tree))
    assert digested == ["payroll.yaml"]  # only it is read, by the result cache and the load
    assert _codes(edited) == [("BO022", "payroll.yaml", 13, 12)]  # a share over 1
    cold = boconf(*CHECK, "--no-cache", str(tree))
    assert (edited.code, edited.out) == (cold.code, cold.out)


def test_a_result_stored_in_one_language_never_answers_in_another(
    boconf: Callable[..., Run], tree: Path, loads: list[str]
) -> None:
    """The stored findings hold their text: a check in Italian after one in English must
    validate again (and say it in Italian), and the English one is still served warm."""
    _edit(tree / "units/payroll.yaml", "parent: human-resources\n", "parent: human-resource\n")
    english = boconf(*TEXT, str(tree))
    loads.clear()
    italian = boconf(*TEXT, "--lang", "it", str(tree))
    assert loads == ["org"]
    assert "non esiste" in italian.out and "non esiste" not in english.out
    assert italian.out == boconf(*TEXT, "--lang", "it", "--no-cache", str(tree)).out
    loads.clear()
    assert boconf(*TEXT, str(tree)).out == english.out
    assert loads == []


def _payroll_on_one_post_of_its_own_file(tree: Path) -> Path:
    """Payroll in-house on one post (key-person-risk quotes its title), the post in its own
    Position document: the title lives in another file than the finding."""
    payroll = tree / "units" / "payroll.yaml"
    _edit(
        payroll,
        "  - provider: studio-paghe-lombardo\n    location: tirana-vendor-site\n    share: 1\n"
        "    contract: paghe-lombardo-2023\n",
        "  - provider: in_house\n    location: milano-hq\n    share: 1\n",
    )
    _edit(
        payroll,
        "    fte: 1.5  # the seats the contract buys: with no in-house share, "
        "nothing to derive them from\n",
        "",
    )
    _edit(
        payroll,
        "positions:\n  - id: payroll-coordinator\n    title: Referente paghe e gestione fornitore\n"
        "    reports_to: hr-manager\n    holder: lucia-dangelo\n",
        "",
    )
    post = tree / "units" / "payroll-coordinator.yaml"
    post.write_text(
        "apiVersion: boconf/v1\nkind: Position\nid: payroll-coordinator\nunit: payroll\n"
        "title: Referente paghe e gestione fornitore\nreports_to: hr-manager\n"
        "holder: lucia-dangelo\n",
        encoding="utf-8",
    )
    return post


def test_a_baselined_message_that_quotes_a_replaced_title_runs_the_check(
    tree: Path, boconf: Callable[..., Run], tmp_path: Path, loads: list[str]
) -> None:
    """The baseline matches findings by message: a baselined finding that quotes a title is
    not among the stored messages, yet the title's edit un-baselines it."""
    post = _payroll_on_one_post_of_its_own_file(tree)
    baseline = tmp_path / "baseline.json"
    assert boconf(*TEXT, "--baseline-write", str(baseline), str(tree)).code == 0
    assert "Referente paghe e gestione fornitore" in baseline.read_text(encoding="utf-8")
    quiet = _same_as_cold(boconf, tree, "--baseline", str(baseline))
    assert _codes(quiet) == []
    _edit(post, "title: Referente paghe e gestione fornitore\n", "title: Referente paghe\n")
    loads.clear()
    edited = boconf(*CHECK, "--baseline", str(baseline), str(tree))
    assert loads == ["org"]
    assert _codes(edited) == [("BO213", "payroll.yaml", 4, 5)]
    _same_as_cold(boconf, tree, "--baseline", str(baseline))


def test_a_document_without_a_kind_below_an_edited_description_moves_its_error(
    tree: Path, boconf: Callable[..., Run]
) -> None:
    """'document N has no kind' is placed at the document's own line, read from the file's
    text: a descriptive edit above it that adds lines moves it."""
    person = tree / "people" / "alberto-ferrara.yaml"
    person.write_text(person.read_text(encoding="utf-8") + "---\nfoo: bar\n", encoding="utf-8")
    assert _codes(_same_as_cold(boconf, tree)) == [("BO021", "alberto-ferrara.yaml", 7, 1)]
    _edit(person, "name: Alberto Ferrara\n", "name: >-\n  Alberto\n  Ferrara\n")
    assert _codes(_same_as_cold(boconf, tree)) == [("BO021", "alberto-ferrara.yaml", 9, 1)]
