"""Which files make up a tree, in which order."""

from __future__ import annotations

from pathlib import Path

from boconf.loading.discovery import discover

from .conftest import write_tree


def test_discovery_rule(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "b.yaml": "",
            "a.yml": "",
            "units/z.yaml": "",
            "units/a.yaml": "",
            "README.md": "",
            "data.json": "",
            ".boconf.yaml": "",
            ".github/workflows/ci.yaml": "",
            "units/.draft.yaml": "",
            "scenarios/outsource.yaml": "",
            "units/scenarios/kept.yaml": "",  # only the top-level scenarios/ is reserved
        },
    )
    found = [path.relative_to(root).as_posix() for path in discover(root)]
    assert found == ["a.yml", "b.yaml", "units/a.yaml", "units/scenarios/kept.yaml", "units/z.yaml"]


def test_a_single_file_is_its_own_tree(tmp_path: Path) -> None:
    file = write_tree(tmp_path, {"org.yaml": ""}) / "org.yaml"
    assert discover(file) == [file]


def test_directory_symlinks_are_not_followed(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "org", {"a.yaml": ""})
    (root / "loop").symlink_to(root, target_is_directory=True)
    assert [path.name for path in discover(root)] == ["a.yaml"]
