"""The language server, driven over stdio by a real LSP client (pytest-lsp)."""

from __future__ import annotations

import asyncio
import shutil
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.conftest import REPO

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "boconf", "lsp"])


async def _only_action(
    client: LanguageClient, uri: str, diagnostic: types.Diagnostic
) -> types.CodeAction:
    """The one code action the server offers for ``diagnostic`` (a quick fix with an edit)."""
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            diagnostic.range,
            types.CodeActionContext([diagnostic]),
        )
    )
    assert actions is not None
    (action,) = actions
    assert isinstance(action, types.CodeAction) and action.edit is not None
    return action


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "org", tmp_path / "org")
    return tmp_path


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, workspace: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=workspace.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


async def _until(check: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("the server did not publish the expected diagnostics")
        await asyncio.sleep(0.01)


def _open(client: LanguageClient, path: Path, text: str) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, text))
    )
    return uri


def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version, uri),
            [types.TextDocumentContentChangeWholeDocument(text)],
        )
    )


def _codes(client: LanguageClient, uri: str) -> list[tuple[str, int, int, int]]:
    return [
        (str(d.code), d.range.start.line, d.range.start.character, d.range.end.character)
        for d in client.diagnostics.get(uri, [])
    ]


@pytest.mark.asyncio
async def test_dangling_reference_while_typing_and_its_quick_fix(
    client: LanguageClient, workspace: Path
) -> None:
    cluj = workspace / "org" / "units" / "collections-cluj.yaml"
    text = cluj.read_text(encoding="utf-8")
    uri = _open(client, cluj, text)
    await asyncio.sleep(0.5)
    assert _codes(client, uri) == []
    started = time.perf_counter()
    _change(client, uri, 2, text.replace("reports_to: credit-manager", "reports_to: credit-manger"))
    await _until(lambda: bool(client.diagnostics.get(uri)))
    elapsed = (time.perf_counter() - started) * 1000
    print(f"diagnostics {elapsed:.0f} ms after the change (client round trip)")
    assert elapsed < 3000  # generous: the server's own check takes ~50 ms here
    (diagnostic,) = client.diagnostics[uri]
    assert _codes(client, uri) == [("BO031", 21, 16, 29)]
    assert diagnostic.message == (
        "position 'collections-team-lead' -> reports_to: no position 'credit-manger'\n"
        "hint: did you mean 'credit-manager'?"
    )
    action = await _only_action(client, uri, diagnostic)
    assert action.title == "Change to 'credit-manager'"
    assert dict(action.edit.changes) == {uri: (types.TextEdit(diagnostic.range, "credit-manager"),)}


@pytest.mark.asyncio
async def test_fixing_the_target_in_another_file_clears_the_diagnostic(
    client: LanguageClient, workspace: Path
) -> None:
    cluj = workspace / "org" / "units" / "collections-cluj.yaml"
    credit = workspace / "org" / "units" / "credit.yaml"
    cluj_uri = _open(client, cluj, cluj.read_text(encoding="utf-8"))
    credit_text = credit.read_text(encoding="utf-8")
    credit_uri = _open(client, credit, credit_text)
    # Renaming the post by hand in credit.yaml leaves collections-cluj.yaml's line dangling.
    _change(client, credit_uri, 2, credit_text.replace("credit-manager", "credit-boss"))
    await _until(lambda: bool(client.diagnostics.get(cluj_uri)))
    assert _codes(client, cluj_uri) == [("BO031", 21, 16, 30)]
    _change(client, credit_uri, 3, credit_text)
    await _until(lambda: len(client.diagnostics[cluj_uri]) == 0)


@pytest.mark.asyncio
async def test_definition_references_completion_hover(
    client: LanguageClient, workspace: Path
) -> None:
    cluj = workspace / "org" / "units" / "collections-cluj.yaml"
    credit = workspace / "org" / "units" / "credit.yaml"
    uri = _open(client, cluj, cluj.read_text(encoding="utf-8"))
    at = types.Position(21, 20)  # inside 'credit-manager' of reports_to
    found = await client.text_document_definition_async(
        types.DefinitionParams(types.TextDocumentIdentifier(uri), at)
    )
    assert found == [
        types.Location(credit.as_uri(), types.Range(types.Position(18, 8), types.Position(18, 22)))
    ]
    references = await client.text_document_references_async(
        types.ReferenceParams(
            context=types.ReferenceContext(include_declaration=False),
            text_document=types.TextDocumentIdentifier(uri),
            position=at,
        )
    )
    assert references is not None
    assert sorted((Path(r.uri).name, r.range.start.line) for r in references) == [
        ("collections-cluj.yaml", 21),
        ("credit-to-cluj.yaml", 24),
        ("credit.yaml", 8),
        ("credit.yaml", 24),
        ("credit.yaml", 28),
        ("credit.yaml", 32),
    ]
    completion = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(uri), types.Position(21, 16))
    )
    assert isinstance(completion, types.CompletionList)
    labels = [item.label for item in completion.items]
    assert "credit-manager" in labels and "coo" in labels
    assert "credit" not in labels  # a unit, not a position
    assert len(labels) == 93  # every position of the example
    office = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(uri), types.Position(5, 8))
    )
    assert isinstance(office, types.CompletionList)
    assert [item.label for item in office.items] == ["front", "back"]
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), at)
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value == (
        "**Credit manager** (position `credit-manager`)\n"
        "- holder: Roberto Marino\n"
        "- unit: Gestione crediti (credit)\n"
        "- chain of command: coo → ceo"
    )


@pytest.mark.asyncio
async def test_rename_uses_the_rename_engine(client: LanguageClient, workspace: Path) -> None:
    cluj = workspace / "org" / "units" / "collections-cluj.yaml"
    uri = _open(client, cluj, cluj.read_text(encoding="utf-8"))
    edit = await client.text_document_rename_async(
        types.RenameParams(
            types.TextDocumentIdentifier(uri), types.Position(21, 20), "head-of-credit"
        )
    )
    assert edit is not None and edit.changes is not None
    assert sorted(Path(u).name for u in edit.changes) == [
        "collections-cluj.yaml",
        "credit-to-cluj.yaml",
        "credit.yaml",
    ]
    (credit_edit,) = edit.changes[(workspace / "org" / "units" / "credit.yaml").as_uri()]
    assert "  - id: head-of-credit\n" in credit_edit.new_text
    assert "    previously: credit-manager\n" in credit_edit.new_text


@pytest_lsp.fixture(config=SERVER)
async def italian_client(lsp_client: LanguageClient, workspace: Path) -> AsyncIterator[None]:
    # The editor's locale says English; the client's initializationOptions ask for Italian.
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=workspace.as_uri(),
            locale="en-US",
            initialization_options={"lang": "it"},
        )
    )
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_diagnostics_and_quick_fixes_in_the_client_s_language(
    italian_client: LanguageClient, workspace: Path
) -> None:
    client = italian_client
    cluj = workspace / "org" / "units" / "collections-cluj.yaml"
    text = cluj.read_text(encoding="utf-8")
    uri = _open(
        client, cluj, text.replace("reports_to: credit-manager", "reports_to: credit-manger")
    )
    await _until(lambda: bool(client.diagnostics.get(uri)))
    (diagnostic,) = client.diagnostics[uri]
    assert _codes(client, uri) == [("BO031", 21, 16, 29)]  # the same place in any language
    assert diagnostic.message == (
        "posizione 'collections-team-lead' -> reports_to: la posizione 'credit-manger' non "
        "esiste\nsuggerimento: forse intendevi 'credit-manager'?"
    )
    action = await _only_action(client, uri, diagnostic)
    assert action.title == "Sostituire con 'credit-manager'"
