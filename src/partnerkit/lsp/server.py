"""The language server: LSP over standard input and output, with pygls.

Diagnostics on open and change (the findings of ``partnerkit lint``, with
ranges), hover (a key's description; a finding's rule, why and fix), code
actions (the safe fixes; suppressing a finding on its line, with a reason to
write), and completion of ids where a reference goes. The words and the
decisions are in :mod:`partnerkit.lsp.analysis`; this module only speaks
the protocol and converts positions to the client's encoding.
"""

from __future__ import annotations

from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from partnerkit.core.version import __version__
from partnerkit.lsp import analysis

SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "info": lsp.DiagnosticSeverity.Information}
SOURCE = "partnerkit"


class CharterServer(LanguageServer):
    def __init__(self):
        super().__init__("partnerkit", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.config: str | None = None
        self.analyses: dict[str, analysis.Analysis] = {}

    def analyse(self, uri: str) -> analysis.Analysis | None:
        """Lint the document as it is now; None when it is not a charter."""
        doc = self.workspace.get_text_document(uri)
        path = path_of(uri)
        if not analysis.is_charter(path, doc.source):
            self.analyses.pop(uri, None)
            return None
        last = self.analyses.get(uri)
        found = analysis.Analysis(doc.source, path, analysis.today_options(self.config),
                                  last if last is not None and last.ok else None)
        self.analyses[uri] = found
        return found

    def current(self, uri: str) -> analysis.Analysis | None:
        doc = self.workspace.get_text_document(uri)
        found = self.analyses.get(uri)
        return found if found is not None and found.text == doc.source else self.analyse(uri)


def path_of(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


server = CharterServer()


def _position(doc, line: int, col: int) -> lsp.Position:
    return doc.position_codec.position_to_client_units(doc.lines, lsp.Position(line=line, character=col))


def _range(doc, span: analysis.Span) -> lsp.Range:
    return lsp.Range(start=_position(doc, span.line, span.col), end=_position(doc, span.end_line, span.end_col))


def _server_position(doc, position: lsp.Position) -> tuple[int, int]:
    got = doc.position_codec.position_from_client_units(doc.lines, position)
    return got.line, got.character


def diagnostics(ls: CharterServer, uri: str) -> list[lsp.Diagnostic]:
    found = ls.analyse(uri)
    if found is None:
        return []
    doc = ls.workspace.get_text_document(uri)
    out = []
    for f in found.findings():
        related = [lsp.DiagnosticRelatedInformation(
            location=lsp.Location(uri=uri, range=_range(doc, analysis.Span(r.loc.line - 1, r.loc.col - 1,
                                                                          r.loc.line - 1, r.loc.col - 1))),
            message=r.message) for r in f.related if r.loc is not None and r.loc.file == f.file]
        out.append(lsp.Diagnostic(
            range=_range(doc, analysis.span_of(f, found.lines)), message=f"{f.message}\n{f.hint}",
            severity=SEVERITY[f.severity], code=f.code, source=SOURCE, related_information=related or None,
            data={"name": f.name, "fixable": f.fix is not None}))
    return out


def publish(ls: CharterServer, uri: str) -> None:
    doc = ls.workspace.get_text_document(uri)
    ls.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=uri, version=doc.version, diagnostics=diagnostics(ls, uri)))


@server.feature(lsp.INITIALIZE)
def initialize(ls: CharterServer, params: lsp.InitializeParams):
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("config"), str):
        ls.config = options["config"]


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: CharterServer, params: lsp.DidOpenTextDocumentParams):
    publish(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: CharterServer, params: lsp.DidChangeTextDocumentParams):
    publish(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: CharterServer, params: lsp.DidSaveTextDocumentParams):
    publish(ls, params.text_document.uri)  # CSV data files or the configuration may have changed


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: CharterServer, params: lsp.DidCloseTextDocumentParams):
    ls.analyses.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: CharterServer, params: lsp.HoverParams):
    found = ls.current(params.text_document.uri)
    if found is None:
        return None
    doc = ls.workspace.get_text_document(params.text_document.uri)
    text = analysis.hover(found, *_server_position(doc, params.position))
    if text is None:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[" ", "[", ",", "{"]))
def completion(ls: CharterServer, params: lsp.CompletionParams):
    found = ls.current(params.text_document.uri)
    if found is None:
        return None
    doc = ls.workspace.get_text_document(params.text_document.uri)
    items = [lsp.CompletionItem(label=ident, kind=lsp.CompletionItemKind.Reference, detail=what)
             for ident, what in analysis.completions(found, *_server_position(doc, params.position))]
    return lsp.CompletionList(is_incomplete=False, items=items)


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def code_action(ls: CharterServer, params: lsp.CodeActionParams):
    uri = params.text_document.uri
    found = ls.current(uri)
    if found is None:
        return None
    doc = ls.workspace.get_text_document(uri)
    start = _server_position(doc, params.range.start)
    end = _server_position(doc, params.range.end)
    by_place = {(d.code, d.range.start.line, d.range.start.character): d for d in params.context.diagnostics}
    actions = []
    for f in found.findings():
        span = analysis.span_of(f, found.lines)
        if (span.end_line, span.end_col) < start or (span.line, span.col) > end:
            continue
        place = _range(doc, span)
        diagnostic = by_place.get((f.code, place.start.line, place.start.character))
        related = [diagnostic] if diagnostic else None
        if f.fix is not None:
            new = analysis.fixed(found, f, analysis.today_options(ls.config))
            if new is not None:
                actions.append(lsp.CodeAction(title=f"{f.fix.title} ({f.code})", kind=lsp.CodeActionKind.QuickFix,
                                              diagnostics=related, is_preferred=True, edit=_edit(doc, uri, found.text, new)))
        new = analysis.suppressed(found, f)
        if new is not None:
            actions.append(lsp.CodeAction(
                title=f"Suppress {f.code} on this line, with a reason (write it after the comment)",
                kind=lsp.CodeActionKind.QuickFix, diagnostics=related, edit=_edit(doc, uri, found.text, new)))
    return actions


def _edit(doc, uri: str, old: str, new: str) -> lsp.WorkspaceEdit:
    from partnerkit.edit import text_changes

    edits = [lsp.TextEdit(range=_range(doc, analysis.Span(c.loc.line - 1, c.loc.col - 1, c.loc.end_line - 1,
                                                          c.loc.end_col - 1)), new_text=c.text)
             for c in text_changes(old, new)]
    return lsp.WorkspaceEdit(changes={uri: edits})


def run() -> int:
    server.start_io()
    return 0
