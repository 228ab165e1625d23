"""`boconf init`: a new organisation repository that passes `boconf check` at once.

The files come from templates shipped as package data (``scaffold_templates/``): the tree
below it is the tree written, with ``.tmpl`` dropped from file names and a leading ``dot-``
turned into ``.`` (package data globs skip dotfiles, so ``.boconf.yaml`` is stored as
``dot-boconf.yaml.tmpl``). ``<<placeholder>>`` marks the values filled in from the options;
values that land in YAML are quoted as YAML 1.2 needs. The JSON Schemas are written from the
models, so the ``$schema`` modelines resolve offline and always match the installed boconf.

The plan is computed in memory first: nothing is written unless every file can be, and the
same options always give the same bytes.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from pydantic import TypeAdapter, ValidationError

from boconf import __version__
from boconf.i18n import _, ngettext
from boconf.interop.yaml_text import scalar
from boconf.model.types import CountryCode, CurrencyCode, Text
from boconf.output import OutputError, write_atomic
from boconf.schema import render as render_schema
from boconf.schema import schemas

TEMPLATES = "scaffold_templates"
TEMPLATE_SUFFIX = ".tmpl"
DOT_PREFIX = "dot-"
SCHEMA_DIR = "schemas"
_PLACEHOLDER = re.compile(r"<<([a-z_]+)>>")
# Letters that Unicode decomposition does not reduce to ASCII: 'Ørsted' -> 'orsted', not 'rsted'.
_TRANSLITERATE = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "TH",
        "ð": "d",
        "Ð": "D",
        "ı": "i",
    }
)


class ScaffoldError(Exception):
    """Options that cannot make a valid organisation, or a directory that cannot be used."""


class ExistingFilesError(ScaffoldError):
    """Files that exist already and would be overwritten (without ``force``)."""

    def __init__(self, existing: list[str]) -> None:
        super().__init__(
            ngettext(
                "{n} file(s) exist already: {files}",
                "{n} file(s) exist already: {files}",
                len(existing),
            ).format(n=len(existing), files=", ".join(existing))
        )
        self.existing = existing


# What `pip install` accepts besides a path: a URL (git+https://..., https://.../x.whl) or a
# requirement with an optional version (boconf, boconf==0.1.0, boconf[extra]>=0.1,<0.2).
_URL = re.compile(r"^(git\+)?[a-z][a-z0-9+.-]*://\S+$")
_REQUIREMENT = re.compile(
    r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:\[[A-Za-z0-9._,-]+\])?"
    r"(?:\s*(?:===|==|!=|~=|>=|<=|<|>)\s*[A-Za-z0-9.*+!_-]+"
    r"(?:\s*,\s*(?:===|==|!=|~=|>=|<=|<|>)\s*[A-Za-z0-9.*+!_-]+)*)?$"
)
INDEX_SPEC = "boconf"
_ARCHIVES = (".whl", ".tar.gz", ".zip")


@dataclass(frozen=True)
class ScaffoldOptions:
    name: str = "Example Organisation"
    currency: str = "EUR"
    country: str = "IT"
    city: str = "Milano"
    # Where the new repository's CI and admins install boconf from (a pip requirement, URL
    # or path); None: from where this boconf runs, see default_install_spec.
    install_from: str | None = None


def source_checkout() -> Path | None:
    """The checkout this boconf runs from (an editable install), else None."""
    root = Path(__file__).resolve().parent.parent.parent
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return None
    text = pyproject.read_text(encoding="utf-8", errors="replace")
    return root if re.search(r'^name\s*=\s*"boconf"\s*$', text, re.MULTILINE) else None


def default_install_spec() -> str:
    """Where to install boconf from when the user does not say: the checkout this boconf runs
    from, when it is one (the only place it is known to exist), else the package index."""
    checkout = source_checkout()
    return str(checkout) if checkout is not None else INDEX_SPEC


def install_spec(given: str | None) -> str:
    """The pip requirement the new repository installs boconf with; raises ScaffoldError for
    one pip could not read, or a path that does not exist (made absolute: the repository is
    elsewhere)."""
    spec = default_install_spec() if given is None else given.strip()
    if not spec or not spec.isprintable():
        raise ScaffoldError(
            _("{option} {value}: must be a single line of printable text").format(
                option="--install-from", value=repr(spec)
            )
        )
    if _URL.match(spec):
        return spec
    # As pip reads it: a name is a requirement even when a folder of that name is here; a
    # path says so (a separator, a leading dot or tilde, an archive's suffix).
    if "/" in spec or "\\" in spec or spec.startswith((".", "~")) or spec.endswith(_ARCHIVES):
        path = Path(spec).expanduser()
        if path.exists():
            return str(path.resolve())
    elif _REQUIREMENT.match(spec):
        return spec
    raise ScaffoldError(
        _(
            "--install-from {spec}: not an existing path, a URL or a requirement; give where "
            "you get boconf from, e.g. boconf==0.1.0, git+https://host/boconf.git or a wheel "
            "file"
        ).format(spec=repr(spec))
    )


def _install_note(spec: str, given: bool) -> str:
    if given:
        return "# boconf from where you get it (boconf init --install-from)."
    if spec == INDEX_SPEC:
        return (
            "# boconf from the package index: if yours does not have it, change this to where "
            "you get boconf from (a git URL, a wheel, a path)."
        )
    return (
        "# boconf from the checkout this repository was created with: CI cannot reach a path "
        "on your machine, so change it to a git URL or a package index that has boconf."
    )


def slug(text: str, fallback: str) -> str:
    """A boconf id from free text: ASCII letters and digits joined by '-'."""
    folded = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:64].rstrip("-")
    return cleaned or fallback


def _check(options: ScaffoldOptions) -> None:
    checks: list[tuple[str, TypeAdapter[str], str]] = [
        ("--name", TypeAdapter(Text), options.name),
        ("--city", TypeAdapter(Text), options.city),
        ("--currency", TypeAdapter(CurrencyCode), options.currency),
        ("--country", TypeAdapter(CountryCode), options.country),
    ]
    for option, adapter, value in checks:
        try:
            adapter.validate_python(value)
        except ValidationError as error:
            reason = error.errors()[0]["msg"].removeprefix("Value error, ")
            raise ScaffoldError(f"{option} {value!r}: {reason}") from None
        if not value.isprintable():
            raise ScaffoldError(
                _("{option} {value}: must be a single line of printable text").format(
                    option=option, value=repr(value)
                )
            )


def _values(options: ScaffoldOptions) -> dict[str, str]:
    city_id = slug(options.city, "main")
    spec = install_spec(options.install_from)
    pip_install = f"pip install {shlex.quote(spec)}"
    return {
        "install_note": _install_note(spec, options.install_from is not None),
        "pip_install": pip_install,
        "pip_install_yaml": scalar(pip_install),
        "install_note_md": _install_note(spec, options.install_from is not None)
        .removeprefix("# ")
        .replace("boconf init --install-from", "`boconf init --install-from`"),
        "org_id": slug(options.name, "organisation"),
        "org_name": scalar(options.name),
        "org_name_text": options.name,
        "currency": options.currency,
        "country": options.country,
        "city": scalar(options.city),
        "hq_id": f"{city_id}-hq",
        "hq_name": scalar(f"{options.city} headquarters"),
        "version": __version__,
    }


def _fill(template: str, values: dict[str, str], where: str) -> str:
    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:  # a typo in a shipped template: a bug, not a user error
            raise KeyError(f"{where}: unknown placeholder <<{key}>>")
        return values[key]

    return _PLACEHOLDER.sub(replace, template)


def _target(relative: PurePosixPath) -> str:
    parts = [
        "." + part.removeprefix(DOT_PREFIX) if part.startswith(DOT_PREFIX) else part
        for part in relative.parts
    ]
    parts[-1] = parts[-1].removesuffix(TEMPLATE_SUFFIX)
    return PurePosixPath(*parts).as_posix()


def _templates(folder: Traversable, prefix: PurePosixPath) -> list[tuple[PurePosixPath, str]]:
    found = []
    for entry in folder.iterdir():
        relative = prefix / entry.name
        if entry.is_dir():
            found.extend(_templates(entry, relative))
        elif entry.name.endswith(TEMPLATE_SUFFIX):
            found.append((relative, entry.read_text(encoding="utf-8")))
    return found


def plan_scaffold(options: ScaffoldOptions) -> dict[str, bytes]:
    """Every file of the new repository: relative POSIX path -> content, sorted by path."""
    _check(options)
    values = _values(options)
    planned = {
        _target(relative): _fill(text, values, relative.as_posix()).encode("utf-8")
        for relative, text in _templates(files(__package__).joinpath(TEMPLATES), PurePosixPath())
    }
    for name, schema in schemas().items():
        planned[f"{SCHEMA_DIR}/{name}"] = render_schema(schema).encode("utf-8")
    return dict(sorted(planned.items()))


def existing_files(directory: Path, planned: dict[str, bytes]) -> list[str]:
    """The planned files that are already there (anything at the path, even a directory)."""
    return [
        name for name in planned if (directory / name).exists() or (directory / name).is_symlink()
    ]


def write_scaffold(directory: Path, options: ScaffoldOptions, force: bool = False) -> list[str]:
    """Write the new repository into ``directory``; the relative paths written, sorted.

    Raises :class:`ExistingFilesError` (writing nothing) when a file exists and ``force`` is
    off, :class:`ScaffoldError` for bad options or a directory that cannot be written.
    """
    planned = plan_scaffold(options)
    if directory.exists() and not directory.is_dir():
        raise ScaffoldError(
            _("{directory}: exists and is not a directory").format(directory=directory)
        )
    existing = existing_files(directory, planned)
    if existing and not force:
        raise ExistingFilesError(existing)
    for name in existing:
        if (directory / name).is_dir() and not (directory / name).is_symlink():
            raise ScaffoldError(
                _("{path}: is a directory; move it away first").format(path=directory / name)
            )

    for name, content in planned.items():
        try:
            write_atomic(directory / name, content)
        except OutputError as error:
            raise ScaffoldError(str(error)) from None
    return list(planned)


def other_yaml_files(directory: Path, written: Iterable[str]) -> list[str]:
    """YAML files under ``org/`` that init did not write: `boconf check` reads them too."""
    org = directory / "org"
    if not org.is_dir():
        return []
    ours = set(written)
    return sorted(
        path.relative_to(directory).as_posix()
        for path in org.rglob("*")
        if path.suffix in (".yaml", ".yml")
        and path.is_file()
        and path.relative_to(directory).as_posix() not in ours
    )
