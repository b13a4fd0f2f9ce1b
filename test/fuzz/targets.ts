/**
 * What the fuzzer feeds: every reader (each text shape, EVTX, PowerShell scripts), the whole
 * pipeline, and typing (an analysis redone from edits must be a full one), each with real seeds —
 * the project's fixtures and the .evtx samples in ../shared.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { readers } from '../../server/src/service/formats/registry';
import { readEvtx } from '../../server/src/service/formats/evtx';
import { decodeBytes } from '../../server/src/service/formats/text';
import { analyzeBytes } from '../../server/src/service/files';
import { checkScript, scriptCompletions, scriptHover } from '../../server/src/service/script';
import { createService } from '../../server/src/service';
import { analyzeLogText, type LogAnalysis } from '../../server/src/service/analysis/document';
import { logSemanticTokens } from '../../server/src/service/features/semanticTokens';
import { PieceTextDocument } from '../../server/src/pieceTextDocument';
import { isDeepStrictEqual } from 'node:util';
import { prng } from '../fixtures/hostile';
import { SAMPLES, EXTRA_SAMPLES, EVENT_VIEWER_CSV, EVENT_VIEWER_XML } from '../fixtures/formatSamples';
import { articleRows, liveVariants } from '../fixtures/messages';
import { rowsOf, toCsv, toTxt, toXml } from '../fixtures/exports';
import { samplesDir } from '../fixtures/samples';

export interface FuzzTarget {
  name: string;
  seeds: Uint8Array[];
  /** Runs one input; any exception is a crash. */
  run(input: Uint8Array): void;
}

const text = (s: string) => Buffer.from(s, 'utf8');
const rows = rowsOf([...articleRows.slice(0, 14), ...liveVariants]);

const textSeeds: Record<string, string[]> = {
  'event-viewer-csv': [EVENT_VIEWER_CSV, toCsv(rows)],
  'event-viewer-txt': [toTxt(rows)],
  'event-viewer-xml': [EVENT_VIEWER_XML, toXml(rows, { oneLine: false, rendering: true }), toXml(rows, { root: false })],
  evtx: [],
  ...Object.fromEntries(Object.entries(SAMPLES).map(([id, s]) => [id, [s, ...(EXTRA_SAMPLES[id] ?? [])]])),
};

const scriptSeeds = [
  readFileSync(path.resolve(__dirname, '../../samples/trigger-full-password-sync.ps1'), 'utf8'),
  "Import-Module ADSync\r\n$p = @{ PolicyType = 'Delta' }\r\nStart-ADSyncSyncCycle @p\r\n@'\r\nStart-ADSyncSyncCycle -PolicyType Full\r\n'@\r\nSet-ADSyncScheduler -SyncCycleEnabled:$false `\r\n  -SchedulerSuspended $true\r\n",
  'Get-ADSyncConnector | ? { $_.Type -eq "AD" } | % { Invoke-ADSyncRunProfile -ConnectorName $_.Name -RunProfileName "Full Import" }',
];

/** Single-chunk real files: big enough to hold templates and records, small enough to mutate fast. */
function evtxSeeds(): Uint8Array[] {
  return readdirSync(samplesDir).filter((f) => f.endsWith('.evtx') && !f.includes('system')).map((f) => readFileSync(path.join(samplesDir, f)));
}

export function fuzzTargets(): FuzzTarget[] {
  const targets: FuzzTarget[] = readers
    .filter((r) => r.id !== 'evtx')
    .map((reader) => ({
      name: `reader:${reader.id}`,
      seeds: (textSeeds[reader.id] ?? []).map(text),
      run(input) {
        const t = decodeBytes(input);
        reader.sniff(t.slice(0, 8192));
        reader.read(t);
      },
    }));
  const evtx = evtxSeeds();
  targets.push({ name: 'reader:evtx-binary', seeds: evtx, run: (input) => void readEvtx(input) });
  targets.push({
    name: 'script',
    seeds: scriptSeeds.map(text),
    run(input) {
      const t = decodeBytes(input);
      checkScript(t);
      scriptHover(t, { line: 0, character: 3 });
      scriptCompletions(t, { line: 0, character: Math.min(t.length, 20) });
    },
  });
  // The whole pipeline as the server runs it: detection, reading, analysis, every feature.
  const service = createService();
  let version = 0;
  targets.push({
    name: 'pipeline',
    seeds: [...Object.values(textSeeds).flat().map(text), ...evtx],
    run(input) {
      const report = analyzeBytes(input, 'input.log');
      const doc = { uri: 'file:///fuzz.log', version: ++version, languageId: 'adsync-log', getText: () => decodeBytes(input) };
      const diagnostics = service.diagnostics(doc);
      const at = report.events[0]?.idRange.start ?? { line: 0, character: 0 };
      service.hover(doc, at);
      service.codeActions(doc, diagnostics.slice(0, 5));
      service.inlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 50, character: 0 } }, 'all');
      service.documentSymbols(doc);
      service.foldingRanges(doc);
      service.semanticTokens(doc, { start: { line: 0, character: 0 }, end: { line: 50, character: 0 } });
      service.semanticTokens(doc);
      service.findingsTree([{ doc }]);
      service.forget(doc.uri);
    },
  });
  // Typing at one or several cursors, on one line or several, a few keys between two analyses: what
  // the service works out from the edits must be what a full analysis of the new text gives.
  targets.push({
    name: 'typing',
    seeds: [toCsv(rows), toTxt(rows), toXml(rows), toXml(rows, { oneLine: false })].map(text),
    run(input) {
      const rand = prng(input.reduce((h, b) => Math.imul(h ^ b, 16777619), 2166136261));
      const doc = new PieceTextDocument('file:///typing.log', 'adsync-log', 1, decodeBytes(input));
      const typing = createService();
      typing.analyze(doc);
      for (let round = 0; round < 3; round++) {
        const line = Math.floor(rand() * doc.lineCount);
        for (let key = 1 + Math.floor(rand() * 4); key > 0; key--) {
          const changes = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
            const l = rand() < 0.7 ? line : Math.floor(rand() * doc.lineCount);
            const length = doc.getText({ start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } }).replace(/\r?\n$|\r$/, '').length;
            const character = Math.floor(rand() * (length + 1));
            const end = Math.min(length, character + (rand() < 0.3 ? 1 + Math.floor(rand() * 3) : 0));
            return { range: { start: { line: l, character }, end: { line: l, character: end } }, text: TYPED[Math.floor(rand() * TYPED.length)] };
          });
          doc.update(changes, doc.version + 1);
        }
        const analysis = typing.analyze(doc) as LogAnalysis;
        // Colours read through the document's own pieces and lines, before anything joins them.
        const screen = { start: { line, character: 0 }, end: { line: line + 30, character: 0 } };
        const colours = typing.semanticTokens(doc, screen);
        const whole = doc.getText();
        if (!isDeepStrictEqual(analysis, analyzeLogText(whole))) throw new Error(`round ${round}: the analysis redone from the edits is not a full analysis of the new text`);
        if (!isDeepStrictEqual(colours, logSemanticTokens(analysis, whole, screen))) throw new Error(`round ${round}: the colours of the lines on screen differ from those of the whole text`);
      }
    },
  });
  return targets;
}

/** What the typing target types: letters, nothing (a deletion), and characters that end or start events. */
const TYPED = ['x', 'é', '7', '', 'ab', ' ', '"', ',', '<', '>', '\t', '\n', '\r\n', ':', '&'];
