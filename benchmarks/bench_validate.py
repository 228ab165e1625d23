"""`make bench`: time `boconf validate` and `boconf check` against a bare YAML load.

For each size N (10,000 and 100,000 positions) the benchmark generates a synthetic tree
(``make_org.py``, cached in ``bench-out/``), then alternates fresh processes:

* baseline: ``yaml.load_all(..., Loader=yaml.CSafeLoader)`` over every file, keeping the
  documents, and nothing else;
* validate: ``boconf validate DIR`` (discovery, parsing, validation, references, report);
* check: ``boconf check DIR`` (all that, then every rule of the recommended preset).

It reports the median wall time of each over the runs, their ratio, and peak memory: the
peak resident set of the main process (the kernel's count, from the timed runs), and the peak
proportional set size (PSS: shared pages split fairly) of the whole process tree, workers
included, sampled every 100 ms in a run of its own: reading PSS stalls the process being read,
by a fifth of a 1M check's time, so no timed run is sampled.
Runs of validate and check here are cold (``--no-cache``). Targets at N = 100,000:
validate <= 0.3x the bare load's time, check <= 0.45x. Then the on-disk cache: a check
after editing one file (a comment; a post's title; a post's manager) against one with an
empty cache (target <= 0.15x), with the floor of start-up and imports, what re-running the
rules costs even with parsing and validation free (the structure they read, the rules), and a
differential parse of the tree (native fast path = libyaml). With ``--large 1000000
2100000`` (as ``make bench`` does), one clean check at each size with its peak memory,
and the 1M tree with its 420,000 findings. The time of each rule at the largest N is
printed last. Each figure is printed with the load average: compare ratios of one run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_org  # noqa: E402
from precompile import compile_boconf  # noqa: E402

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

# What re-running the rules costs a fresh process even if parsing and validating were free:
# the structure they read and the rules themselves (on both cores, as check runs them), timed
# on a tree already loaded. With start-up and imports, the least a warm check pays after an
# edit that changes what a rule reads, unless the rules are made incremental.
RELINT = """
import datetime, sys, time
from pathlib import Path
from boconf.graph.structure import build_structure
from boconf.linting.check import settings_for
from boconf.linting.rule_runs import run_rules
from boconf.load import load_organisation
from boconf.loading.gc_pause import no_cyclic_gc
from boconf.rules.base import LintContext
root = Path(sys.argv[1])
tree = load_organisation(root).tree
settings = settings_for(root, None, datetime.date(2026, 1, 1))
with no_cyclic_gc():
    started = time.perf_counter()
    structure = build_structure(tree)
    built = time.perf_counter()
    context = LintContext(tree, structure, settings.reference_date)
    run_rules(settings.enabled, context, settings.options)
    print(built - started, time.perf_counter() - built)
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


def run(command: list[str], allowed: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Wall seconds and the peak RSS of the main process (MiB, from the kernel's own count:
    free to read). Nothing samples the process while it is timed: see :func:`peak_pss`."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in allowed:
        raise SystemExit(f"{' '.join(command)} exited {code}")
    return elapsed, usage.ru_maxrss / 1024


def peak_pss(command: list[str], allowed: tuple[int, ...] = (0,)) -> float:
    """The peak PSS of the command's whole process tree (MiB), sampled every 100 ms, in a run
    of its own whose time is not reported. Reading a process's ``smaps_rollup`` walks its
    memory while it waits: sampled like this, the 1M clean check took 38.2 s against 31.2 s
    unsampled, and the same tree with its findings 45.1 s against 40.4 s (at 100,000
    positions, 0 to 3%). So timings come from unsampled runs (:func:`run`)."""
    peak_tree = 0
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
    _, status, _usage = os.wait4(process.pid, 0)
    done.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code not in allowed:
        raise SystemExit(f"{' '.join(command)} exited {code}")
    return peak_tree / 1024


def load_average() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def differential(tree: Path) -> str:
    """Parse every file of ``tree`` with the native fast path and with libyaml alone: the two
    must give identical results (the fast path falls back on what it cannot vouch for)."""
    sys.path.insert(0, str(HERE.parent))
    from boconf.loading import native
    from boconf.loading.limits import Limits
    from boconf.loading.parse import parse_file

    if not native.AVAILABLE:
        return "native parser not installed: libyaml only"
    limits = Limits()
    files = sorted(tree.rglob("*.yaml"))
    fast = 0
    for path in files:
        os.environ["BOCONF_NATIVE"] = "1"
        one = parse_file(str(path), str(path), limits)
        os.environ["BOCONF_NATIVE"] = "0"
        other = parse_file(str(path), str(path), limits)
        if repr(one) != repr(other):
            raise SystemExit(f"native and libyaml parses differ on {path}")
        fast += native.load(path.read_text(encoding="utf-8"), limits.max_depth) is not None
    os.environ.pop("BOCONF_NATIVE", None)
    return f"native = libyaml on all {len(files):,} files ({fast:,} through the fast path)"


@dataclass
class Warm:
    """Median seconds of checks of one tree through the cache."""

    cold: float  # with an empty cache
    comment: float  # after adding a comment to one file: every parse means what it meant
    value: float  # after changing one post's title: descriptive text, one document validated
    line: float  # after changing one post's manager: the whole tree validated and linted
    floor: float  # the interpreter and the imports of `boconf check`, doing nothing
    structure: float  # building the structure the rules read, on a loaded tree
    rules: float  # running every rule on it (both cores)
    same: bool  # the last warm check printed what a check without the cache prints


def warm(tree: Path, out: Path, command: list[str], runs: int) -> Warm:
    """A check with an empty cache, then after editing one file two ways."""
    copy = out / f"warm-{tree.name}"
    if not copy.exists():
        shutil.copytree(tree, copy)
    cache = out / f"cache-{tree.name}"
    edited = sorted((copy / "units").glob("*.yaml"))[len(list((copy / "units").glob("*"))) // 2]
    original = edited.read_text(encoding="utf-8")
    title = re.search(r'title: "([^"]*)"', original)
    assert title is not None, f"no title in {edited}"
    cached = [*command, "--cache-dir", str(cache), str(copy)]
    floor = [sys.executable, "-c", "import boconf.cli.check_cmd"]
    manager = re.search(r"reports_to: (\S+)-p1\n", original)
    assert manager is not None, f"no post reporting to a -p1 post in {edited}"
    cold_runs, comment_runs, value_runs, line_runs, floor_runs = [], [], [], [], []
    relint_runs: list[tuple[float, float]] = []
    try:
        for run_number in range(runs):
            edited.write_text(original, encoding="utf-8")
            shutil.rmtree(cache, ignore_errors=True)
            cold_runs.append(run(cached, (0, 1))[0])
            # One comment added: its entry misses, its parse means what it meant; every other
            # file's entry hits, and the stored result holds.
            edited.write_text(original + f"# edit {run_number}\n", encoding="utf-8")
            comment_runs.append(run(cached, (0, 1))[0])
            # One title changed: that file is parsed and its edited document validated; no
            # stored message quotes the old title, so the stored result holds.
            renamed = original.replace(title[0], f'title: "{title[1]} ({run_number})"', 1)
            edited.write_text(renamed, encoding="utf-8")
            value_runs.append(run(cached, (0, 1))[0])
            # One post moved to another manager: a value the rules read, so the whole tree is
            # validated and linted (from cached parses).
            moved = renamed.replace(manager[0], f"reports_to: {manager[1]}-p0\n", 1)
            edited.write_text(moved, encoding="utf-8")
            line_runs.append(run(cached, (0, 1))[0])
            floor_runs.append(run(floor)[0])
            relint = [sys.executable, "-c", RELINT, str(copy)]
            timed = subprocess.run(relint, capture_output=True, text=True, check=True).stdout
            structure, rules = (float(seconds) for seconds in timed.split())
            relint_runs.append((structure, rules))
        warm_out = subprocess.run(cached, capture_output=True, check=False).stdout
        no_cache = [*command, "--no-cache", str(copy)]
        same = warm_out == subprocess.run(no_cache, capture_output=True, check=False).stdout
    finally:
        edited.write_text(original, encoding="utf-8")
    return Warm(
        statistics.median(cold_runs),
        statistics.median(comment_runs),
        statistics.median(value_runs),
        statistics.median(line_runs),
        statistics.median(floor_runs),
        statistics.median(structure for structure, _ in relint_runs),
        statistics.median(rules for _, rules in relint_runs),
        same,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    parser.add_argument(
        "--large",
        type=int,
        nargs="*",
        default=[],
        help="also check these sizes (1000000 2100000) once each: time, peak memory",
    )
    args = parser.parse_args()
    compile_boconf()
    validate = [sys.executable, "-m", "boconf", "validate", "--quiet", "--no-cache"]
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
    cold_check = [*check, "--no-cache"]
    print(
        f"{'N':>8} {'bare s':>7} {'validate s':>10} {'ratio':>6} {'check s':>8} {'ratio':>6}  "
        f"{'bare RSS':>8} {'val. RSS':>8}  {'bare PSS':>8} {'val. PSS':>8} {'ratio':>6}"
    )
    for size in args.sizes:
        tree = args.out / f"org-{size}"
        if not (tree / "organisation.yaml").exists():
            make_org.generate(size, tree)
        bare_runs, validate_runs, check_runs = [], [], []
        bare_command = [sys.executable, "-c", BASELINE, str(tree)]
        for _ in range(args.runs):  # interleaved, so drift in the machine hits all alike
            bare_runs.append(run(bare_command))
            validate_runs.append(run([*validate, str(tree)]))
            check_runs.append(run([*cold_check, str(tree)], allowed=(0, 1)))
        bare = statistics.median(r[0] for r in bare_runs)
        validated = statistics.median(r[0] for r in validate_runs)
        checked = statistics.median(r[0] for r in check_runs)
        bare_rss = max(r[1] for r in bare_runs)
        validate_rss = max(r[1] for r in validate_runs)
        bare_pss = peak_pss(bare_command)
        validate_pss = peak_pss([*validate, str(tree)])
        print(
            f"{size:>8,} {bare:>7.2f} {validated:>10.2f} {validated / bare:>6.2f} {checked:>8.2f} "
            f"{checked / bare:>6.2f}  {bare_rss:>4.0f} MiB {validate_rss:>4.0f} MiB  "
            f"{bare_pss:>4.0f} MiB {validate_pss:>4.0f} MiB {validate_pss / bare_pss:>6.2f}  "
            f"({load_average()})"
        )
    print("targets at N = 100,000: validate <= 0.30x, check <= 0.45x the bare load (no cache)")
    largest = args.out / f"org-{args.sizes[-1]}"

    cached = warm(largest, args.out, check, args.runs)
    cold = cached.cold
    print(
        f"\ncache at N = {args.sizes[-1]:,}: check with an empty cache {cold:.2f} s; after editing "
        f"one file: a comment {cached.comment:.2f} s, {cached.comment / cold:.2f}x (target <= "
        f"0.15x); a post's title {cached.value:.2f} s, {cached.value / cold:.2f}x; a post's "
        f"manager {cached.line:.2f} s, {cached.line / cold:.2f}x; start-up and imports alone "
        f"{cached.floor:.2f} s, {cached.floor / cold:.2f}x ({load_average()})"
    )
    least = cached.floor + cached.structure
    print(
        f"a warm check that runs the rules again pays, with parsing and validation free: "
        f"start-up {cached.floor:.2f} s + the structure {cached.structure:.2f} s = "
        f"{least:.2f} s, {least / cold:.2f}x, before any rule; + every rule "
        f"{cached.rules:.2f} s = {(least + cached.rules) / cold:.2f}x"
    )
    print(f"warm = cold: {'yes' if cached.same else 'NO, the outputs differ'}")
    print(differential(largest))

    if args.large:
        # The generator's trees deepen with size: at 1M, 420,000 posts sit below the 8-layer
        # limit of hierarchy-depth. "Clean" raises that limit, so the same tree checks clean.
        clean = args.out / "clean.yaml"
        clean.write_text("rules:\n  BO108: {max_layers: 100}\n", encoding="utf-8")
        base_seconds = statistics.median(
            run([*cold_check, "--config", str(clean), str(largest)], (0, 1))[0] for _ in range(3)
        )
        print(
            f"\nlarge trees: clean check of N = {args.sizes[-1]:,}: {base_seconds:.2f} s "
            f"(median of 3; {load_average()})"
        )
        for size in args.large:
            tree = args.out / f"org-{size}"
            if not (tree / "organisation.yaml").exists():
                make_org.generate(size, tree)
            if size != 1_000_000:
                seconds, rss = run([*cold_check, "--config", str(clean), str(tree)], (0, 1))
                pss = peak_pss([*cold_check, "--config", str(clean), str(tree)], (0, 1))
                print(
                    f"{size:>9,} clean check {seconds:7.2f} s = {seconds / base_seconds:5.2f}x, "
                    f"peak RSS {rss / 1024:.2f} GiB, peak PSS of the process tree "
                    f"{pss / 1024:.2f} GiB ({load_average()})"
                )
                continue
            # The 1M tree clean and with its findings, twice, interleaved: their ratio is a
            # target, and this machine's load drifts over minutes.
            cleans, founds = [], []
            for _ in range(2):
                cleans.append(run([*cold_check, "--config", str(clean), str(tree)], (0, 1)))
                founds.append(run([*cold_check, str(tree)], (0, 1)))
            seconds = statistics.median(r[0] for r in cleans)
            found = statistics.median(r[0] for r in founds)
            pss = peak_pss([*cold_check, "--config", str(clean), str(tree)], (0, 1))
            print(
                f"{size:>9,} clean check {seconds:7.2f} s = {seconds / base_seconds:5.2f}x, "
                f"peak RSS {max(r[1] for r in cleans) / 1024:.2f} GiB, peak PSS of the process "
                f"tree {pss / 1024:.2f} GiB ({load_average()})"
            )
            print(
                f"{size:>9,} with its findings {found:7.2f} s = {found / seconds:.2f}x the "
                f"clean check, peak RSS {max(r[1] for r in founds) / 1024:.2f} GiB "
                f"({load_average()}; medians of 2 interleaved runs)"
            )
        print(
            "targets: 1M clean check <= 11x the 100k check and <= 2.5 GiB; with findings "
            "<= 1.3x the clean check"
        )

    print(f"\nrule timings at N = {args.sizes[-1]:,} (boconf check --timings):")
    timings = subprocess.run(
        [*cold_check, "--timings", str(largest)],
        capture_output=True,
        text=True,
        check=False,
    )
    print(timings.stderr, end="")


if __name__ == "__main__":
    main()
