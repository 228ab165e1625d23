"""The site on disk: every file written atomically, only when it changed, and the files of
the previous build that are gone removed (never anything else).

Either all at once from memory (:func:`write_site`), or staged (:class:`StagedSite`): the
workers that make the files write each to a temporary beside its place, and the build moves
them all into place once every file is made, or removes them all if one could not be.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from boconf.output import OutputError, cannot_write, write_atomic, write_temporary

# Lists the files of the last build, so that the next one removes pages of units that are gone
# (and never anything else in the directory).
MANIFEST = ".boconf-docs"


def _unchanged(target: Path, data: bytes) -> bool:
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def write_site(files: dict[str, bytes], out: Path) -> int:
    """Write every file atomically; remove the files of the previous build that are gone.

    A file whose bytes are already there is left alone: builds are byte-identical, so a
    rebuild rewrites only what changed (and keeps the others' times for rsync and caches).
    Returns how many files were written. Raises OutputError when the directory cannot be
    written.
    """
    return StagedSite(out).commit(files)


Staged = tuple[str, str]  # (the temporary file, the file it becomes)


@dataclass
class StagedSite:
    """A site written in two steps: :meth:`stage` (in any process) writes a file's bytes to a
    temporary beside it unless they are already there; :meth:`commit` (in the build's) moves
    the staged files into place, writes the rest and removes the previous build's files that
    are gone; :meth:`discard` removes what was staged when the build failed."""

    out: Path
    previous: list[str] = field(default_factory=list)  # the last build's files

    def __post_init__(self) -> None:
        if self.out.exists() and not self.out.is_dir():
            raise OutputError(f"{self.out}: not a directory")
        manifest = self.out / MANIFEST
        if manifest.is_file():
            try:
                self.previous = manifest.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self.previous = []

    def stage(self, name: str, data: bytes) -> Staged | None:
        """``data`` in a temporary beside ``name``'s place; None when it is already there."""
        target = self.out / name
        if _unchanged(target, data):
            return None
        return str(write_temporary(target, data)), str(target)

    def discard(self, staged: Iterable[Staged]) -> None:
        for temporary, _target in staged:
            Path(temporary).unlink(missing_ok=True)

    def commit(
        self, files: dict[str, bytes], staged: Sequence[Staged] = (), elsewhere: Iterable[str] = ()
    ) -> int:
        """Move ``staged`` into place and write ``files`` (by name) where they differ; list
        them all, with ``elsewhere`` (the names of the files other processes staged or found
        already there) in the manifest; remove the previous build's files that are gone.
        Returns how many files were written."""
        names = {*files, *elsewhere}
        stale = sorted(set(self.previous) - names - {MANIFEST, ""})
        listing = ("\n".join(sorted(names)) + "\n").encode("utf-8")
        written = 0
        for number, (temporary, destination) in enumerate(staged):
            try:
                Path(temporary).replace(destination)
            except OSError as error:
                self.discard(staged[number:])
                raise OutputError(cannot_write(Path(destination), error)) from None
            written += 1
        for name, data in sorted({**files, MANIFEST: listing}.items()):
            target = self.out / name
            if not _unchanged(target, data):
                write_atomic(target, data)
                written += 1
        for name in stale:
            target = self.out / name
            # Only files this tool wrote, inside the output directory: a manifest is just text.
            if ".." in Path(name).parts or Path(name).is_absolute() or not target.is_file():
                continue
            try:
                target.unlink()
            except OSError as error:
                raise OutputError(f"{target}: cannot remove: {error.strerror}") from None
        return written
