"""Parallel parsing gives exactly the in-process result; the benchmark generator is deterministic
and its organisations are valid."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from boconf import load_organisation
from boconf.loading import parallel

from .conftest import REPO

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


def test_workers_start_at_the_call_and_end_with_the_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    from boconf.loading.limits import Limits
    from boconf.loading.parse import parse_file

    root = tmp_path / "org"
    make_org.generate(3000, root, seed=2)
    files = [(str(path), path.name) for path in sorted(root.rglob("*.yaml"))]
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    # One chunk in flight per worker: most chunks are handed over as results are taken.
    monkeypatch.setattr(parallel, "CHUNKS_IN_FLIGHT", 1)
    assert not multiprocessing.active_children()
    results = parallel.parse_files(files, Limits(), jobs=2)
    # Parsing before the first result is asked for (the caller imports its validator meanwhile).
    assert len(multiprocessing.active_children()) == 2
    serial = [parse_file(path, display, Limits()) for path, display in files]
    assert list(results) == serial  # every file, in order
    assert not multiprocessing.active_children()
    # Results dropped before any is taken, or halfway: the workers end then, not at exit.
    dropped = parallel.parse_files(files, Limits(), jobs=2)
    assert len(multiprocessing.active_children()) == 2
    del dropped
    assert not multiprocessing.active_children()
    halfway = parallel.parse_files(files, Limits(), jobs=2)
    assert next(halfway) == serial[0]
    del halfway
    assert not multiprocessing.active_children()
