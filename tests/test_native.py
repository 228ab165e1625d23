"""The native fast parse path gives exactly what the libyaml path gives, or steps aside.

Differential: every file is parsed twice, with the fast path on and off, and the two
:class:`ParsedFile` results (documents, values, document positions, diagnostics) must be equal.
The fast path must also actually be taken on ordinary organisation files, or it would be
trivially "identical".
"""

from __future__ import annotations

import importlib
import json
import math
import os
import random
import sys
from pathlib import Path
from typing import Any

import pytest

from boconf.loading import native
from boconf.loading.limits import Limits
from boconf.loading.parse import ParsedFile, parse_file

from .conftest import REPO, shared_dir

pytestmark = pytest.mark.skipif(not native.AVAILABLE, reason="the yaml-rs wheel is not installed")

SUITE = shared_dir() / "data" / "yaml-test-suite"
LIMITS = Limits()


def _same(a: Any, b: Any) -> bool:
    """Equality that also tells types apart (1 vs True vs 1.0) and lets NaN equal NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ParsedFile, ParsedFile]:
    monkeypatch.setenv("BOCONF_NATIVE", "1")
    fast = parse_file(str(path), "f.yaml", LIMITS)
    monkeypatch.setenv("BOCONF_NATIVE", "0")
    slow = parse_file(str(path), "f.yaml", LIMITS)
    return fast, slow


def _assert_identical(fast: ParsedFile, slow: ParsedFile, what: str) -> None:
    assert fast.diagnostics == slow.diagnostics, what
    assert [(d.index, d.line, d.column) for d in fast.documents] == [
        (d.index, d.line, d.column) for d in slow.documents
    ], what
    for a, b in zip(fast.documents, slow.documents, strict=True):
        assert _same(a.data, b.data), what
    assert (fast.lost, fast.lost_ids, fast.suppressions) == (
        slow.lost,
        slow.lost_ids,
        slow.suppressions,
    ), what


def _vouched(path: Path) -> bool:
    text = path.read_bytes().decode("utf-8", "replace")
    return native.load(text, LIMITS.max_depth) is not None


def test_identical_on_the_yaml_test_suite(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = json.loads((SUITE / "manifest.json").read_text(encoding="utf-8"))["cases"]
    vouched = 0
    for case in cases:
        path = SUITE / case["file"]
        _assert_identical(*_both(path, monkeypatch), case["id"])
        vouched += _vouched(path)
    # Most of the suite is exotic YAML the fast path leaves to libyaml; the plain rest it takes.
    assert vouched == 38


@pytest.mark.parametrize("tree", ["org", "examples", "tests/fixtures"])
def test_identical_on_the_example_organisations(tree: str, monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted((REPO / tree).rglob("*.y*ml"))
    assert files
    for path in files:
        _assert_identical(*_both(path, monkeypatch), str(path))
    if tree != "tests/fixtures":  # fixtures are broken on purpose; real trees take the fast path
        # (not all: '07:00' or '138,000' in a description looks like a number with a leading
        # zero to the cheap scan, and such a file goes to libyaml)
        assert sum(map(_vouched, files)) >= 0.8 * len(files)


# Scalars whose typing differs between YAML 1.1, YAML 1.2 and boconf's resolver, or between
# parsers: the fuzzer draws from them.
TRICKY = [
    "0042", "-007", "00", "0", "-0", "+1", "1_000", "0b101", "0o17", "0O17", "0x1F", "0X1F",
    "1e3", "1.5e-3", ".5", "1.", ".inf", "-.Inf", ".nan", ".NaN", "True", "TRUE", "yes", "No",
    "on", "off", "~", "null", "NULL", "2024-01-01", "2024-01-01T10:00:00Z", "12:30", "1:30:00",
    "1,000", "x!", "a & b", "a*b", "#x", "'q'", "é", "Unità", "«q»", "\u00a0x", "",
]  # fmt: skip


def _fuzz_scalar(rng: random.Random, tricky: float = 0.3) -> str:
    choice = rng.random()
    if choice < tricky:
        return rng.choice(TRICKY)
    choice = 0.45 + choice * 0.55
    if choice < 0.7:
        return str(rng.randint(-1000, 10**6))
    if choice < 0.8:
        return f"{rng.uniform(-1e6, 1e6):.{rng.randint(0, 4)}f}"
    alphabet = "abcxyz-_ .:0123" if tricky else "abcxyz-_ .123"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))).strip() or "a"


def _render_scalar(rng: random.Random, text: str) -> str:
    style = rng.random()
    if style < 0.15:
        return "'" + text.replace("'", "''") + "'"
    if style < 0.3:
        return json.dumps(text, ensure_ascii=rng.random() < 0.5)
    return text  # plain: may be invalid YAML or typed anything; both paths must agree


def _render(rng: random.Random, depth: int, indent: int, tricky: float) -> str:
    """A random block mapping at ``indent`` (lines ending in newlines)."""
    lines = []
    keys = ["id", "name", "kind", "a b", "k", "x-y"]
    if tricky:
        keys += ["1", "null", "0042", "true", "id"]  # typed keys, and a duplicate
    for key in rng.sample(keys, rng.randint(1, 5)):
        key = _render_scalar(rng, key) if rng.random() < 0.2 else key
        pad = " " * indent
        shape = rng.random()
        if depth < 3 and shape < 0.2:
            lines.append(f"{pad}{key}:\n" + _render(rng, depth + 1, indent + 2, tricky))
        elif depth < 3 and shape < 0.35:
            lines.append(f"{pad}{key}:\n")
            for _ in range(rng.randint(1, 3)):
                item = _render(rng, depth + 1, indent + 2, tricky)
                lines.append(f"{pad}- {item.lstrip()}")
        elif shape < 0.45:
            items = ", ".join(
                _render_scalar(rng, _fuzz_scalar(rng, tricky)) for _ in range(rng.randint(0, 4))
            )
            lines.append(f"{pad}{key}: [{items}]\n")
        elif shape < 0.5:
            lines.append(f"{pad}{key}: |\n{pad}  {_fuzz_scalar(rng, tricky)}\n")
        else:
            lines.append(f"{pad}{key}: {_render_scalar(rng, _fuzz_scalar(rng, tricky))}\n")
    return "".join(lines)


def test_identical_on_1000_fuzzed_trees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(20260101)
    vouched = 0
    for number in range(1000):
        # Some trees mostly plain (the fast path takes them), others full of tricky scalars.
        tricky = rng.choice([0.0, 0.02, 0.3])
        documents = [_render(rng, 0, 0, tricky) for _ in range(rng.randint(1, 3))]
        text = "".join(
            ("---\n" if i or rng.random() < 0.5 else "") + d for i, d in enumerate(documents)
        )
        if rng.random() < 0.1:
            text = text.rstrip("\n")
        path = tmp_path / f"fuzz-{number}.yaml"
        path.write_text(text, encoding="utf-8")
        _assert_identical(*_both(path, monkeypatch), text)
        vouched += _vouched(path)
    # Enough of the trees take the fast path for the comparison to mean something.
    assert vouched == 116


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: 0042\n", {"id": "0042"}),  # boconf keeps the zeros; the native parser would not
        ("n: 1_000\n", {"n": "1_000"}),
        ("n: 0X1F\n", {"n": "0X1F"}),
        ("on: yes\n", {"on": "yes"}),
        ("1: a\n", {"1": "a"}),  # keys are field names: their text
        ("d: 2024-01-01\n", {"d": "2024-01-01"}),
        ("n: 0x1F\nf: 1e3\nb: true\nz: ~\n", {"n": 31, "f": 1000.0, "b": True, "z": None}),
    ],
)
def test_values_follow_boconfs_resolver(
    text: str, expected: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    fast, slow = _both(path, monkeypatch)
    assert _same(fast.documents[0].data, expected)
    assert _same(slow.documents[0].data, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\nb: *x\n", (2, 4, "BO005")),  # the native parser would expand the alias
        ("a: 1\nc: !!python/name:os.system\n", (2, 4, "BO006")),  # ... ignore the tag
        ("a: 1\nb: 2\na: 3\n", (3, 1, "BO004")),  # ... refuse the file without a position
    ],
)
def test_refusals_fall_back_to_libyaml(
    text: str, expected: tuple[int, int, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    assert native.load(text, LIMITS.max_depth) is None
    monkeypatch.setenv("BOCONF_NATIVE", "1")
    found = parse_file(str(path), "f.yaml", LIMITS).diagnostics
    assert [(d.line, d.column, d.code) for d in found] == [expected]


def test_boconf_works_without_the_wheel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("apiVersion: boconf/v1\nkind: Unit\nid: u\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "yaml_rs", None)  # `import yaml_rs` raises ImportError
    try:
        missing = importlib.reload(native)
        assert not missing.AVAILABLE
        assert not missing.enabled()
        parsed = parse_file(str(path), "f.yaml", LIMITS)
        assert [(d.line, d.column, d.data) for d in parsed.documents] == [
            (1, 1, {"apiVersion": "boconf/v1", "kind": "Unit", "id": "u"})
        ]
    finally:
        monkeypatch.undo()
        importlib.reload(native)
    assert native.AVAILABLE


@pytest.mark.skipif(
    os.environ.get("BOCONF_BENCH_TREE") is None,
    reason="slow: set BOCONF_BENCH_TREE to a make_org tree (make bench checks bench-out/)",
)
def test_identical_on_the_bench_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(Path(os.environ["BOCONF_BENCH_TREE"]).rglob("*.yaml"))
    assert len(files) > 1
    for path in files:
        _assert_identical(*_both(path, monkeypatch), str(path))
        assert _vouched(path), path


def test_the_quick_odd_node_scan_finds_what_the_pattern_finds() -> None:
    # native._odd_node looks for '!' and '&' first, then at the characters around them:
    # on random text of separators, whitespace of every kind and the two marks, it must
    # answer as the pattern it replaces does.
    generator = random.Random(3)
    alphabet = " \t\n\r\x0b\x0c[{,:!&a-_\u00a0\u2028\x85\x1c\u3000é"
    for _ in range(100_000):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 10)))
        assert native._odd_node(text) == (native._ODD_NODE.search(text) is not None), repr(text)


def test_the_quick_token_scan_finds_what_the_pattern_finds() -> None:
    # native._unsure_token looks for the rare character of each kind of unsure token and
    # behind it for a separator, and runs the whole pattern only on lines holding a '_': on
    # random text of digits, signs, number prefixes, underscores, marks, separators and line
    # breaks, it must answer as the pattern it replaces does.
    generator = random.Random(5)
    alphabet = "0123456789._-+eExXbBoO!&: \t\n\r[]{},abé\x85\u2028\u00a0\u3000\x1c"
    found = 0
    for _ in range(200_000):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 24)))
        expected = native._UNSURE_TOKEN.search(text) is not None
        found += expected
        assert native._unsure_token(text) == expected, repr(text)
    assert 10_000 < found < 190_000  # both answers were asked for, many times
    # A number with an underscore on a later line than another '_', and one whose digits
    # follow the line's last '_' but one.
    assert native._unsure_token("a_b: x\nc: 1_0\n")
    assert native._unsure_token("k: [x_y, 1_0_z]\n")
    assert not native._unsure_token("a_b: x\nc: d_1\n")


def test_the_plain_layout_scan_finds_the_document_starts_the_general_scan_finds() -> None:
    # native._plain_document_starts takes texts whose every marker is a bare '---' line with
    # a root right after it and answers None for anything else: on random lines of markers
    # (bare, commented, trailing spaces, glued to text), comments, blanks, indented and
    # refused roots, it must find what the general scan finds, or leave the text to it.
    generator = random.Random(11)
    vocabulary = [
        "---",
        "---",
        "--- # next",
        "---  ",
        "---x: 1",
        "----",
        "# a comment",
        "  # indented comment",
        "",
        "  ",
        "kind: Person",
        "id: a",
        "  nested: v",
        "- item",
        "&anchor a: 1",
        "[a, b]",
        "'quoted': 1",
        "? complex",
        "%YAML 1.2",
        " indented: root",
    ]
    plain = 0
    for _ in range(100_000):
        lines = [generator.choice(vocabulary) for _ in range(generator.randint(0, 12))]
        text = "\n".join(lines) + ("\n" if generator.random() < 0.8 else "")
        fast = native._plain_document_starts(text)
        if fast is not None:
            plain += 1
            assert fast == native._any_document_starts(text), repr(text)
    assert plain > 5_000  # the plain scan answered, often
    # A file as boconf writes it: a comment line, then documents after bare markers.
    text = "# schema\nkind: A\nid: a\n---\nkind: B\n  x: 1\n---\nkind: C\n"
    assert native._plain_document_starts(text) == [(2, 1), (5, 1), (8, 1)]


def test_only_comments_reads_lines_as_splitlines_breaks_them() -> None:
    # parse._only_comments reads up to the first line with content instead of splitting the
    # whole text: on random text of comments, blanks, content and every kind of line break
    # and whitespace, it must answer as the split does.
    from boconf.loading import parse

    generator = random.Random(13)
    pieces = ["#", "# c", "a", " ", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85"]
    pieces += ["\u2028", "\u2029", "\u00a0", "\u3000", "  # x", "k: v", ""]
    answers = set()
    for _ in range(100_000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 8)))
        expected = parse._only_comments_by_lines(text)
        answers.add(expected)
        assert parse._only_comments(text) == expected, repr(text)
    assert answers == {True, False}
