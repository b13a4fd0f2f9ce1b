/**
 * The floors of the language-server measurements: a bare vscode-languageserver server that publishes
 * no findings and answers every hover with nothing.
 * - As it is, it keeps the documents it is sent in the library's TextDocuments: what ADSync Doctor's
 *   server holds beyond it is what its analysis costs, and typing into it shows what the library's
 *   document does with each key of a big log.
 * - With NO_TEXT it keeps no text at all and does nothing with a key: its hover round trips under
 *   typing are JSON-RPC, the bench's client and this machine waking two processes, and nothing else.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FindingsChangedNotification } from '../server/src/protocol';
import { NO_TEXT } from './lib/floorArgs';

const connection = createConnection(ProposedFeatures.all);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true } }));
connection.onHover(() => null);
// An empty publish tells the bench client a document has arrived; a findingsChanged, that a version
// is "analysed" (at once, so a typing pass ends with its last key).
const arrived = (uri: string, version: number) => void connection.sendDiagnostics({ uri, version, diagnostics: [] });
const analysed = (uri: string, version: number) => void connection.sendNotification(FindingsChangedNotification.type, { uri, version });
if (process.argv.includes(NO_TEXT)) {
  connection.onDidOpenTextDocument((e) => arrived(e.textDocument.uri, e.textDocument.version));
  connection.onDidChangeTextDocument((e) => analysed(e.textDocument.uri, e.textDocument.version));
} else {
  const documents = new TextDocuments(TextDocument);
  documents.onDidOpen((e) => arrived(e.document.uri, e.document.version));
  documents.onDidChangeContent((e) => analysed(e.document.uri, e.document.version));
  documents.listen(connection);
}
connection.listen();
