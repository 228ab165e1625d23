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

from boconf.i18n import _, ngettext


@dataclass
class ImportSummary:
    source: str  # the file, as shown to the user
    kept_as: str  # "positions" or "units" (marked where it is chosen)
    read: int = 0
    kept: int = 0
    merged: int = 0
    skipped: int = 0
    left_out: int = 0
    guessed: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        """The summary as printed: the rows, then the guesses (largest first).

        The kinds of guess are English keys (marked with ``N_`` where they are counted),
        sorted as English and translated only here, so every language lists them in one order.
        """
        rows = ngettext(
            "read {n} row of {source} (kept {kept} as {kept_as}, merged {merged}, skipped "
            "{skipped}",
            "read {n} rows of {source} (kept {kept} as {kept_as}, merged {merged}, skipped "
            "{skipped}",
            self.read,
        ).format(
            n=self.read,
            source=self.source,
            kept=self.kept,
            kept_as=_(self.kept_as),
            merged=self.merged,
            skipped=self.skipped,
        )
        left_out = _(", left out {n} by --where)").format(n=self.left_out)
        rows += left_out if self.left_out else ")"
        guesses = {kind: count for kind, count in self.guessed.items() if count}
        total = sum(guesses.values())
        guessed = _("guessed {total}").format(total=total)
        if total:
            guessed += ": " + ", ".join(
                _("{count} {kind}").format(count=count, kind=_(kind))
                for kind, count in sorted(
                    self.guessed.items(), key=lambda item: (-item[1], item[0])
                )
            )
        return [rows, guessed]
