"""Every command shown in the README and in docs/ runs, so the documentation cannot go stale.

Each ```sh block (and each `$ ` line of a ```console block) is run, line by line, on a fresh
copy of the example: `org/`, `examples/` and `schemas/` in a git repository with two commits,
so that revisions the docs name exist (`HEAD~1`, `main`, `feature`, `origin/main`), and with
`old-org/` and `new-org/` for the two-directory diff. `boconf` lines run in-process through
the CLI's `main` (as the `boconf` fixture does); `cd DIR` changes the working directory; the
few plain shell tools a tour needs (`sed`, `git`, ...) run in a shell.

A line must exit 0 unless its comment says `# exits N`. A block preceded by
`<!-- doctest: skip: REASON -->` is not run (make targets, commands that need files of the
reader's own); the reasons are few and pinned below.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from boconf.cli.main import main
from tests.conftest import REPO
from tests.helpers import GIT_ENV, commit_all, git, new_repository

DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
SKIP = re.compile(r"^\s*<!-- doctest: skip: (?P<reason>\S.*?) -->\s*$")
FENCE = re.compile(r"^(?P<indent>\s*)```(?P<lang>[a-z]*)\s*$")
EXPECTED_EXIT = re.compile(r"#.*\bexits (?P<code>\d)\b")
# Plain tools a tour may use to make a mistake or look around; nothing that reaches out.
SHELL_TOOLS = {"sed", "git", "cp", "mv", "mkdir", "ls", "cat", "printf", "echo"}


@dataclass(frozen=True)
class Block:
    where: str  # FILE:LINE of the opening fence
    lines: tuple[str, ...]
    skip: str | None


def _commands(lang: str, body: list[str]) -> list[str]:
    if lang == "console":
        body = [line.removeprefix("$ ") for line in body if line.startswith("$ ")]
    commands: list[str] = []
    pending = ""
    for line in body:
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        command = (pending + line).strip()
        pending = ""
        if command and not command.startswith("#"):
            commands.append(command)
    return commands


def blocks(path: Path) -> list[Block]:
    """The runnable code blocks of one Markdown file."""
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        fence = FENCE.match(lines[index])
        if not fence:
            index += 1
            continue
        indent, lang, start = fence["indent"], fence["lang"], index
        index += 1
        body: list[str] = []
        while index < len(lines) and lines[index].strip() != "```":
            body.append(lines[index].removeprefix(indent))
            index += 1
        index += 1
        if lang not in ("sh", "console"):
            continue
        previous = lines[start - 1] if start else ""
        skip = SKIP.match(previous)
        where = f"{path.relative_to(REPO).as_posix()}:{start + 1}"
        found.append(Block(where, tuple(_commands(lang, body)), skip["reason"] if skip else None))
    return found


ALL_BLOCKS = [block for document in DOCUMENTS for block in blocks(document)]


@pytest.fixture(scope="session")
def example_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example in a git repository: HEAD~1 differs from HEAD by one post's title."""
    root = tmp_path_factory.mktemp("doc-example") / "repo"
    for name in ("org", "examples", "schemas"):
        shutil.copytree(REPO / name, root / name)
    credit = root / "org" / "units" / "credit.yaml"
    text = credit.read_text(encoding="utf-8")
    credit.write_text(text.replace("Analista crediti export", "Analista crediti estero"), "utf-8")
    shutil.copytree(root / "org", root / "old-org")
    new_repository(root, "the example, a title earlier")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    credit.write_text(text, "utf-8")
    shutil.copytree(root / "org", root / "new-org")
    commit_all(root, "the example")
    git(root, "branch", "feature")
    return root


def _run_line(
    command: str, cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, int, str]:
    words = shlex.split(command, comments=True)
    while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
        name, _, value = words.pop(0).partition("=")
        monkeypatch.setenv(name, value)
    if words[:3] == ["python", "-m", "boconf"]:
        words = ["boconf", *words[3:]]
    if words[0] == "cd":
        return cwd / words[1], 0, ""
    if words[0] == "boconf":
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main(words[1:])
        captured = capsys.readouterr()
        return cwd, code, captured.out + captured.err
    assert words[0] in SHELL_TOOLS, f"{command!r}: not a boconf command; mark the block skip"
    done = subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True)
    return cwd, done.returncode, done.stdout + done.stderr


@pytest.mark.parametrize(
    "block", [block for block in ALL_BLOCKS if block.skip is None], ids=lambda block: block.where
)
def test_documented_commands_run(
    block: Block,
    example_repo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workspace = tmp_path / "example"
    shutil.copytree(example_repo, workspace, symlinks=True)
    monkeypatch.delenv("BOCONF_TODAY", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    cwd = workspace
    assert block.lines, f"{block.where}: an empty block"
    for command in block.lines:
        expected = EXPECTED_EXIT.search(command)
        cwd, code, output = _run_line(command, cwd, monkeypatch, capsys)
        want = int(expected["code"]) if expected else 0
        assert code == want, f"{block.where}: `{command}` exited {code}, not {want}:\n{output}"


def test_the_documents_are_found_and_mostly_run() -> None:
    where = {block.where.split(":")[0] for block in ALL_BLOCKS if block.skip is None}
    assert "README.md" in where and "docs/recipes.md" in where and "docs/ci.md" in where
    commands = [line for block in ALL_BLOCKS if block.skip is None for line in block.lines]
    assert len(commands) >= 60
    # The exceptions stay rare and explicit: each one is listed here with its reason.
    skipped = {block.where: block.skip for block in ALL_BLOCKS if block.skip is not None}
    assert sorted(skipped) == ["README.md:12", "docs/import-export.md:66"]


def test_the_extraction_reads_what_a_reader_sees(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "text\n```sh\nboconf check   # exits 1\nboconf diff \\\n  HEAD~1\n```\n"
        "<!-- doctest: skip: needs the reader's files -->\n```sh\nboconf import csv x.csv\n```\n"
        "  ```console\n  $ boconf rename unit a b\n  org/x.yaml:1:1: a -> b\n  ```\n"
        "```yaml\nkind: Unit\n```\n",
        encoding="utf-8",
    )
    original = REPO
    try:
        globals()["REPO"] = tmp_path
        found = blocks(page)
    finally:
        globals()["REPO"] = original
    assert found == [
        Block("page.md:2", ("boconf check   # exits 1", "boconf diff    HEAD~1"), None),
        Block("page.md:8", ("boconf import csv x.csv",), "needs the reader's files"),
        Block("page.md:11", ("boconf rename unit a b",), None),
    ]
    assert EXPECTED_EXIT.search(found[0].lines[0])["code"] == "1"  # type: ignore[index]
