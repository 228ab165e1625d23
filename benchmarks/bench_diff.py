"""Time `boconf diff` of two 100,000-position revisions that differ in about 1% of positions,
against one bare `yaml.load_all(CSafeLoader)` of the same files (fresh processes, medians).

The synthetic tree (make_org.py) is committed in a scratch git repository under bench-out/;
the head revision retitles every specialist post of ten files (900 positions, 0.9%). The diff
reads both revisions with git archive, validates and lints both, compares and reports.
Target: at most 2.2x one bare load.

    python benchmarks/bench_diff.py [--positions 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench_validate  # noqa: E402
import make_org  # noqa: E402
from precompile import compile_boconf  # noqa: E402

GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"]


def repository(positions: int, out: Path) -> Path:
    root = out / f"diff-repo-{positions}"
    if (root / ".git").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    make_org.generate(positions, root / "org")
    subprocess.run([*GIT, "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run([*GIT, "-C", str(root), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(root), "commit", "-q", "-m", "base"], check=True)
    for path in sorted((root / "org" / "units").glob("*.yaml"))[:10]:
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace('title: "Specialist', 'title: "Senior specialist'), encoding="utf-8"
        )
    subprocess.run(
        [*GIT, "-C", str(root), "commit", "-q", "-am", "retitle 0.9% of positions"], check=True
    )
    return root


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    completed = subprocess.run(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, check=False
    )
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {completed.returncode}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    args = parser.parse_args()
    compile_boconf()
    root = repository(args.positions, args.out)
    diff = [
        sys.executable,
        "-m",
        "boconf",
        "diff",
        "HEAD~1",
        "HEAD",
        "org",
        "--format",
        "json",
        "--reference-date",
        "2026-01-01",
    ]
    bare = [sys.executable, "-c", bench_validate.BASELINE, str((root / "org").resolve())]
    bare_times, diff_times = [], []
    for _ in range(args.runs):
        bare_times.append(timed(bare, root))
        diff_times.append(timed(diff, root))
    bare_time, diff_time = statistics.median(bare_times), statistics.median(diff_times)
    print(f"diff of two {args.positions:,}-position revisions (0.9% of positions changed)")
    print(f"bare load:   {bare_time:6.2f} s (one revision)")
    print(f"boconf diff: {diff_time:6.2f} s")
    print(f"ratio:       {diff_time / bare_time:6.2f}  (target <= 2.20)")


if __name__ == "__main__":
    main()
