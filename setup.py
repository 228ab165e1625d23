"""Compiles the gettext catalogs while the package is built (everything else is pyproject.toml).

The .po sources are what the repository keeps; a wheel or sdist install gets the compiled
boconf.mo beside them, built here from catalogs.py (loaded by path: the package itself, with
its dependencies, need not be importable while it is being built).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _catalogs_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "_boconf_catalogs", HERE / "boconf/i18n/catalogs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        catalogs = _catalogs_module()
        built = Path(self.build_lib) / "boconf" / "locale"
        for language_dir in sorted((HERE / "boconf" / "locale").iterdir()):
            if language_dir.is_dir() and (built / language_dir.name).is_dir():
                catalogs.write_compiled(language_dir.name, built)


setup(cmdclass={"build_py": BuildWithCatalogs})
