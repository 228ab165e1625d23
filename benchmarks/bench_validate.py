"""`make bench`: time `boconf validate` against a bare YAML load of the same files.

For each size N (10,000 and 100,000 positions) the benchmark generates a synthetic tree
(``make_org.py``, cached in ``bench-out/``), then alternates fresh processes:

* baseline: ``yaml.load_all(..., Loader=yaml.CSafeLoader)`` over every file, keeping the
  documents, and nothing else;
* boconf: ``boconf validate DIR`` (discovery, parsing, validation, references, report).

It reports the median wall time of each over the runs, their ratio, and peak memory: the
peak resident set of the main process, and the peak proportional set size (PSS: shared pages
split fairly) of the whole process tree, sampled every 20 ms, workers included.
Target at N = 100,000: time ratio <= 0.8 and memory ratio <= 4.
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


def run(command: list[str]) -> tuple[float, float, float]:
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
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(command)} exited {code}")
    return elapsed, usage.ru_maxrss / 1024, peak_tree / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    args = parser.parse_args()
    boconf = [sys.executable, "-m", "boconf", "validate", "--quiet"]
    print(
        f"{'N':>8} {'bare s':>8} {'boconf s':>9} {'ratio':>6}  {'bare RSS':>9} {'boconf RSS':>11}  {'bare PSS':>9} {'boconf PSS':>11} {'ratio':>6}"
    )
    for size in args.sizes:
        tree = args.out / f"org-{size}"
        if not (tree / "organisation.yaml").exists():
            make_org.generate(size, tree)
        bare_runs, boconf_runs = [], []
        for _ in range(args.runs):  # alternate, so drift in the machine hits both alike
            bare_runs.append(run([sys.executable, "-c", BASELINE, str(tree)]))
            boconf_runs.append(run([*boconf, str(tree)]))
        bare_time = statistics.median(r[0] for r in bare_runs)
        boconf_time = statistics.median(r[0] for r in boconf_runs)
        bare_rss = max(r[1] for r in bare_runs)
        boconf_rss = max(r[1] for r in boconf_runs)
        bare_pss = max(r[2] for r in bare_runs)
        boconf_pss = max(r[2] for r in boconf_runs)
        print(
            f"{size:>8,} {bare_time:>8.2f} {boconf_time:>9.2f} {boconf_time / bare_time:>6.2f}  "
            f"{bare_rss:>6.0f} MiB {boconf_rss:>7.0f} MiB  {bare_pss:>6.0f} MiB {boconf_pss:>7.0f} MiB "
            f"{boconf_pss / bare_pss:>6.2f}"
        )
    print("target at N = 100,000: time ratio <= 0.80, memory (PSS) ratio <= 4.00")


if __name__ == "__main__":
    main()
