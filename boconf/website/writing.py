"""The site on disk: every file written atomically, only when it changed, and the files of
the previous build that are gone removed (never anything else)."""

from __future__ import annotations

from pathlib import Path

from boconf.output import OutputError, write_atomic

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
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: not a directory")
    manifest = out / MANIFEST
    stale: list[str] = []
    if manifest.is_file():
        try:
            previous = manifest.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            previous = []
        stale = sorted(set(previous) - set(files) - {""})
    listing = ("\n".join(sorted(files)) + "\n").encode("utf-8")
    written = 0
    for name, data in sorted({**files, MANIFEST: listing}.items()):
        target = out / name
        if not _unchanged(target, data):
            write_atomic(target, data)
            written += 1
    for name in stale:
        target = out / name
        # Only files this tool wrote, inside the output directory: a manifest is just text.
        if ".." in Path(name).parts or Path(name).is_absolute() or not target.is_file():
            continue
        try:
            target.unlink()
        except OSError as error:
            raise OutputError(f"{target}: cannot remove: {error.strerror}") from None
    return written
