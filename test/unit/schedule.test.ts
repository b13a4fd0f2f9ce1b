/**
 * When the server starts a document's analysis (server/src/schedule.ts), on node's mocked clock: an
 * opened log is analysed at once, typing is analysed once the keys pause.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisSchedule, DEBOUNCE_MS } from '../../server/src/schedule';

/** A schedule on a mocked clock, and the analyses it has started so far. */
function scheduled(t: TestContext): { schedule: AnalysisSchedule; started: string[] } {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const started: string[] = [];
  return { schedule: new AnalysisSchedule((uri) => started.push(uri)), started };
}

test('an open announced as an open and then as a change of content is analysed at once, not after the debounce', (t) => {
  const { schedule, started } = scheduled(t);
  // vscode-languageserver's TextDocuments, told of one didOpen, followed as the server follows it.
  const documents = new TextDocuments(TextDocument);
  schedule.follow(documents);
  let opened: ((p: unknown) => void) | undefined;
  const noop = () => ({ dispose() {} });
  documents.listen({
    onDidOpenTextDocument: (h: (p: unknown) => void) => ((opened = h), noop()),
    onDidChangeTextDocument: noop, onDidCloseTextDocument: noop, onWillSaveTextDocument: noop, onWillSaveTextDocumentWaitUntil: noop, onDidSaveTextDocument: noop,
  } as unknown as Parameters<typeof documents.listen>[0]);
  opened!({ textDocument: { uri: 'file:///app.csv', languageId: 'adsync-log', version: 1, text: 'Level,Date and Time\n' } });
  t.mock.timers.tick(0);
  assert.deepEqual(started, ['file:///app.csv']);
  t.mock.timers.tick(DEBOUNCE_MS);
  assert.deepEqual(started, ['file:///app.csv'], 'the change that came with the open must not start a second analysis');
});

test('keys typed close together are analysed once, when they pause for the debounce', (t) => {
  const { schedule, started } = scheduled(t);
  schedule.after('file:///app.csv', 2, DEBOUNCE_MS);
  t.mock.timers.tick(DEBOUNCE_MS - 50);
  schedule.after('file:///app.csv', 3, DEBOUNCE_MS);
  t.mock.timers.tick(DEBOUNCE_MS - 1);
  assert.deepEqual(started, []);
  t.mock.timers.tick(1);
  assert.deepEqual(started, ['file:///app.csv']);
});

test('a change of settings analyses a document at once even while its typing waits for the debounce', (t) => {
  const { schedule, started } = scheduled(t);
  schedule.after('file:///app.csv', 4, DEBOUNCE_MS);
  schedule.after('file:///app.csv', 4, 0);
  t.mock.timers.tick(0);
  assert.deepEqual(started, ['file:///app.csv']);
  t.mock.timers.tick(DEBOUNCE_MS);
  assert.deepEqual(started, ['file:///app.csv']);
});

test('each document waits on its own; a closed one is not analysed', (t) => {
  const { schedule, started } = scheduled(t);
  schedule.after('file:///a.csv', 2, DEBOUNCE_MS);
  schedule.after('file:///b.csv', 2, DEBOUNCE_MS);
  schedule.after('file:///c.csv', 1, 0);
  schedule.cancel('file:///b.csv');
  t.mock.timers.tick(DEBOUNCE_MS);
  assert.deepEqual(started, ['file:///c.csv', 'file:///a.csv']);
});
