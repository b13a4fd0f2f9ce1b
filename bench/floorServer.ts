/**
 * The memory floor of the language-server measurements: a bare vscode-languageserver server that
 * only keeps the documents it is sent (the library's TextDocuments) and publishes no findings.
 * What ADSync Doctor's server holds beyond this is what its analysis costs.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
// An empty publish tells the bench client the text has arrived.
documents.onDidOpen((e) => void connection.sendDiagnostics({ uri: e.document.uri, version: e.document.version, diagnostics: [] }));
documents.listen(connection);
connection.listen();
