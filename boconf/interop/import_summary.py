"""What an import did with its rows, in counts: read, kept, merged, skipped, left out, guessed.

Every row read is accounted for: kept (it became a position, or a unit in ``--units``
mode), merged (it repeats a row already read: an exact duplicate, or a unit already
named), skipped (it could not be used: a problem says why), or left out (``--where`` did
not select it), so ``read == kept + merged + skipped + left_out``. ``guessed`` counts the
values the import filled in that the data does not say, by kind.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class ImportSummary:
    source: str  # the file, as shown to the user
    kept_as: str  # "positions" or "units"
    read: int = 0
    kept: int = 0
    merged: int = 0
    skipped: int = 0
    left_out: int = 0
    guessed: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        """The summary as printed: the rows, then the guesses (largest first)."""
        rows = (
            f"read {self.read} {_rows(self.read)} of {self.source} (kept {self.kept} "
            f"as {self.kept_as}, merged {self.merged}, skipped {self.skipped}"
        )
        rows += f", left out {self.left_out} by --where)" if self.left_out else ")"
        guesses = {kind: count for kind, count in self.guessed.items() if count}
        total = sum(guesses.values())
        guessed = f"guessed {total}" + (
            ": "
            + ", ".join(
                f"{count} {kind}"
                for kind, count in sorted(
                    self.guessed.items(), key=lambda item: (-item[1], item[0])
                )
            )
            if total
            else ""
        )
        return [rows, guessed]


def _rows(count: int) -> str:
    return "row" if count == 1 else "rows"
