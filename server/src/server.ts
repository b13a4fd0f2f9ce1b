/** LSP wiring only: every handler is a guarded one-line call into the service. */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createService, type FindingOptions } from './service';
import { ScriptRequest, SniffRequest } from './protocol';

const DEBOUNCE_MS = 200;

export function startServer(connection: Connection): void {
  const service = createService();
  const documents = new TextDocuments(TextDocument);
  const pending = new Map<string, NodeJS.Timeout>();
  let pullConfiguration = false;

  /** Runs a handler; an exception is logged with the document and answered with the fallback. */
  function guard<T>(what: string, uri: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      connection.console.error(`${what} failed for ${uri}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return fallback;
    }
  }

  async function options(uri: string): Promise<FindingOptions> {
    if (!pullConfiguration) return {};
    const settings = (await connection.workspace.getConfiguration({ scopeUri: uri, section: 'adsyncDoctor' })) as { ignoredEventIds?: unknown } | null;
    const ids = Array.isArray(settings?.ignoredEventIds) ? settings.ignoredEventIds.filter((n): n is number => Number.isInteger(n)) : [];
    return { ignoredEventIds: ids };
  }

  async function validate(doc: TextDocument): Promise<void> {
    const opts = await options(doc.uri).catch(() => ({}));
    if (documents.get(doc.uri)?.version !== doc.version) return; // changed meanwhile; a newer run is queued
    const diagnostics = guard('diagnostics', doc.uri, [], () => service.diagnostics(doc, opts));
    await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  }

  function schedule(doc: TextDocument, delay: number): void {
    clearTimeout(pending.get(doc.uri));
    pending.set(doc.uri, setTimeout(() => {
      pending.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (current) void validate(current);
    }, delay));
  }

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['-', ' ', '|'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'ADSync Doctor' },
    };
  });
  connection.onInitialized(() => {
    if (pullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'adsyncDoctor' });
  });

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document, DEBOUNCE_MS));
  documents.onDidClose((e) => {
    clearTimeout(pending.get(e.document.uri));
    pending.delete(e.document.uri);
    service.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  connection.onDidChangeConfiguration(() => documents.all().forEach((d) => schedule(d, 0)));

  connection.onHover((p) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? guard('hover', doc.uri, null, () => service.hover(doc, p.position)) : null;
  });
  connection.onCodeAction((p) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? guard('code actions', doc.uri, [], () => service.codeActions(doc, p.context.diagnostics)) : [];
  });
  connection.onCompletion((p) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? guard('completion', doc.uri, [], () => service.completions(doc, p.position)) : [];
  });
  connection.onRequest(SniffRequest.type, (p) => guard('sniff', '(head)', { format: null }, () => ({ format: service.sniff(p.head) })));
  connection.onRequest(ScriptRequest.type, (p) => guard('script', p.id, { title: p.id, content: '' }, () => service.script(p.id, p.args)));

  documents.listen(connection);
  connection.listen();
}
