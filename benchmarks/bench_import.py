"""Time `boconf import csv` of a 100,000-row HR export, then `boconf check` of the result.

The CSV (``bench-out/import-N.csv``, generated once, deterministic) has N employees in
N / 200 departments, a chief executive, department heads reporting to one of twenty
directors, and staff reporting to their head or to a team lead, with cities and countries.

Fresh processes, interleaved over the runs, median wall time of each:

* baseline: a Python process that reads the CSV with ``csv.DictReader`` (every row, kept)
  and writes the same files, byte for byte, that the import writes (the bytes are read
  into memory first and that read is not counted);
* import: ``boconf import csv FILE -o DIR --force``;
* check: ``boconf check DIR``.

Target: import <= 2.0x the baseline.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from precompile import compile_boconf

DEPARTMENT_SIZE = 200
CITIES = (
    ("Milano", "IT"),
    ("Roma", "IT"),
    ("Cluj-Napoca", "RO"),
    ("Manila", "PH"),
    ("Seattle", "US"),
    ("London", "GB"),
)
AREAS = (
    "Sales",
    "Finance",
    "IT Support",
    "Human Resources",
    "Logistics",
    "Marketing",
    "Procurement",
    "Customer Service",
    "Legal",
    "Facilities",
)

BASELINE = """
import csv, os, sys, time
started = time.perf_counter()
source, tree, scratch = sys.argv[1:4]
files = []
for directory, _, names in os.walk(tree):
    for name in sorted(names):
        path = os.path.join(directory, name)
        with open(path, 'rb') as handle:
            files.append((os.path.join(scratch, os.path.relpath(path, tree)), handle.read()))
loading = time.perf_counter() - started
with open(source, newline='', encoding='utf-8') as handle:
    rows = list(csv.DictReader(handle))
for path, data in files:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as handle:
        handle.write(data)
print(loading)
"""


def generate(size: int, target: Path) -> None:
    """An HR export of ``size`` employees; the same file every time."""
    rng = random.Random(20240601)
    departments = max(1, size // DEPARTMENT_SIZE)
    header = [
        "employee_id",
        "first_name",
        "last_name",
        "job_title",
        "manager_id",
        "department",
        "city",
        "country",
        "email",
    ]
    rows: list[list[str]] = []

    def add(number: int, title: str, boss: int | None, department: str, place: int) -> None:
        city, country = CITIES[place]
        rows.append(
            [
                f"E{number:06d}",
                f"Name{number}",
                f"Surname{number % 977}",
                title,
                f"E{boss:06d}" if boss is not None else "",
                department,
                city,
                country,
                f"e{number}@example.com",
            ]
        )

    add(1, "Chief executive officer", None, "Executive Office", 0)
    directors = list(range(2, 22))
    for director in directors:
        add(director, "Director", 1, "Executive Office", 0)
    number = 22
    for index in range(departments):
        name = f"{AREAS[index % len(AREAS)]} {index // len(AREAS) + 1}"
        place = rng.randrange(len(CITIES))
        head = number
        add(head, "Head of department", rng.choice(directors), name, place)
        number += 1
        leads: list[int] = []
        while number <= size and number - head < DEPARTMENT_SIZE:
            if len(leads) < 10 and (number - head) % 20 == 1:
                add(number, "Team lead", head, name, place)
                leads.append(number)
            else:
                add(number, "Specialist", rng.choice(leads) if leads else head, name, place)
            number += 1
        if number > size:
            break
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows[:size])


def timed(command: list[str], allowed: tuple[int, ...] = (0,)) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in allowed:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--verbose", action="store_true", help="print every run")
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    args = parser.parse_args()
    compile_boconf()
    source = args.out / f"import-{args.size}.csv"
    if not source.exists():
        generate(args.size, source)
    tree = args.out / f"imported-{args.size}"
    scratch = args.out / f"baseline-{args.size}"
    boconf = [sys.executable, "-m", "boconf"]
    imports, baselines, checks = [], [], []
    for _ in range(args.runs):  # interleaved, so drift in the machine hits all alike
        imports.append(
            timed([*boconf, "import", "csv", str(source), "-o", str(tree), "--force"])[0]
        )
        elapsed, loading = timed(
            [sys.executable, "-c", BASELINE, str(source), str(tree), str(scratch)]
        )
        baselines.append(elapsed - float(loading))
        checks.append(timed([*boconf, "check", str(tree)], allowed=(0, 1))[0])
    if args.verbose:
        print(
            "imports", [round(x, 2) for x in imports], "baselines", [round(x, 2) for x in baselines]
        )
    imported, baseline, checked = (statistics.median(runs) for runs in (imports, baselines, checks))
    files = sum(1 for path in tree.rglob("*") if path.is_file())
    size = sum(path.stat().st_size for path in tree.rglob("*") if path.is_file())
    print(f"{args.size:,} rows -> {files:,} files, {size / 2**20:.1f} MiB of YAML")
    print(f"{'baseline s':>10} {'import s':>9} {'ratio':>6} {'check s':>8}")
    print(f"{baseline:>10.2f} {imported:>9.2f} {imported / baseline:>6.2f} {checked:>8.2f}")
    print("target: import <= 2.00x the baseline (DictReader + writing the same bytes)")


if __name__ == "__main__":
    main()
