/**
 * Typing in a log: an analysis redone from the edits must equal a full analysis of the new text,
 * for every shape the incremental path takes and for edits it must refuse (quotes, tags, line breaks).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createService } from '../../server/src/service';
import { analyzeLogText, type LogAnalysis } from '../../server/src/service/analysis/document';
import { PieceTextDocument } from '../../server/src/pieceTextDocument';
import { articleRows, liveVariants } from '../fixtures/messages';
import { rowsOf, toCsv, toTxt, toXml } from '../fixtures/exports';
import { prng } from '../fixtures/hostile';
import { EVENTLOG_EXPORT_CSV, EXPORT_CSV, SAMPLES } from '../fixtures/formatSamples';
import { evtxSamples } from '../fixtures/samples';
import { evtxViewText } from '../../server/src/service/files';
import { readFileSync } from 'node:fs';

const rows = rowsOf([...articleRows, ...liveVariants, ...articleRows]);
// Event Viewer's XML is one line, so typing in it is read in full (until a typed line break parts it).
const phs = evtxSamples().find((s) => s.name.startsWith('adsync-phs'))!;
const shapes: [string, string][] = [
  ['csv', toCsv(rows)], ['txt', toTxt(rows)], ['xml', toXml(rows)], ['xml lines', toXml(rows, { oneLine: false })],
  ['export-csv', EXPORT_CSV], ['eventlog export-csv', EVENTLOG_EXPORT_CSV], ['evtx view', evtxViewText(readFileSync(phs.file), phs.file)],
  // Shapes read only in full: typing in them must still give the full analysis.
  ...Object.entries(SAMPLES).filter(([k]) => k !== 'powershell-export-csv'),
];
const typed = ['x', ' ', '7', 'é', '', 'ab', '"', ',', '<', '\t', '\n', ':'];

test('analyses redone from typing equal full analyses of the new text', (t) => {
  const rand = prng(11);
  const incremental = new Map<string, number>();
  for (const [name, text] of shapes) {
    const service = createService();
    const doc = new PieceTextDocument(`file:///typing.${name}`, 'adsync-log', 1, text);
    let previous = service.analyze(doc) as LogAnalysis;
    for (let round = 0; round < 150; round++) {
      // A few keystrokes on one line (sometimes two lines), as a user types between two analyses.
      const line = Math.floor(rand() * doc.lineCount);
      for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
        const l = rand() < 0.1 ? Math.floor(rand() * doc.lineCount) : line;
        const length = doc.getText({ start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } }).replace(/\r?\n$/, '').length;
        const character = Math.floor(rand() * (length + 1));
        const end = { line: l, character: Math.min(length, character + (rand() < 0.3 ? 1 : 0)) };
        doc.update([{ range: { start: { line: l, character }, end }, text: typed[Math.floor(rand() * typed.length)] }], doc.version + 1);
      }
      const got = service.analyze(doc) as LogAnalysis;
      assert.deepEqual(got, analyzeLogText(doc.getText()), `${name}, round ${round}`);
      // Events kept from the previous analysis are the very same objects when it was redone from the edits.
      if (got.read.events.length > 2 && got.read.events.filter((e, i) => e === previous.read.events[i]).length >= got.read.events.length - 1) incremental.set(name, (incremental.get(name) ?? 0) + 1);
      previous = got;
    }
  }
  t.diagnostic(`redone from the edits: ${[...incremental].map(([k, n]) => `${k} ${n}`).join(', ')} of 150 each`);
  for (const name of ['csv', 'txt', 'xml lines', 'evtx view']) assert.ok((incremental.get(name) ?? 0) >= 20, `${name}: ${incremental.get(name) ?? 0}`);
});
