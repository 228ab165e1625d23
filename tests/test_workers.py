"""run_parallel and forked_map: every item's result in order, on this process and forked
workers; a failing worker's items run here; workers end with the results."""

from __future__ import annotations

import os
import pickle

import pytest

from boconf.util import workers

from .conftest import child_processes, needs_proc

pytestmark = needs_proc


def _square_where(item: int) -> tuple[int, int]:
    if item == 4242:
        raise RuntimeError("a bug in the function")
    return item * item, os.getpid()


@pytest.mark.parametrize("jobs", [2, 3])
def test_results_in_order_from_this_process_and_the_workers(jobs: int) -> None:
    before = child_processes()
    results = workers.run_parallel(_square_where, range(500), jobs)
    assert [square for square, _ in results] == [item * item for item in range(500)]
    where = {pid for _, pid in results}
    # This process takes its share beside jobs - 1 workers, each a process of its own.
    assert os.getpid() in where and len(where) == jobs
    assert child_processes() == before


def test_one_job_or_a_handful_of_items_run_here() -> None:
    assert {pid for _, pid in workers.run_parallel(_square_where, range(500), 1)} == {os.getpid()}
    assert {pid for _, pid in workers.run_parallel(_square_where, range(5), 2)} == {os.getpid()}


def test_an_error_in_the_function_surfaces_here() -> None:
    before = child_processes()
    with pytest.raises(RuntimeError, match="a bug in the function"):
        workers.run_parallel(_square_where, range(4000, 4500), 2)
    assert child_processes() == before


def test_a_worker_whose_results_do_not_unpack_leaves_them_to_this_process() -> None:
    here = os.getpid()

    def pack(result: tuple[int, int]) -> bytes:
        # The worker garbles the result of item 310 (its square is 96,100).
        return b"garbled" if result[0] == 96_100 else pickle.dumps(result)

    before = child_processes()
    results = list(
        workers.forked_map(_square_where, range(500), 1, chunksize=10, here=True, pack=pack)
    )
    assert [square for square, _ in results] == [item * item for item in range(500)]
    # Chunks go in turn to this process and the worker: chunk 31 (items 310 to 319) is the
    # worker's. From item 310 on, every item ran here; before it, every other chunk did not.
    assert {pid for _, pid in results[310:]} == {here}
    assert [results[chunk * 10][1] == here for chunk in range(31)] == [
        chunk % 2 == 0 for chunk in range(31)
    ]
    assert child_processes() == before


def test_workers_start_at_the_call_and_end_when_the_results_are_dropped() -> None:
    before = child_processes()
    results = workers.forked_map(_square_where, range(500), 2, chunksize=10)
    assert len(child_processes() - before) == 2  # before the first result is asked for
    assert next(results)[0] == 0
    del results
    assert child_processes() == before


def test_each_parallel_yields_in_order_from_the_workers_and_ends_them_when_closed() -> None:
    from contextlib import closing

    before = child_processes()
    with closing(workers.each_parallel(_square_where, range(200), 2, chunksize=1)) as results:
        first = [next(results) for _ in range(50)]
        assert [square for square, _ in first] == [item * item for item in range(50)]
        # Every item on the workers, none here (this process uses what they return).
        assert os.getpid() not in {pid for _, pid in first}
    del results
    assert child_processes() == before


def test_when_no_process_can_be_forked_everything_runs_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fork, forks = os.fork, []

    def limited() -> int:  # the first fork succeeds, the second finds the process limit
        forks.append(1)
        if len(forks) > 1:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        return fork()

    monkeypatch.setattr(os, "fork", limited)
    before = child_processes()
    results = list(workers.forked_map(_square_where, range(300), 2, chunksize=10))
    assert results == [(item * item, os.getpid()) for item in range(300)]
    assert len(forks) == 2 and child_processes() == before
