"""The on-disk cache of parsed files (.boconf-cache/): a warm run reports exactly what a cold
one does, re-parses only what changed, and never trusts an entry it did not write."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from boconf.loading import parse as parse_module
from boconf.loading.disk_cache import DiskCache
from boconf.loading.limits import Limits
from boconf.loading.parse import ParsedFile

from .conftest import REPO, Run

BROKEN_UNIT = """\
apiVersion: boconf/v1
kind: Unit
id: broken
name: Broken
office: back
function: finance
bogus: 1
"""


def _entries(cache: Path) -> list[Path]:
    return sorted(path for path in (cache / "entries").rglob("*") if path.is_file())


def _counting_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the files parsed from here on (in-process: small trees are not forked)."""
    parsed: list[str] = []
    real = parse_module.parse_file

    def spy(path: str, display: str, limits: Limits) -> ParsedFile:
        parsed.append(Path(path).name)
        return real(path, display, limits)

    monkeypatch.setattr("boconf.loading.parallel.parse_file", spy)
    return parsed


def test_warm_check_reports_exactly_what_a_cold_one_does(
    org: Callable[..., Path], boconf: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = org(units__broken_yaml=BROKEN_UNIT)
    cache = root.parent / ".boconf-cache"
    parsed = _counting_parses(monkeypatch)
    cold = boconf("check", str(root), "--format", "json", "--reference-date", "2026-01-01")
    files = len(list(root.rglob("*.yaml")))
    assert len(parsed) == files
    assert len(_entries(cache)) == files  # one entry per distinct file content
    parsed.clear()
    warm = boconf("check", str(root), "--format", "json", "--reference-date", "2026-01-01")
    assert parsed == []  # nothing parsed again
    assert (warm.code, warm.out, warm.err) == (cold.code, cold.out, cold.err)
    records = json.loads(warm.out)["findings"]
    assert [(r["line"], r["column"], r["code"]) for r in records if r["code"] == "BO020"] == [
        (7, 1, "BO020")
    ]
    # One file edited: only it is parsed again, and the result is a cold run's.
    broken = root / "units" / "broken.yaml"
    broken.write_text(BROKEN_UNIT.replace("bogus: 1", "\n\nbogus: 1"), encoding="utf-8")
    edited = boconf("check", str(root), "--format", "json", "--reference-date", "2026-01-01")
    assert parsed == ["broken.yaml"]
    cold_again = boconf(
        "check", str(root), "--no-cache", "--format", "json", "--reference-date", "2026-01-01"
    )
    assert (edited.code, edited.out) == (cold_again.code, cold_again.out)
    assert [r["line"] for r in json.loads(edited.out)["findings"] if r["code"] == "BO020"] == [9]


def test_no_cache_neither_reads_nor_writes(
    org: Callable[..., Path], boconf: Callable[..., Run]
) -> None:
    root = org()
    assert boconf("validate", str(root), "--no-cache").code == 0
    assert not (root.parent / ".boconf-cache").exists()


def test_cache_dir_option(
    org: Callable[..., Path], boconf: Callable[..., Run], tmp_path: Path
) -> None:
    root = org()
    elsewhere = tmp_path / "elsewhere"
    assert boconf("validate", str(root), "--cache-dir", str(elsewhere)).code == 0
    assert _entries(elsewhere)
    assert not (root.parent / ".boconf-cache").exists()
    # Marked as a cache, and ignored by git even where no .gitignore names it.
    assert (elsewhere / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (
        (elsewhere / "CACHEDIR.TAG")
        .read_text(encoding="utf-8")
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )


def _forge(text: str, name: str = "", **changes: object) -> str:
    """An entry with fields (or the name in its header) changed and its checksum made to
    match again."""
    from boconf.loading.disk_cache import _checksum

    _, _, rest = text.partition("\n")
    header, _, payload = rest.partition("\n")
    record = {**json.loads(payload), **changes}
    forged = (name or header[:40]) + header[40:] + "\n" + json.dumps(record)
    return _checksum(forged.encode("utf-8")) + "\n" + forged


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda text: text[: len(text) // 2], id="truncated"),
        pytest.param(lambda text: "not an entry", id="garbage"),
        pytest.param(lambda text: text.replace("Broken", "Fixed!"), id="edited"),
        pytest.param(lambda text: _forge(text, name="0" * 40), id="another-entry"),
        pytest.param(lambda text: _forge(text, format=99), id="another-version"),
        pytest.param(lambda text: _forge(text, documents=[[0, "1", 1, {}]]), id="bad-shape"),
    ],
)
def test_a_damaged_or_foreign_entry_is_ignored_and_rebuilt(
    damage: Callable[[str], str],
    org: Callable[..., Path],
    boconf: Callable[..., Run],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = org(units__broken_yaml=BROKEN_UNIT)
    cache = root.parent / ".boconf-cache"
    cold = boconf("validate", str(root), "--format", "json")
    entries = _entries(cache)
    # Damage every entry (that the damage applies to): none of those may be used, each one's
    # file is parsed again and the entry rewritten.
    damaged = 0
    for entry in entries:
        text = entry.read_text(encoding="utf-8")
        if damage(text) != text:
            entry.write_text(damage(text), encoding="utf-8")
            damaged += 1
    parsed = _counting_parses(monkeypatch)
    warm = boconf("validate", str(root), "--format", "json")
    assert (warm.code, warm.out) == (cold.code, cold.out)
    assert damaged >= 1
    assert len(parsed) == damaged
    parsed.clear()
    assert boconf("validate", str(root), "--format", "json").out == cold.out
    assert parsed == []  # the rebuilt entries are used


def test_entries_depend_on_the_settings(tmp_path: Path) -> None:
    """Another limit (or version, or parser) names another entry: never a stale parse."""
    one = DiskCache(tmp_path, Limits())
    other = DiskCache(tmp_path, Limits(max_depth=Limits().max_depth + 1))
    digest = b"x" * 20
    assert one.name(digest) != other.name(digest)
    assert one.name(digest) == DiskCache(tmp_path, Limits()).name(digest)


def test_concurrent_runs_share_the_cache_safely(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import make_org

    make_org.generate(2000, tmp_path / "org")
    command = [
        sys.executable,
        "-m",
        "boconf",
        "check",
        "--format",
        "json",
        "--reference-date",
        "2026-01-01",
        str(tmp_path / "org"),
    ]
    solo = subprocess.run([*command, "--no-cache"], capture_output=True, text=True, check=False)
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = [run.communicate() for run in runs]
    assert all(out == solo.stdout and err == solo.stderr for out, err in outputs)
    assert [run.returncode for run in runs] == [solo.returncode] * 3
    assert not list((tmp_path / ".boconf-cache").rglob(".tmp-*"))  # no half-written entry
    warm = subprocess.run(command, capture_output=True, text=True, check=False)
    assert warm.stdout == solo.stdout


def test_init_keeps_the_cache_out_of_git(tmp_path: Path, boconf: Callable[..., Run]) -> None:
    assert boconf("init", str(tmp_path / "acme")).code == 0
    ignored = (tmp_path / "acme" / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".boconf-cache/" in ignored
    assert boconf("check", str(tmp_path / "acme" / "org")).code == 0
    assert (tmp_path / "acme" / ".boconf-cache" / "entries").is_dir()  # beside org/
