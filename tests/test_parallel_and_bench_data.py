"""Parallel parsing gives exactly the in-process result; the benchmark generator is deterministic
and its organisations are valid."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from boconf import load_organisation
from boconf.loading import parallel
from boconf.loading.parse import ParsedFile
from boconf.util import workers

from .conftest import REPO, child_processes, needs_proc

sys.path.insert(0, str(REPO / "benchmarks"))
import make_org


def digest(root: Path) -> str:
    hashed = hashlib.sha256()
    for path in sorted(root.rglob("*.yaml")):
        hashed.update(path.relative_to(root).as_posix().encode())
        hashed.update(path.read_bytes())
    return hashed.hexdigest()


def test_generator_is_deterministic_and_sized(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    assert make_org.generate(2000, first, seed=7) == 21
    make_org.generate(2000, second, seed=7)
    make_org.generate(2000, other, seed=8)
    assert digest(first) == digest(second)
    assert digest(first) != digest(other)


def test_generated_org_is_valid_and_parallel_matches_serial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "org"
    make_org.generate(3000, root, seed=1)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    serial = load_organisation(root, jobs=1)
    parallel_result = load_organisation(root, jobs=2)
    assert serial.ok, serial.diagnostics[:3]
    assert serial.tree is not None and parallel_result.tree is not None
    assert serial.tree.counts() == parallel_result.tree.counts()
    assert serial.tree.counts()["positions"] == 3000
    assert serial.tree.positions == parallel_result.tree.positions
    assert serial.tree.units == parallel_result.tree.units


def test_parallel_reports_the_same_diagnostics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "org"
    make_org.generate(2000, root, seed=1)
    broken = root / "units" / "units-00003.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("reports_to: u30-p0", "reports_to: u30-p00", 1),
        encoding="utf-8",
    )
    # A syntax error loses the rest of its file; the ids in it still count as defined, so
    # references to them are not reported as dangling as well.
    lost = root / "units" / "units-00005.yaml"
    lost.write_text(
        lost.read_text(encoding="utf-8").replace("office: ", "office: [", 1), encoding="utf-8"
    )
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    serial = load_organisation(root, jobs=1).diagnostics
    assert serial == load_organisation(root, jobs=2).diagnostics
    assert [d.code for d in serial] == ["BO031", "BO003"]


def test_parse_cache_reuses_identical_files_and_reparses_changed_ones(tmp_path: Path) -> None:
    from boconf.loading.cache import ParseCache

    first, second = tmp_path / "a", tmp_path / "b"
    make_org.generate(1000, first, seed=3)
    make_org.generate(1000, second, seed=3)
    changed = second / "units" / "units-00002.yaml"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("reports_to: u20-p0", "reports_to: u20-p00", 1),
        encoding="utf-8",
    )
    cache = ParseCache()
    plain = load_organisation(second)
    load_organisation(first, cache=cache)
    cached = load_organisation(second, cache=cache)
    assert cached.diagnostics == plain.diagnostics  # the changed file was parsed afresh
    assert [d.file.endswith("b/units/units-00002.yaml") for d in cached.diagnostics] == [True]
    assert cached.tree is None and plain.tree is None
    fixed = load_organisation(first, cache=cache)
    reference = load_organisation(first)
    assert fixed.tree is not None and reference.tree is not None
    assert (
        fixed.tree.positions == reference.tree.positions
        and fixed.tree.units == reference.tree.units
    )


def test_one_worker_fewer_than_the_cores_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    # This process validates what the workers parse: on two cores, one worker beside it.
    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)
    assert parallel._workers(None) == 1
    # Workers that also write the cache's entries have more to do: one per core then.
    assert parallel._workers(None, writing=True) == 2
    monkeypatch.setattr(parallel, "default_jobs", lambda: 1)
    assert parallel._workers(None) == 0  # one core: parsed here
    assert parallel._workers(None, writing=True) == 0  # (a worker would only share it)
    assert parallel._workers(1) == 0  # --jobs 1: parsed here
    assert parallel._workers(3) == 3  # --jobs N: N workers


def _tree_files(tmp_path: Path, seed: int) -> list[tuple[str, str]]:
    root = tmp_path / "org"
    make_org.generate(3000, root, seed=seed)
    return [(str(path), path.name) for path in sorted(root.rglob("*.yaml"))]


@needs_proc
@pytest.mark.parametrize("jobs", [2, 3])
def test_workers_start_at_the_call_and_end_with_the_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    from boconf.loading.limits import Limits
    from boconf.loading.parse import parse_file

    files = _tree_files(tmp_path, seed=2)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    # Pipes of one page: the workers wait for this process after every file or two.
    monkeypatch.setattr(workers, "PIPE_BYTES", 4096)
    before = child_processes()
    results = parallel.parse_files(files, Limits(), jobs=jobs)
    # Parsing before the first result is asked for (the caller imports its validator meanwhile).
    assert len(child_processes() - before) == jobs
    serial = [parse_file(path, display, Limits()) for path, display in files]
    assert list(results) == serial  # every file, in order
    assert child_processes() == before  # ended and waited for
    # Results dropped before any is taken, or halfway: the workers end then, not at exit.
    dropped = parallel.parse_files(files, Limits(), jobs=jobs)
    assert len(child_processes() - before) == jobs
    del dropped
    assert child_processes() == before
    halfway = parallel.parse_files(files, Limits(), jobs=jobs)
    assert next(halfway) == serial[0]
    del halfway
    assert child_processes() == before


class _Longer(bytes):
    """A payload whose frame says it is longer than it is."""

    def __len__(self) -> int:
        return super().__len__() + 1000


@needs_proc
@pytest.mark.parametrize("failure", ["ends", "garbles", "truncates"])
def test_a_failing_worker_leaves_the_rest_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    from boconf.loading.limits import Limits
    from boconf.loading.parse import parse_file

    files = _tree_files(tmp_path, seed=4)
    serial = [parse_file(path, display, Limits()) for path, display in files]
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    here, pack, parse_one = os.getpid(), parallel._pack, parallel._parse_one
    failing = files[len(files) // 3][0]
    sent_short = []  # in the worker: the truncated frame went out

    def failing_pack(parsed: ParsedFile) -> bytes:
        if os.getpid() == here or (parsed.path != failing and not sent_short):
            return pack(parsed)
        if failure == "ends" or sent_short:  # the worker ends before this file's frame
            raise RuntimeError("a worker's bug")
        packed = pack(parsed)
        if failure == "garbles":  # a whole frame that does not read back as a parse
            return b"not marshal"
        sent_short.append(True)  # a frame cut short: the worker ends at the next file
        return _Longer(packed)

    parsed_here = []

    def counted(task: parallel.Task, limits: Limits, writer: object) -> ParsedFile:
        if os.getpid() == here:
            parsed_here.append(task[0])
        return parse_one(task, limits, None)

    monkeypatch.setattr(parallel, "_pack", failing_pack)
    monkeypatch.setattr(parallel, "_parse_one", counted)
    before = child_processes()
    assert list(parallel.parse_files(files, Limits(), jobs=2)) == serial
    # From the failing file on, every file was parsed here, and none before it.
    assert parsed_here == [path for path, _ in files[files.index((failing, Path(failing).name)) :]]
    assert child_processes() == before


@needs_proc
def test_an_error_in_the_parser_surfaces_in_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boconf.loading.limits import Limits
    from boconf.loading.parse import parse_file

    files = _tree_files(tmp_path, seed=5)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    failing = files[len(files) // 2][0]

    def broken(path: str, display: str, limits: Limits) -> ParsedFile:
        if path == failing:
            raise RuntimeError(f"a parser bug on {display}")
        return parse_file(path, display, limits)

    monkeypatch.setattr(parallel, "parse_file", broken)
    before = child_processes()
    results = parallel.parse_files(files, Limits(), jobs=2)
    with pytest.raises(RuntimeError, match="a parser bug"):
        list(results)
    del results
    assert child_processes() == before
