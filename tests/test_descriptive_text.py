"""Descriptive text is only shown, never decides a finding: the promise the result cache keeps
a stored result on (:mod:`boconf.linting.descriptive_text`).

Each organisation is checked with every rule on; then every descriptive value (a title, a
name, a description, an e-mail, a grade: ``DESCRIPTIVE``) that no message or hint quotes is
rewritten to other text of the same length (so no position moves), and the check must report
exactly the same, byte for byte. The organisations: the example, every rule's case files,
and generated trees. A rule that read a title to decide something, or quoted one in another
form, fails here.
"""

from __future__ import annotations

import random
import string
import sys
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pytest
import yaml

from boconf.linting.descriptive_text import DESCRIPTIVE, NESTED, quoted, replaced_text
from boconf.linting.engine import lint
from boconf.linting.settings import resolve
from boconf.load import load_organisation
from boconf.loading.parse import Document, ParsedFile
from boconf.model.settings import Settings
from boconf.rules.registry import RULES

from .conftest import MINIMAL_ORG, REPO, write_tree
from .rules.casefile import DEFAULT_DATE, case_files, load_cases

sys.path.insert(0, str(REPO / "benchmarks"))
import make_org


def _everything(root: Path, case: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """Every diagnostic of loading and of every rule (suppressed ones too), in full."""
    loaded = load_organisation(root)
    said = [astuple(d) for d in loaded.diagnostics]
    if not loaded.ok:
        return said
    options = (case or {}).get("options") or {}
    code = (case or {}).get("rule")
    settings = resolve(
        Settings(
            rules={code: options} if code else {},
            reference_date=(case or {}).get("reference_date", DEFAULT_DATE),
        ),
        None,
        lambda at, want="value": (1, 1),
        None,
    )
    settings.enabled = list(RULES)  # every rule, also those off by default
    result = lint(loaded, settings)
    said += [astuple(d) for d in result.diagnostics]
    said += [(*astuple(d), why) for d, why in result.suppressed_findings]
    return said


def _texts(said: list[tuple[Any, ...]]) -> list[str]:
    return [part for record in said for part in record if isinstance(part, str)]


def _descriptive_scalars(text: str) -> list[tuple[yaml.ScalarNode, yaml.ScalarNode]]:
    """(key, value) of the one-line scalars of ``text`` that hold descriptive values."""
    found: list[tuple[yaml.ScalarNode, yaml.ScalarNode]] = []

    def walk(model: str, node: yaml.Node) -> None:
        if not isinstance(node, yaml.MappingNode):
            return
        for key, value in node.value:
            name = key.value
            if (
                name in DESCRIPTIVE.get(model, ())
                and isinstance(value, yaml.ScalarNode)
                and value.start_mark.line == value.end_mark.line
                and value.tag.endswith(":str")
            ):
                found.append((key, value))
            nested = NESTED.get((model, name))
            if nested and isinstance(value, yaml.SequenceNode):
                for item in value.value:
                    walk(nested, item)

    for document in yaml.compose_all(text, Loader=yaml.SafeLoader):
        if isinstance(document, yaml.MappingNode):
            kinds = [v.value for k, v in document.value if k.value == "kind"]
            if kinds and kinds[0] in DESCRIPTIVE:
                walk(kinds[0], document)
    return found


def _rewrite(root: Path, keep: list[str], rng: random.Random) -> int:
    """Every unquoted descriptive value under ``root`` rewritten to new text of its length;
    how many were rewritten."""
    rewritten = 0
    for path in sorted(root.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        spans = [
            (value.start_mark.index, value.end_mark.index)
            for _, value in _descriptive_scalars(text)
            if not quoted([value.value], keep)
        ]
        for start, end in sorted(spans, reverse=True):
            old = text[start:end]
            new = old
            while new == old:  # plain letters: a string to every YAML reader, never a key
                new = "Q" + "".join(rng.choices(string.ascii_lowercase, k=end - start - 1))
            text = text[:start] + new + text[end:]
        path.write_text(text, encoding="utf-8")
        rewritten += len(spans)
    return rewritten


# The descriptive fields an entity may leave out.
OPTIONAL = frozenset({"description", "grade", "email"})


def _drop(root: Path, keep: list[str]) -> int:
    """Every unquoted optional descriptive field on a line of its own turned into a comment
    (``#escription: ...``: the same lines and columns); how many were dropped."""
    dropped = 0
    for path in sorted(root.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        starts = [
            key.start_mark.index
            for key, value in _descriptive_scalars(text)
            if key.value in OPTIONAL
            and not quoted([value.value], keep)
            and not text[
                text.rfind("\n", 0, key.start_mark.index) + 1 : key.start_mark.index
            ].strip()
        ]
        for start in sorted(starts, reverse=True):
            text = text[:start] + "#" + text[start + 1 :]
        path.write_text(text, encoding="utf-8")
        dropped += len(starts)
    return dropped


def _holds(root: Path, case: dict[str, Any] | None = None) -> tuple[int, int]:
    """Rewrite, then drop, the unquoted descriptive text: the check reports the same after
    each; how many values were rewritten, and how many dropped."""
    before = _everything(root, case)
    rewritten = _rewrite(root, _texts(before), random.Random(7))
    assert _everything(root, case) == before
    dropped = _drop(root, _texts(before))
    assert _everything(root, case) == before
    return rewritten, dropped


def _example(root: Path) -> None:
    example = REPO / "org"
    write_tree(
        root, {p.relative_to(example).as_posix(): p.read_text() for p in example.rglob("*.yaml")}
    )


def test_the_example_reports_the_same_with_every_description_rewritten(tmp_path: Path) -> None:
    _example(tmp_path)
    # At least the 93 posts' titles, the 82 people's names and the 26 units' names: the clean
    # example quotes none of them (descriptions, e-mails and the rest come on top).
    rewritten, dropped = _holds(tmp_path)
    assert rewritten >= 93 + 82 + 26
    assert dropped >= 24  # at least the 24 people's e-mails


def _cases() -> list[Any]:
    params = []
    for path in case_files():
        code, cases = load_cases(path)
        for number, case in enumerate(cases):
            params.append(pytest.param(code, case, id=f"{code}-{number}"))
    return params


@pytest.mark.parametrize(("code", "case"), _cases())
def test_every_rule_case_reports_the_same_with_unquoted_text_rewritten(
    tmp_path: Path, code: str, case: dict[str, Any]
) -> None:
    files: dict[str, str | bytes] = dict(MINIMAL_ORG)
    for name in case.get("remove", []):
        files.pop(name)
    files.update(case.get("files") or {})
    write_tree(tmp_path, files)
    assert _holds(tmp_path, {**case, "rule": code})[0] > 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_trees_report_the_same_with_unquoted_text_rewritten(
    tmp_path: Path, seed: int
) -> None:
    make_org.generate(400, tmp_path, seed=seed)
    rewritten, dropped = _holds(tmp_path)
    assert rewritten > 400
    assert dropped > 0  # the units' one-line descriptions


def test_the_test_catches_a_rule_that_reads_a_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule deciding by a title (here: titles that start with 'A' are reported, without
    quoting them) makes the rewritten organisation report otherwise."""
    from boconf.rules.base import Finding

    rule = RULES[0]
    real = rule.check

    def reads_titles(self: Any, context: Any, options: Any) -> Any:
        yield from real(self, context, options)
        for position_id, position in sorted(context.tree.positions.items()):
            if position.title.startswith("A"):
                yield Finding("position", position_id, "starts with an A", "", ("id",))

    monkeypatch.setattr(rule, "check", reads_titles)
    _example(tmp_path)
    before = _everything(tmp_path)
    _rewrite(tmp_path, _texts(before), random.Random(7))
    assert _everything(tmp_path) != before


# -- the comparison itself ------------------------------------------------------------------


def _parsed(*documents: dict[str, Any]) -> ParsedFile:
    return ParsedFile(
        "u.yaml",
        "u.yaml",
        [Document(i, 1, 1, d) for i, d in enumerate(documents)],
        [],
        [],
        False,
        [],
    )


UNIT = {
    "apiVersion": "boconf/v1",
    "kind": "Unit",
    "id": "credit",
    "name": "Credit",
    "office": "back",
    "function": "credit",
    "positions": [{"id": "credit-manager", "title": "Credit manager", "headcount": 1}],
}


def _with(**changes: Any) -> dict[str, Any]:
    return {**UNIT, **changes}


def _post(**changes: Any) -> dict[str, Any]:
    return _with(positions=[{**UNIT["positions"][0], **changes}])


@pytest.mark.parametrize(
    ("after", "replaced"),
    [
        (_with(), []),
        (_with(name="Crediti"), ["Credit"]),
        (_with(description="New"), []),
        (_post(title="Head of credit"), ["Credit manager"]),
        (_post(grade="G7"), []),
        (_post(grade=7), None),  # added (nothing replaced), and not text
        (_with(description=42), None),
        (_with(name=""), None),  # no longer validates
        (_with(name=7), None),
        (_with(function="finance"), None),  # a value that rules read
        (_post(headcount=True), None),  # equal in Python, not in YAML's types
        (_post(headcount=1.0), None),
        (_with(positions=[]), None),  # a post dropped
        (_with(tags=["x"]), None),  # a key added outside the descriptive ones
    ],
)
def test_replaced_text(after: dict[str, Any], replaced: list[str] | None) -> None:
    assert replaced_text(_parsed(UNIT), _parsed(after)) == replaced


def test_replaced_text_needs_the_same_documents_and_no_parse_diagnostics() -> None:
    assert replaced_text(_parsed(UNIT), _parsed(UNIT, UNIT)) is None
    assert (
        replaced_text(_parsed({"kind": "Nope", "a": 1}), _parsed({"kind": "Nope", "a": 2})) is None
    )
