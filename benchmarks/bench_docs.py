"""Time `boconf docs` against the renderer's own work, on a synthetic 10,000-position tree.

* site: ``boconf docs DIR -o bench-out/site-N`` in a fresh process into an empty directory
  (load, lint, every page, every chart, every file written), median of the runs;
* renderer: the same DOT sources the site renders (``boconf.website.site_dot_sources``), each
  drawn by the Graphviz binary boconf would use (found like ``renderer.find_renderers``),
  one after another, median of the runs.

The site renders its charts on every core, so the target is site <= 1.2x the renderer's
sequential time: everything else (loading, linting, pages) must hide behind the parallel
rendering. Prints numbers only.

``--site-only`` times the site build alone (no renderer runs, no DOT sources built): the
figure to compare across commits. For an older checkout, run this file from inside that
checkout, on the same tree (``python -m boconf`` puts the working directory first on the
path, ahead of PYTHONPATH, so PYTHONPATH alone would time this checkout twice)::

    cd OLD_CHECKOUT && python /path/to/benchmarks/bench_docs.py --site-only --out /tmp/tree

It prints the median wall time and the median CPU time (the build and every process it
started), which a busy machine disturbs far less than the wall time.

    python benchmarks/bench_docs.py [--positions 10000] [--runs 3] [--site-only]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_org  # noqa: E402
from precompile import compile_boconf  # noqa: E402

# boconf itself is imported where it is used: --site-only must also run with an older
# checkout of boconf first on PYTHONPATH, whose modules have other names.

REFERENCE_DATE = "2026-11-26"


def organisation(positions: int, out: Path) -> Path:
    """The synthetic tree, generated once (the same seed gives the same files)."""
    root = out / f"org-{positions}"
    if not (root / "organisation.yaml").is_file():
        make_org.generate(positions, root)
    return root


def time_site(root: Path, site: Path) -> float:
    """A fresh build: the output directory is removed first (untimed), so that every file
    is written, none skipped as unchanged."""
    return time_site_cpu(root, site)[0]


def time_site_cpu(root: Path, site: Path) -> tuple[float, float]:
    """A fresh build's wall time, and its CPU time with every process it started."""
    shutil.rmtree(site, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "boconf",
        "docs",
        str(root),
        "-o",
        str(site),
        "--reference-date",
        REFERENCE_DATE,
    ]
    before = os.times()
    started = time.perf_counter()
    subprocess.run(
        command,
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def site_only(root: Path, site: Path, runs: int) -> None:
    """The site build alone, ``runs`` times: its median wall and CPU times."""
    import boconf

    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time_site_cpu(root, site)
        walls.append(wall)
        cpus.append(cpu)
    print(f"boconf: {Path(boconf.__file__).parent}, cores: {len(os.sched_getaffinity(0))}")
    print(
        f"site time: {statistics.median(walls):8.2f} s wall, "
        f"{statistics.median(cpus):.2f} s CPU  (boconf docs, {root.name}, median of {runs})"
    )


def renderer_binary() -> str:
    from boconf.rendering.renderer import find_renderers

    able = [r for r in find_renderers() if "svg" in r.formats]
    if not able:
        raise SystemExit("no Graphviz renderer for svg: pip install graphviz-pure")
    return able[0].binary


def time_renderer(binary: str, sources: list[str]) -> float:
    started = time.perf_counter()
    for source in sources:
        subprocess.run(
            [binary, "-Tsvg"], input=source.encode("utf-8"), capture_output=True, check=True
        )
    return time.perf_counter() - started


def time_renderer_batched(binary: str, sources: list[str]) -> float:
    """The renderer's pure drawing time: every chart in one process, no start-up per chart."""
    started = time.perf_counter()
    subprocess.run(
        [binary, "-Tsvg"], input="\n".join(sources).encode("utf-8"), capture_output=True, check=True
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    parser.add_argument(
        "--site-only", action="store_true", help="time the site build alone (see above)"
    )
    parser.add_argument(
        "--site-out",
        type=Path,
        default=None,
        help="where the site goes [default: bench-out/site-N]; writing 2,000 files costs "
        "very different times on different file systems",
    )
    args = parser.parse_args()
    compile_boconf()
    root = organisation(args.positions, args.out)
    site = args.site_out or args.out / f"site-{args.positions}"
    if args.site_only:
        site_only(root, site, args.runs)
        return

    from boconf.linting.check import check, settings_for
    from boconf.util.workers import default_jobs
    from boconf.website import site_dot_sources

    root_settings = settings_for(root, None)
    sources = site_dot_sources(check(root, root_settings))
    binary = renderer_binary()
    print(f"organisation: {root} ({args.positions:,} positions), cores: {default_jobs()}")
    print(f"charts: {len(sources):,}, renderer: {binary}, site: {site}")

    site_times, renderer_times, batched_times = [], [], []
    for _ in range(args.runs):  # alternate, so that all see the same machine state
        site_times.append(time_site(root, site))
        renderer_times.append(time_renderer(binary, sources))
        batched_times.append(time_renderer_batched(binary, sources))
    site_time = statistics.median(site_times)
    renderer_time = statistics.median(renderer_times)
    batched_time = statistics.median(batched_times)
    print(f"site time:     {site_time:8.2f} s  (boconf docs, median of {args.runs})")
    print(f"renderer time: {renderer_time:8.2f} s  (one process per chart, sequential)")
    print(f"ratio:         {site_time / renderer_time:8.2f}  (target <= 1.20)")
    # boconf draws many charts per renderer process; against the renderer's pure drawing
    # time (all charts in one process) the ratio is stricter, so it is shown as well.
    print(
        f"renderer, one process for all charts: {batched_time:.2f} s; ratio {site_time / batched_time:.2f}"
    )


if __name__ == "__main__":
    main()
