"""The protocol side of ``boconf lsp``: pygls over stdio, answering from an OrgWorkspace.

Diagnostics are published for every file of the tree on each open, change and save, so that
fixing a target in one file clears the dangling reference shown in another.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from boconf import __version__, i18n
from boconf.diagnostics import Diagnostic, Severity
from boconf.editing.rename import EditError, InvalidTreeError
from boconf.formats.report import hint_line
from boconf.i18n import _
from boconf.lsp.workspace import OrgWorkspace, describe

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_DID_YOU_MEAN = re.compile(r"did you mean '([^']+)'\?")
ROOT_MARKERS = (".boconf.yaml", "organisation.yaml")


class BoconfServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("boconf", __version__)
        self.org: OrgWorkspace | None = None
        self.published: set[str] = set()
        self.last_check_ms = 0.0

    def organisation(self, path: Path) -> OrgWorkspace | None:
        """The tree ``path`` belongs to: the nearest folder upward with a settings file or an
        organisation.yaml, within the workspace (else the workspace folder itself)."""
        if self.org is not None and self.org.contains(path):
            return self.org
        top = Path(self.workspace.root_path or path.parent).resolve()
        root = top
        for folder in path.resolve().parents:
            if any((folder / marker).is_file() for marker in ROOT_MARKERS):
                root = folder
                break
            if folder == top:
                break
        if self.org is not None:
            self.org.close()
        self.org = OrgWorkspace(root)
        return self.org

    def publish(self, org: OrgWorkspace) -> None:
        started = time.perf_counter()
        found = org.diagnostics()
        self.last_check_ms = (time.perf_counter() - started) * 1000
        uris: set[str] = set()
        for path, diagnostics in found.items():
            uri = from_fs_path(str(path)) or str(path)
            uris.add(uri)
            text = org.text(path).splitlines()
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri, [_lsp_diagnostic(d, text) for d in diagnostics])
            )
        for uri in self.published - uris:  # fixed since the last run: clear them
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))
        self.published = uris


def _range(line: int, column: int, width: int) -> types.Range:
    return types.Range(types.Position(line, column), types.Position(line, column + width))


def _lsp_diagnostic(diagnostic: Diagnostic, lines: list[str]) -> types.Diagnostic:
    line, column = diagnostic.line - 1, diagnostic.column - 1
    text = lines[line] if 0 <= line < len(lines) else ""
    if diagnostic.target.id and text[column:].lstrip("'\"").startswith(diagnostic.target.id):
        width = len(diagnostic.target.id) + (1 if text[column : column + 1] in "'\"" else 0)
    else:
        word = re.match(r"[^\s:,\]\}]*", text[column:])
        width = max(1, len(word.group(0)) if word else 1)
    data: dict[str, Any] | None = None
    match = _did_you_mean().search(diagnostic.hint) or _DID_YOU_MEAN.search(diagnostic.hint)
    if match is not None:
        data = {"replacement": match.group(1)}
    message = diagnostic.message + ("\n" + hint_line(diagnostic.hint) if diagnostic.hint else "")
    return types.Diagnostic(
        range=_range(line, column, width),
        message=message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        source="boconf",
        data=data,
    )


def _did_you_mean() -> re.Pattern[str]:
    """The hints' "did you mean 'x'?" as the active language says it (the same message as the
    validator's, so that the catalogs keep the two alike): the quick fix reads x from it."""
    before, _match, after = _("did you mean '{match}'?").partition("{match}")
    return re.compile(re.escape(before) + "([^']+)" + re.escape(after))


def client_language(
    options: object, locale: str | None, environ: Mapping[str, str] = os.environ
) -> str:
    """The language the server speaks: ``initializationOptions.lang``, else the client's
    ``locale`` (``it-IT``), else LC_ALL / LC_MESSAGES / LANG, else English. A language boconf
    does not speak is passed over, as an unknown locale is."""
    asked = options.get("lang") if isinstance(options, dict) else None
    if isinstance(asked, str) and asked.lower() in i18n.LANGUAGES:
        return asked.lower()
    spoken = (locale or "").replace("-", "_").split("_", 1)[0].lower()
    if spoken in i18n.LANGUAGES:
        return spoken
    return i18n.language_from_environment(environ) or i18n.DEFAULT_LANGUAGE


server = BoconfServer()


@server.feature(types.INITIALIZE)
def initialize(ls: BoconfServer, params: types.InitializeParams) -> None:
    # One client per server process: its language is the process's from now on.
    i18n.activate(client_language(params.initialization_options, params.locale))


def _path(uri: str) -> Path:
    return Path(to_fs_path(uri) or uri)


def _sync(ls: BoconfServer, uri: str) -> None:
    path = _path(uri)
    org = ls.organisation(path)
    if org is None or not org.contains(path):
        return
    org.set_text(path, ls.workspace.get_text_document(uri).source)
    ls.publish(org)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: BoconfServer, params: types.DidOpenTextDocumentParams) -> None:
    _sync(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: BoconfServer, params: types.DidChangeTextDocumentParams) -> None:
    _sync(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: BoconfServer, params: types.DidSaveTextDocumentParams) -> None:
    _sync(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: BoconfServer, params: types.DidCloseTextDocumentParams) -> None:
    path = _path(params.text_document.uri)
    if ls.org is not None and ls.org.contains(path):
        ls.org.forget(path)
        ls.publish(ls.org)


def _place_at(ls: BoconfServer, uri: str, position: types.Position) -> Any:
    path = _path(uri)
    org = ls.organisation(path)
    if org is None:
        return None, None
    return org, org.at(path, position.line, position.character)


def _location(place: Any) -> types.Location:
    return types.Location(
        from_fs_path(str(place.path)) or str(place.path),
        _range(place.line, place.column, place.width),
    )


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: BoconfServer, params: types.DefinitionParams) -> list[types.Location] | None:
    org, place = _place_at(ls, params.text_document.uri, params.position)
    if place is None:
        return None
    return [_location(found) for found in org.definitions(place.kind, place.id)]


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: BoconfServer, params: types.ReferenceParams) -> list[types.Location] | None:
    org, place = _place_at(ls, params.text_document.uri, params.position)
    if place is None:
        return None
    found = org.references(place.kind, place.id)
    if not params.context.include_declaration:
        found = [p for p in found if p.role != "definition"]
    return [_location(p) for p in found]


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", ":", "-"])
)
def completion(ls: BoconfServer, params: types.CompletionParams) -> types.CompletionList:
    path = _path(params.text_document.uri)
    org = ls.organisation(path)
    items = []
    if org is not None:
        for label, detail in org.completions(path, params.position.line, params.position.character):
            items.append(
                types.CompletionItem(label, detail=detail, kind=types.CompletionItemKind.Value)
            )
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: BoconfServer, params: types.HoverParams) -> types.Hover | None:
    org, place = _place_at(ls, params.text_document.uri, params.position)
    if place is None or org.tree is None:
        return None
    text = describe(org.tree, place.kind, place.id)
    if text is None:
        return None
    return types.Hover(
        types.MarkupContent(types.MarkupKind.Markdown, text),
        _range(place.line, place.column, place.width),
    )


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: BoconfServer, params: types.PrepareRenameParams) -> types.Range | None:
    _org, place = _place_at(ls, params.text_document.uri, params.position)
    if place is None:
        return None
    return _range(place.line, place.column, place.width)


@server.feature(types.TEXT_DOCUMENT_RENAME)
def rename(ls: BoconfServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    org, place = _place_at(ls, params.text_document.uri, params.position)
    if place is None:
        return None
    try:
        changes = org.rename(place.kind, place.id, params.new_name)
    except (EditError, InvalidTreeError) as error:
        raise ValueError(str(error)) from None  # pygls answers with an error response
    edits: dict[str, list[types.TextEdit]] = {}
    for change in changes.changes:
        lines = change.before.splitlines()
        whole = types.Range(types.Position(0, 0), types.Position(len(lines) + 1, 0))
        uri = from_fs_path(str(change.path)) or str(change.path)
        edits[uri] = [types.TextEdit(whole, change.after)]
    return types.WorkspaceEdit(changes=edits)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_action(ls: BoconfServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    actions = []
    for diagnostic in params.context.diagnostics:
        data = diagnostic.data
        if diagnostic.source != "boconf" or not isinstance(data, dict):
            continue
        replacement = data.get("replacement")
        if not isinstance(replacement, str):
            continue
        edit = types.TextEdit(diagnostic.range, replacement)
        actions.append(
            types.CodeAction(
                _("Change to '{replacement}'").format(replacement=replacement),
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=True,
                edit=types.WorkspaceEdit(changes={params.text_document.uri: [edit]}),
            )
        )
    return actions


@server.feature(types.SHUTDOWN)
def shutdown(ls: BoconfServer, params: None) -> None:
    if ls.org is not None:
        ls.org.close()


def serve() -> None:
    server.start_io()
