"""boconf: an organisation's back office as code: validate, lint, chart and diff it.

The public API: load and validate an organisation tree.

    >>> from pathlib import Path
    >>> from boconf import load_organisation
    >>> result = load_organisation(Path("org"))
    >>> result.ok, len(result.diagnostics)
"""

from importlib.metadata import PackageNotFoundError, version

from boconf.diagnostics import Diagnostic, Severity
from boconf.loading.limits import Limits
from boconf.model.tree import OrgTree
from boconf.validation.run import LoadResult, load_organisation

try:
    __version__ = version("boconf")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "Diagnostic",
    "Limits",
    "LoadResult",
    "OrgTree",
    "Severity",
    "__version__",
    "load_organisation",
]
