"""A real LSP client (pygls's) driving `partnerkit lsp` over standard input and output, as an editor does."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

from tests.conftest import AS_OF, partnerkit_exe

WAIT = 60  # seconds: a loaded CI machine is slow to start a Python process


class Editor:
    """One editor session: open, type, ask for hovers, completions and code actions, apply edits."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.client = LanguageClient("partnerkit-tests", "1")
        self.published: dict[str, list[lsp.Diagnostic]] = {}
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self.arrived = asyncio.Condition()

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        async def diagnostics(params: lsp.PublishDiagnosticsParams):
            async with self.arrived:
                self.published[params.uri] = (params.version, params.diagnostics)
                self.arrived.notify_all()

    async def start(self):
        exe, *args = partnerkit_exe()
        env = dict(os.environ, PARTNERKIT_AS_OF=AS_OF.isoformat())
        await self.client.start_io(exe, *args, "lsp", env=env, cwd=str(self.folder))
        await asyncio.wait_for(self.client.initialize_async(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(), root_uri=self.folder.as_uri(), process_id=os.getpid())), WAIT)
        self.client.initialized(lsp.InitializedParams())

    async def stop(self):
        await asyncio.wait_for(self.client.shutdown_async(None), WAIT)
        self.client.exit(None)
        await asyncio.wait_for(self.client.stop(), WAIT)

    def uri(self, name: str) -> str:
        return (self.folder / name).as_uri()

    async def open(self, name: str, text: str) -> list[lsp.Diagnostic]:
        uri = self.uri(name)
        self.versions[uri], self.texts[uri] = 1, text
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
        return await self.diagnostics(uri, 1)

    async def type(self, name: str, text: str) -> list[lsp.Diagnostic]:
        """Replace the whole text, as an editor with full sync does after each change."""
        uri = self.uri(name)
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))
        return await self.diagnostics(uri, self.versions[uri])

    async def diagnostics(self, uri: str, version: int) -> list[lsp.Diagnostic]:
        async def published():
            async with self.arrived:
                await self.arrived.wait_for(lambda: self.published.get(uri, (None,))[0] == version)
                return list(self.published[uri][1])

        return await asyncio.wait_for(published(), WAIT)

    async def hover(self, name: str, line: int, col: int) -> str | None:
        got = await asyncio.wait_for(self.client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=self.uri(name)),
            position=lsp.Position(line=line, character=col))), WAIT)
        return got.contents.value if got else None

    async def complete(self, name: str, line: int, col: int) -> list[str]:
        got = await asyncio.wait_for(self.client.text_document_completion_async(lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=self.uri(name)),
            position=lsp.Position(line=line, character=col))), WAIT)
        items = got.items if isinstance(got, lsp.CompletionList) else (got or [])
        return [i.label for i in items]

    async def actions(self, name: str, diagnostic: lsp.Diagnostic) -> list[lsp.CodeAction]:
        got = await asyncio.wait_for(self.client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=self.uri(name)), range=diagnostic.range,
            context=lsp.CodeActionContext(diagnostics=[diagnostic]))), WAIT)
        return list(got or [])

    async def apply(self, name: str, action: lsp.CodeAction) -> list[lsp.Diagnostic]:
        """Apply a code action's edit to the text, as the editor does, and send the change."""
        uri = self.uri(name)
        text = apply_edits(self.texts[uri], action.edit.changes[uri])
        return await self.type(name, text)


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """Text edits applied, last first (positions in UTF-16 units, as the client negotiated by default)."""
    lines = text.splitlines(True)

    def offset(pos: lsp.Position) -> int:
        start = sum(len(line) for line in lines[:pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units, chars = 0, 0
        for ch in line:
            if units >= pos.character:
                break
            units += 2 if ord(ch) > 0xFFFF else 1
            chars += 1
        return start + chars

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
        lines = text.splitlines(True)
    return text


def session(folder: Path, script):
    """Run ``await script(editor)`` against a fresh server; the server is shut down whatever happens."""

    async def main():
        editor = Editor(folder)
        await editor.start()
        try:
            return await script(editor)
        finally:
            await editor.stop()

    return asyncio.run(main())
