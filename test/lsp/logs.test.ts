/** The built language server over real JSON-RPC: diagnostics, hovers and code actions on each export shape. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionRequest, DiagnosticSeverity, DidChangeTextDocumentNotification, HoverRequest, type Diagnostic, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { decodeBytes } from '../../server/src/service/formats/text';
import { articleRows, liveVariants } from '../fixtures/messages';
import { rowsOf, toCsv, toTxt, toXml, utf16le } from '../fixtures/exports';
import { TestClient } from './client';

const cases = [...articleRows, ...liveVariants];
const shapes: [string, string, string][] = [
  ['CSV', 'file:///logs/export.csv', toCsv(rowsOf(cases))],
  // The editor decodes the UTF-16 file before the server sees it; so does this test.
  ['TXT (UTF-16)', 'file:///logs/export.txt', decodeBytes(utf16le(toTxt(rowsOf(cases))))],
  ['one-line XML', 'file:///logs/export.xml', toXml(rowsOf(cases), { oneLine: true, newlineReferences: true })],
];

describe('language server over stdio', () => {
  const client = new TestClient();
  before(() => client.initialize());
  after(() => client.shutdown());

  for (const [shape, uri, text] of shapes) {
    describe(shape, () => {
      let diagnostics: Diagnostic[] = [];
      before(async () => {
        await client.open(uri, text);
        diagnostics = (await client.diagnosticsFor(uri)).diagnostics;
      });

      test('one diagnostic per event, on the event ID token, with rule, severity and link', () => {
        const perEvent = diagnostics.filter((d) => String(d.code).startsWith('event/'));
        assert.equal(perEvent.length, cases.length);
        const lines = text.split('\n');
        perEvent.forEach((d, i) => {
          assert.equal(d.source, 'ADSync Doctor');
          assert.equal(d.code, cases[i].rule);
          const expected = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information }[cases[i].severity];
          assert.equal(d.severity, expected, cases[i].name);
          assert.match(d.codeDescription!.href, /^https:\/\/learn\.microsoft\.com\//);
          const token = lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
          assert.equal(token, String(cases[i].eventId), `${cases[i].name}: the range covers the ID`);
        });
      });

      test('the whole log is read too: four 611s for one domain are a persistent failure', () => {
        const timeline = diagnostics.filter((d) => String(d.code).startsWith('timeline/'));
        assert.deepEqual(timeline.map((d) => d.code), ['timeline/persistent-domain-failure']);
        assert.match(timeline[0].message as string, /Contoso\.com/);
      });

      test('hover on the 611 explains cause and fix, shows this event\'s domain, links the KB', async () => {
        const d = diagnostics.find((x) => x.code === 'event/611-rpc-8439')!;
        const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d.range.start });
        const value = (hover!.contents as MarkupContent).value;
        assert.match(value, /DC replication refused \(RPC 8439\)/);
        assert.match(value, /\*\*Cause\.\*\* A domain controller/);
        assert.match(value, /1\. Find which DC/);
        assert.match(value, /Domain: ` Contoso\.com `/, 'the parsed domain, as a literal code span');
        assert.match(value, /\]\(https:\/\/learn\.microsoft\.com\/en-us\/troubleshoot\/entra\/entra-id\/user-prov-sync\/pwd-hash-sync-stops-work\)/);
      });

      test('hover anywhere on an event\'s text works, and nothing is shown off events', async () => {
        const d = diagnostics.find((x) => x.code === 'event/657-failed')!;
        const onEvent = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: d.range.end.line, character: d.range.end.character + 5 } });
        assert.match((onEvent!.contents as MarkupContent).value, /Password not synced/);
        if (shape !== 'one-line XML') {
          const header = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 2 } });
          assert.equal(header, null);
        }
      });

      test('code actions: open the article, the fix script, and stop flagging the event', async () => {
        const d = diagnostics.find((x) => x.code === 'event/657-failed')!;
        const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
        const titles = (actions ?? []).map((a) => a.title);
        assert.ok(titles.includes('Open "One or more objects do not sync"'), titles.join(' | '));
        assert.ok(titles.includes("Open fix script: Check one user's password sync"));
        assert.ok(titles.includes("Don't flag event 657 in this workspace"));
        const script = (actions ?? []).find((a) => a.title.startsWith('Open fix script'));
        const content = 'command' in script! && script.command && typeof script.command === 'object' ? String(script.command.arguments?.[1]) : '';
        assert.match(content, /\$dn = 'CN=Viola Hanson,OU=Cloud Objects,DC=contoso,DC=local'/, 'the script targets this event\'s user');
      });
    });
  }

  test('a file it cannot read gets one diagnostic saying so, and the server keeps serving', async () => {
    const uri = 'file:///logs/garbage.log';
    await client.open(uri, '\u0000\u0001 not an export at all\n"unbalanced');
    const { diagnostics } = await client.diagnosticsFor(uri);
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message as string, /does not recognise this as an event log export/);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
  });

  test('edits are re-analysed: removing the 611 row removes its diagnostic', async () => {
    const uri = 'file:///logs/edit.csv';
    const text = toCsv(rowsOf([articleRows[13], articleRows[7]]));
    await client.open(uri, text);
    assert.equal((await client.diagnosticsFor(uri, 1)).diagnostics.length, 2);
    await client.change(uri, toCsv(rowsOf([articleRows[7]])), 2);
    const after2 = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(after2.diagnostics.map((d) => d.code), ['event/657-success']);
  });

  test('typing in an event of a one-line XML: the problems after it are published again, moved along the line', async () => {
    const uri = 'file:///logs/typed.one-line.xml';
    let text = toXml(rowsOf(cases), { oneLine: true, newlineReferences: true });
    await client.open(uri, text);
    const before = (await client.diagnosticsFor(uri, 1)).diagnostics;
    const line = text.split('\n').length - 1;
    const lineStart = text.lastIndexOf('\n') + 1;
    // Letters typed one by one into the second event, each analysed before the next: into its computer
    // name, which leaves what the log says as it was, and at the end of its message, which changes what
    // its finding says.
    const typedAt = ['</Computer>', '</Data>', '</Computer>', '</Data>'];
    for (let version = 2; version <= 1 + typedAt.length; version++) {
      const offset = text.indexOf(typedAt[version - 2], text.indexOf('</Event>') + 1);
      const at = { line, character: offset - lineStart };
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] });
      text = `${text.slice(0, offset)}x${text.slice(offset)}`;
      const published = await client.analysed(uri, version);
      assert.equal(published?.version, version, `version ${version}: the problems moved, so they are sent again`);
      // What the server publishes for the same text read afresh.
      const fresh = `file:///logs/typed-fresh-${version}.xml`;
      await client.open(fresh, text);
      assert.deepEqual(published.diagnostics, (await client.diagnosticsFor(fresh, 1)).diagnostics, `version ${version}`);
      await client.close(fresh);
    }
    const third = (await client.diagnosticsFor(uri, 1 + typedAt.length)).diagnostics[2];
    assert.equal(third.range.start.character, before[2].range.start.character + typedAt.length);
  });

  test('keys typed into a big log from the moment it opens: a hover asked meanwhile is answered while they still come', async () => {
    const uri = 'file:///logs/typed-at-once.csv';
    const ping = rowsOf(articleRows.filter((r) => r.name === '654'));
    const text = toCsv(Array.from({ length: 100_000 }, () => ping[0]));
    const firstLine = text.split('\r\n')[1];
    await client.open(uri, text);
    // A key every 50 ms for 4 s, before the closing quote of the first event's message, as an editor sends them.
    let typing = true;
    let version = 1;
    const typist = (async () => {
      for (let k = 0; k < 80; k++) {
        const at = { line: 1, character: firstLine.length - 1 + k };
        await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      typing = false;
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 3 } })) as { contents: MarkupContent } | null;
    const answeredWhileTyping = typing;
    await typist;
    assert.match(hover?.contents.value ?? '', /654/);
    assert.ok(answeredWhileTyping, 'the hover was answered only once the keys stopped');
    const final = await client.diagnosticsFor(uri, version, 60_000);
    assert.equal(final.diagnostics.length, 1000, 'the capped list of the 100,000 events, for the final text');
  });

  test('an edit made while the log is still being analysed gets the diagnostics of its own text', async () => {
    // Enough events that the first analysis takes many slices. The edit comes 100 to 600 ms after the
    // log is opened, one delay per copy, so that on any machine some come in the middle of it.
    const ping = rowsOf(articleRows.filter((r) => r.name === '654'));
    const pings = Array.from({ length: 100_000 }, () => ping[0]);
    const edited = toCsv([...rowsOf(articleRows.filter((r) => r.name === '611 RPC 8439')), ...pings]);
    await client.open('file:///logs/fresh.csv', edited);
    const fresh = await client.diagnosticsFor('file:///logs/fresh.csv', 1, 60_000);
    assert.equal(fresh.diagnostics[1].code, 'event/611-rpc-8439', 'the 611 the edit adds, after the note that the list is capped');
    for (const delay of [100, 200, 300, 450, 600]) {
      const uri = `file:///logs/busy-${delay}.csv`;
      await client.open(uri, toCsv(pings));
      await new Promise((resolve) => setTimeout(resolve, delay));
      await client.change(uri, edited, 2);
      assert.deepEqual((await client.diagnosticsFor(uri, 2, 60_000)).diagnostics, fresh.diagnostics, `the edit ${delay} ms after opening`);
      await client.close(uri);
    }
  });
});
