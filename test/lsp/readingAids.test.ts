/** Inlay hints, outline, folding and semantic colour through the built server, on three export shapes. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DidChangeTextDocumentNotification,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  LSPErrorCodes,
  SemanticTokensRangeRequest,
  SemanticTokensRequest,
  type DocumentSymbol,
  type InlayHint,
} from 'vscode-languageserver-protocol/node';
import { decodeBytes } from '../../server/src/service/formats/text';
import { articleRows, liveVariants } from '../fixtures/messages';
import { rowsOf, toCsv, toTxt, toXml, utf16le } from '../fixtures/exports';
import { TestClient, within } from './client';

const cases = [...articleRows, ...liveVariants];
const shapes: [string, string, string][] = [
  ['CSV', 'file:///aids/export.csv', toCsv(rowsOf(cases))],
  ['TXT (UTF-16)', 'file:///aids/export.txt', decodeBytes(utf16le(toTxt(rowsOf(cases))))],
  ['one-line XML', 'file:///aids/export.xml', toXml(rowsOf(cases), { oneLine: true, newlineReferences: true })],
];

/** Decodes LSP's relative token encoding into absolute (line, start, text, type). */
function decode(text: string, data: number[], legend: string[]): { line: number; text: string; type: string }[] {
  const lines = text.split('\n');
  const out: { line: number; text: string; type: string }[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    out.push({ line, text: lines[line].slice(char, char + data[i + 2]), type: legend[data[i + 3]] });
  }
  return out;
}

// The 60 s only stops a hang; nothing is timed. Before the fix, each event's time (which XML writes
// after the ID, and which differs from event to event) was searched for back to the start of the text:
// 32 s on 10 MB, growing with the square of the size, over 100 s on 19 MB. Now about a second.
test('19 MB XML exports: full semantic tokens give every event its level and time; on one line the editor is sent per range instead', async () => {
  const client = new TestClient();
  try {
    const legend = (await client.initialize()).capabilities.semanticTokensProvider!.legend.tokenTypes;
    const count = (tokens: { type: string; text: string }[]) => ({
      levels: tokens.filter((t) => t.type === 'keyword').length,
      times: tokens.filter((t) => t.type === 'variable' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(t.text)).length,
    });
    const big = (oneLine: boolean): string => {
      const xml = toXml(rowsOf(articleRows.filter((c) => !/[\r\n]/.test(c.message))), { oneLine });
      const body = xml.slice(xml.indexOf('<Event '), xml.lastIndexOf('</Events>'));
      // Each copy at its own fraction of a second, as the times of a real log differ from event to event.
      return xml.replace(body, Array.from({ length: Math.floor((19 << 20) / body.length) }, (_, k) => body.replaceAll('.000000000Z', `.${String(k).padStart(9, '0')}Z`)).join(''));
    };

    const pretty = big(false);
    const prettyUri = 'file:///aids/big-pretty.xml';
    await client.open(prettyUri, pretty);
    const problems = await client.diagnosticsFor(prettyUri, 1, 60_000);
    // They are made in steps (about a second here): a hover asked after them is answered first.
    const order: string[] = [];
    const asked = client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: prettyUri } }).then((r) => (order.push('colours'), r));
    assert.ok(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: prettyUri }, position: problems.diagnostics.at(-1)!.range.start }));
    order.push('hover');
    const full = await within(60_000, 'the full semantic tokens', asked);
    assert.deepEqual(order, ['hover', 'colours']);
    const events = (pretty.match(/<Event /g) ?? []).length;
    assert.deepEqual(count(decode(pretty, full!.data, legend)), { levels: events, times: events }, 'one level and one SystemTime per event');
    // A key typed while they are made: they are refused, so that the editor asks again for the new text.
    const stale = client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: prettyUri } });
    const at = problems.diagnostics.at(-1)!.range.end;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: prettyUri, version: 2 }, contentChanges: [{ range: { start: at, end: at }, text: ' ' }] });
    await assert.rejects(within(60_000, 'the refusal', stale), (e: { code?: number }) => e.code === LSPErrorCodes.ServerCancelled);
    await client.close(prettyUri);

    const text = big(true);
    const uri = 'file:///aids/big-one-line.xml';
    await client.open(uri, text);
    const diagnostics = await client.diagnosticsFor(uri, 1, 60_000);
    // Tens of thousands of tokens on one line held code-server for seconds: no answer for the whole line.
    await assert.rejects(client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }), (e: { code?: number }) => e.code === LSPErrorCodes.ServerCancelled);
    // As VS Code asks with the last megabyte of the line on screen (wrapped): from there to the end.
    const from = text.indexOf('<Event ', text.length - (1 << 20));
    const range = { start: { line: 0, character: from }, end: { line: 0, character: text.length } };
    const ranged = await within(60_000, 'the semantic tokens of a range', client.connection.sendRequest(SemanticTokensRangeRequest.type, { textDocument: { uri }, range }));
    const inRange = (text.slice(from).match(/<Event /g) ?? []).length;
    assert.deepEqual(count(decode(text, ranged!.data, legend)), { levels: inRange, times: inRange }, 'one level and one SystemTime per event in the range');
    const last = diagnostics.diagnostics.at(-1)!;
    const hover = await within(60_000, 'a hover', client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: last.range.start }));
    assert.ok(hover, 'the last problem has a hover');
  } finally {
    await client.shutdown();
  }
});

describe('reading aids over stdio', () => {
  const client = new TestClient();
  let legend: string[] = [];
  before(async () => {
    legend = (await client.initialize()).capabilities.semanticTokensProvider!.legend.tokenTypes;
  });
  after(() => client.shutdown());

  for (const [shape, uri, text] of shapes) {
    describe(shape, () => {
      let idRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      before(async () => {
        await client.open(uri, text);
        idRange = (await client.diagnosticsFor(uri)).diagnostics[0].range;
      });

      test('inlay hints: a few words after each ID, only for the requested range', async () => {
        const all = (await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } } })) as InlayHint[];
        assert.ok(all.length >= 20, `${all.length} hints`);
        const label = (h: InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
        assert.ok(all.some((h) => /DC replication refused \(RPC 8439\) →/.test(label(h))), all.map(label).join(' | '));
        // A range holding just the first event ID gets just that event's hint.
        const narrow = (await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: idRange })) as InlayHint[];
        assert.equal(narrow.length, 1);
        assert.deepEqual(narrow[0].position, idRange.end);
      });

      test('outline: severity, then event ID with count, then each occurrence', async () => {
        const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
        const errors = symbols.find((s) => /^Errors/.test(s.name))!;
        assert.ok(errors, symbols.map((s) => s.name).join(', '));
        const s611 = errors.children!.find((c) => c.name.startsWith('611 · DC replication refused'))!;
        assert.ok(s611.children!.length >= 1);
      });

      test('semantic tokens, full and ranged, colour the ID, the source and the error code', async () => {
        const full = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
        const tokens = decode(text, full!.data, legend);
        assert.ok(tokens.some((t) => t.text === '611' && t.type === 'number'));
        assert.ok(tokens.some((t) => t.text === 'Directory Synchronization' && t.type === 'type'));
        assert.ok(tokens.some((t) => t.text === 'RPC Error 8439' && t.type === 'number'));
        const line = tokens.find((t) => t.text === '611')!.line;
        const ranged = await client.connection.sendRequest(SemanticTokensRangeRequest.type, { textDocument: { uri }, range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } } });
        const inRange = decode(text, ranged!.data, legend);
        assert.ok(inRange.length > 0 && inRange.every((t) => t.line === line));
      });

      test('folding: multi-line events fold to their first line', async () => {
        const folds = (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) ?? [];
        if (shape === 'one-line XML') assert.equal(folds.length, 0);
        else assert.ok(folds.length >= 3 && folds.every((f) => f.endLine > f.startLine));
      });
    });
  }
});
