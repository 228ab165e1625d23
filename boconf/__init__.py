"""boconf: an organisation's back office as code: validate, lint, chart and diff it.

The public API: load and validate an organisation tree.

    >>> from pathlib import Path
    >>> from boconf import load_organisation
    >>> result = load_organisation(Path("org"))
    >>> result.ok, len(result.diagnostics)

The names below are imported on first use: a command that needs no model (``--help``, the
importers, ``init``) does not pay for building the pydantic models at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from boconf._lazy import lazy_attributes
from boconf._version import __version__

if TYPE_CHECKING:
    from boconf.diagnostics import Diagnostic, Severity
    from boconf.load import LoadResult, load_organisation
    from boconf.loading.limits import Limits
    from boconf.model.tree import OrgTree

_LAZY = {
    "Diagnostic": "boconf.diagnostics",
    "Severity": "boconf.diagnostics",
    "Limits": "boconf.loading.limits",
    "OrgTree": "boconf.model.tree",
    "LoadResult": "boconf.load",
    "load_organisation": "boconf.load",
}


__getattr__ = lazy_attributes(__name__, _LAZY)


__all__ = [
    "Diagnostic",
    "Limits",
    "LoadResult",
    "OrgTree",
    "Severity",
    "__version__",
    "load_organisation",
]
