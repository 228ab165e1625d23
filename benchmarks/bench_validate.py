"""`make bench`: time `boconf validate` and `boconf check` against a bare YAML load.

For each size N (10,000 and 100,000 positions) the benchmark generates a synthetic tree
(``make_org.py``, cached in ``bench-out/``), then alternates fresh processes:

* baseline: ``yaml.load_all(..., Loader=yaml.CSafeLoader)`` over every file, keeping the
  documents, and nothing else;
* validate: ``boconf validate DIR`` (discovery, parsing, validation, references, report);
* check: ``boconf check DIR`` (all that, then every rule of the recommended preset).

It reports the median wall time of each over the runs, their ratio, and peak memory: the
peak resident set of the main process, and the peak proportional set size (PSS: shared pages
split fairly) of the whole process tree, sampled every 100 ms (reading PSS is not free for
the process being read, so not more often), workers included.
Targets at N = 100,000: validate <= 0.8x the bare load's time with <= 4x its memory;
check <= 1.0x the bare load's time. The time of each rule at the largest N is printed last.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_org  # noqa: E402

BASELINE = """
import os, sys, yaml
docs = []
for directory, subdirectories, files in os.walk(sys.argv[1]):
    subdirectories.sort()
    for name in sorted(files):
        if name.endswith(('.yaml', '.yml')):
            with open(os.path.join(directory, name), 'rb') as handle:
                docs.extend(yaml.load_all(handle, Loader=yaml.CSafeLoader))
print(len(docs))
"""


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found.extend(int(child) for child in handle.read().split())
    except OSError:
        pass
    return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(command: list[str], allowed: tuple[int, ...] = (0,)) -> tuple[float, float, float]:
    """Wall seconds, peak RSS of the main process (MiB), peak PSS of the tree (MiB)."""
    peak_tree = 0
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            pids, queue = [], [process.pid]
            while queue:
                pid = queue.pop()
                pids.append(pid)
                queue.extend(_children(pid))
            peak_tree = max(peak_tree, sum(_pss_kib(pid) for pid in pids))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code not in allowed:
        raise SystemExit(f"{' '.join(command)} exited {code}")
    return elapsed, usage.ru_maxrss / 1024, peak_tree / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    args = parser.parse_args()
    validate = [sys.executable, "-m", "boconf", "validate", "--quiet"]
    check = [
        sys.executable,
        "-m",
        "boconf",
        "check",
        "--reference-date",
        "2026-01-01",
        "--format",
        "json",
    ]
    print(
        f"{'N':>8} {'bare s':>7} {'validate s':>10} {'ratio':>6} {'check s':>8} {'ratio':>6}  "
        f"{'bare RSS':>8} {'val. RSS':>8}  {'bare PSS':>8} {'val. PSS':>8} {'ratio':>6}"
    )
    for size in args.sizes:
        tree = args.out / f"org-{size}"
        if not (tree / "organisation.yaml").exists():
            make_org.generate(size, tree)
        bare_runs, validate_runs, check_runs = [], [], []
        for _ in range(args.runs):  # interleaved, so drift in the machine hits all alike
            bare_runs.append(run([sys.executable, "-c", BASELINE, str(tree)]))
            validate_runs.append(run([*validate, str(tree)]))
            check_runs.append(run([*check, str(tree)], allowed=(0, 1)))
        bare = statistics.median(r[0] for r in bare_runs)
        validated = statistics.median(r[0] for r in validate_runs)
        checked = statistics.median(r[0] for r in check_runs)
        bare_rss = max(r[1] for r in bare_runs)
        validate_rss = max(r[1] for r in validate_runs)
        bare_pss = max(r[2] for r in bare_runs)
        validate_pss = max(r[2] for r in validate_runs)
        print(
            f"{size:>8,} {bare:>7.2f} {validated:>10.2f} {validated / bare:>6.2f} {checked:>8.2f} "
            f"{checked / bare:>6.2f}  {bare_rss:>4.0f} MiB {validate_rss:>4.0f} MiB  "
            f"{bare_pss:>4.0f} MiB {validate_pss:>4.0f} MiB {validate_pss / bare_pss:>6.2f}"
        )
    print("targets at N = 100,000: validate <= 0.80x (memory <= 4x), check <= 1.00x")
    print(f"\nrule timings at N = {args.sizes[-1]:,} (boconf check --timings):")
    timings = subprocess.run(
        [*check, "--timings", str(args.out / f"org-{args.sizes[-1]}")],
        capture_output=True,
        text=True,
        check=False,
    )
    print(timings.stderr, end="")


if __name__ == "__main__":
    main()
