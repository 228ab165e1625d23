"""`boconf lsp`: the language server, on stdin and stdout."""

from __future__ import annotations

import click

from boconf.cli.help import HelpCommand
from boconf.i18n import N_


@click.command(
    cls=HelpCommand,
    help=N_("""Run the language server (stdio) for editors.

\b
Diagnostics as `boconf check` gives them, while you type and across files;
go to definition, find references, completion of ids and enum values,
hover, rename (as `boconf rename`) and quick fixes for "did you mean".
Any editor with a generic LSP client runs `boconf lsp`; see the README.
"""),
)
def lsp() -> None:
    from boconf.lsp.server import serve  # pygls is imported only when the server runs

    serve()
