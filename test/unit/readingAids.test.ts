/**
 * Reading aids: inlay hints, document symbols, folding ranges and semantic tokens, over the export
 * shapes Event Viewer writes (CSV, UTF-16 TXT, one-line and pretty XML), plus a million-line log.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import type { DocumentSymbol, Position, Range } from 'vscode-languageserver-types';
import { analyzeLogText, type LogAnalysis } from '../../server/src/service/analysis/document';
import { decodeBytes } from '../../server/src/service/formats/text';
import { events as catalogue } from '../../server/src/service/knowledge/events';
import { logInlayHints, MAX_INLAY_HINTS } from '../../server/src/service/features/inlayHints';
import { logDocumentSymbols, MAX_OCCURRENCES_PER_OTHER_TYPE, MAX_OCCURRENCES_PER_TYPE, MAX_OTHER_TYPES } from '../../server/src/service/features/documentSymbols';
import { logFoldingRanges } from '../../server/src/service/features/foldingRanges';
import {
  exceedsFullSemanticTokensLimit,
  FULL_SEMANTIC_TOKENS_LIMIT,
  LONG_LINES,
  logSemanticTokens,
  logSemanticTokensLegend,
  logTokenKinds,
  RANGE_SEMANTIC_TOKENS_LIMIT,
} from '../../server/src/service/features/semanticTokens';
import { articleRows, liveVariants, otherProviders, type MessageCase } from '../fixtures/messages';
import { rowsOf, toCsv, toTxt, toXml, utf16le, type Row } from '../fixtures/exports';
import { prng } from '../fixtures/hostile';
import { createService } from '../../server/src/service';
import { PieceTextDocument } from '../../server/src/pieceTextDocument';

const cases: MessageCase[] = [...articleRows, ...liveVariants];
const rows = rowsOf(cases);
const csv = toCsv(rows);
const txt = decodeBytes(utf16le(toTxt(rows)));
const oneLineMessages = rowsOf(cases.filter((c) => !/[\r\n]/.test(c.message)));
const xmlOneLine = toXml(oneLineMessages, { oneLine: true });
const xmlPretty = toXml(rows, { oneLine: false, quote: '"', rendering: true });

const whole: Range = { start: { line: 0, character: 0 }, end: { line: 10_000_000, character: 0 } };
const entryOf = (rule: string) => catalogue.find((e) => e.rule === rule)!;

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
function within(range: Range, p: Position): boolean {
  return !before(p, range.start) && !before(range.end, p);
}
function rangeWithin(outer: Range, inner: Range): boolean {
  return within(outer, inner.start) && within(outer, inner.end);
}

// ── Inlay hints ───────────────────────────────────────────────────────────────────────────────────

test('every warning and error of the catalogue has a brief fix for its hint', () => {
  for (const e of catalogue) {
    if (e.severity === 'error' || e.severity === 'warning') assert.ok(e.brief && e.brief.length <= 60, e.rule);
  }
});

for (const [shape, text] of [['CSV', csv], ['TXT (UTF-16 LE, decoded)', txt]] as const) {
  test(`inlay hints in ${shape}: after each event ID, the title and, for problems, the fix in brief`, () => {
    const analysis = analyzeLogText(text);
    const hints = logInlayHints(analysis, whole, 'all');
    assert.equal(hints.length, cases.length);
    hints.forEach((hint, i) => {
      const entry = entryOf(cases[i].rule);
      const event = analysis.read.events[i];
      assert.deepEqual(hint.position, event.idRange.end, cases[i].name);
      assert.equal(hint.paddingLeft, true);
      assert.equal(hint.tooltip, entry.cause);
      const expected = entry.severity === 'information' ? `· ${entry.title}` : `· ${entry.title} → ${entry.brief}`;
      assert.equal(hint.label, expected, cases[i].name);
    });
    const rpc = hints[cases.findIndex((c) => c.rule === 'event/611-rpc-8439')];
    assert.match(String(rpc.label), /^· DC replication refused \(RPC 8439\) → /);
  });

  test(`inlay hints in ${shape}: only events whose ID lies in the requested range; 'problems' and 'off'`, () => {
    const analysis = analyzeLogText(text);
    const { events } = analysis.read;
    const range: Range = { start: { line: events[5].range.start.line, character: 0 }, end: { line: events[12].range.start.line, character: 999 } };
    const hints = logInlayHints(analysis, range, 'all');
    const expected = events.filter((e, i) => analysis.matches[i] && rangeWithin(range, e.idRange));
    assert.equal(hints.length, 8);
    assert.deepEqual(hints.map((h) => h.position), expected.map((e) => e.idRange.end));

    const problems = logInlayHints(analysis, whole, 'problems');
    assert.equal(problems.length, cases.filter((c) => c.severity !== 'information').length);
    assert.ok(problems.every((h) => String(h.label).includes(' → ')));
    assert.deepEqual(logInlayHints(analysis, whole, 'off'), []);
  });
}

test('inlay hints in one-line XML: a range within the line keeps only the IDs inside it', () => {
  const analysis = analyzeLogText(xmlOneLine);
  const { events } = analysis.read;
  assert.ok(events.length > 3 && events.every((e) => e.idRange.start.line === 0));
  const all = logInlayHints(analysis, whole, 'all');
  assert.equal(all.length, events.length);
  // From the middle of the third event's ID to the end of the fifth's: the 4th and 5th only.
  const range: Range = { start: { line: 0, character: events[2].idRange.start.character + 1 }, end: events[4].idRange.end };
  assert.deepEqual(logInlayHints(analysis, range, 'all').map((h) => h.position), [events[3].idRange.end, events[4].idRange.end]);
});

/** The one-line XML export with its events repeated until the text passes `chars`. */
function bigOneLineXml(chars: number): string {
  const body = xmlOneLine.slice(xmlOneLine.indexOf('<Event '), xmlOneLine.lastIndexOf('</Events>'));
  return xmlOneLine.replace(body, body.repeat(Math.ceil(chars / body.length)));
}

test('inlay hints on a one-line export bigger than a screen: the first MAX_INLAY_HINTS of the line, in order', () => {
  const text = bigOneLineXml(2 << 20);
  const analysis = analyzeLogText(text);
  const lineEnd: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } };
  const hints = logInlayHints(analysis, lineEnd, 'all');
  const matched = analysis.read.events.filter((_, i) => analysis.matches[i]);
  assert.ok(matched.length > 2 * MAX_INLAY_HINTS, `${matched.length} matched events`);
  assert.deepEqual(hints.map((h) => h.position), matched.slice(0, MAX_INLAY_HINTS).map((e) => e.idRange.end));
  // Further along the line, a range starting there gets that stretch's hints.
  const later: Range = { start: matched[1500].idRange.start, end: lineEnd.end };
  assert.deepEqual(logInlayHints(analysis, later, 'all')[0].position, matched[1500].idRange.end);
});

test('a full semantic-tokens answer is refused past 20 MB, and past a range\'s worth of text on lines of 10,000 characters and more', () => {
  assert.ok(exceedsFullSemanticTokensLimit('x'.repeat(FULL_SEMANTIC_TOKENS_LIMIT + 1)));
  assert.ok(!exceedsFullSemanticTokensLimit(bigOneLineXml(RANGE_SEMANTIC_TOKENS_LIMIT - 100_000)), 'one line, smaller than a range: a full answer');
  assert.ok(exceedsFullSemanticTokensLimit(bigOneLineXml(2 << 20)), 'one line past a range: refused');
  const lines = (length: number, count: number) => Array.from({ length: count }, () => 'x'.repeat(length)).join('\n');
  assert.ok(!exceedsFullSemanticTokensLimit(lines(LONG_LINES - 10, 300)));
  assert.ok(exceedsFullSemanticTokensLimit(lines(LONG_LINES + 10, 300)));
});

test('semantic tokens for a range over a one-line export read RANGE_SEMANTIC_TOKENS_LIMIT of it, the same tokens as a full request there', () => {
  const text = bigOneLineXml(3 << 20);
  const analysis = analyzeLogText(text);
  const full = decode(logSemanticTokens(analysis, text).data, text);
  const ranged = decode(logSemanticTokens(analysis, text, { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } }).data, text);
  assert.ok(ranged.length > 1000);
  assert.ok(ranged.every((t) => t.character + t.length <= RANGE_SEMANTIC_TOKENS_LIMIT));
  // Up to the last event that ends before the cut, both answers agree token for token.
  const cutEvent = analysis.read.events.filter((e) => e.range.end.character < RANGE_SEMANTIC_TOKENS_LIMIT).at(-1)!;
  const before = (t: Decoded) => t.character < cutEvent.range.end.character;
  assert.deepEqual(ranged.filter(before), full.filter(before));
  assert.ok(full.some((t) => t.character > RANGE_SEMANTIC_TOKENS_LIMIT), 'the full answer goes on past the cut');
});

test('inlay hints on a message pasted alone name the inferred ID before the message', () => {
  const text = ['654', '611 RPC 8439'].map((n) => cases.find((c) => c.name === n)!.message).join('\n\n');
  const analysis = analyzeLogText(text);
  const hints = logInlayHints(analysis, whole, 'all');
  assert.deepEqual(hints.map((h) => h.label), [
    `654 · ${entryOf('event/654-ping-end').title}`,
    `611 · ${entryOf('event/611-rpc-8439').title} → ${entryOf('event/611-rpc-8439').brief}`,
  ]);
  assert.deepEqual(hints[0].position, analysis.read.events[0].idRange.start);
  assert.equal(hints[0].paddingRight, true);
});

// ── Document symbols ──────────────────────────────────────────────────────────────────────────────

function assertWellFormed(symbols: DocumentSymbol[]): void {
  for (const s of symbols) {
    assert.ok(s.name.length > 0 && !/[\r\n]/.test(s.name), s.name);
    assert.ok(rangeWithin(s.range, s.selectionRange), `${s.name}: selectionRange inside range`);
    for (const c of s.children ?? []) assert.ok(rangeWithin(s.range, c.range), `${c.name} inside ${s.name}`);
    assertWellFormed(s.children ?? []);
  }
}

test('document symbols: by severity, then by event type with counts, then each occurrence', () => {
  const rpc = cases.find((c) => c.rule === 'event/611-rpc-8439')!;
  const mixed: Row[] = [...rows, ...rowsOf([rpc, rpc]), ...otherProviders.map((o) => ({ ...o, level: 'Error' }))];
  const analysis = analyzeLogText(toCsv(mixed));
  const symbols = logDocumentSymbols(analysis);
  assertWellFormed(symbols);
  assert.deepEqual(symbols.map((s) => s.name), ['Errors', 'Warnings', 'Information', 'Other events']);

  const [errors, warnings, information, other] = symbols;
  const count = (severity: string) => cases.filter((c) => c.severity === severity).length;
  assert.equal(errors.detail, `${count('error') + 2} events`);
  assert.equal(warnings.detail, `${count('warning')} events`);
  assert.equal(information.detail, `${count('information')} events`);

  const type = errors.children!.find((c) => c.name.startsWith('611 · DC replication refused'))!;
  assert.equal(type.name, '611 · DC replication refused (RPC 8439) (×3)');
  assert.equal(type.children!.length, 3);
  const firstIndex = cases.indexOf(rpc);
  const first = analysis.read.events[firstIndex];
  assert.deepEqual(type.children![0], { name: first.timeText, detail: 'domain Contoso.com', kind: type.children![0].kind, range: first.range, selectionRange: first.idRange });

  const failed = warnings.children!.find((c) => c.name.startsWith('657 · Password not synced ('))!;
  assert.equal(failed.name, '657 · Password not synced (×2)');
  assert.equal(failed.children![0].detail, 'CN=Viola Hanson,OU=Cloud Objects,DC=contoso,DC=local');

  // Types are in event-ID order; unrecognised events are listed by source and ID.
  const ids = errors.children!.map((c) => Number(c.name.split(' ')[0]));
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
  assert.deepEqual(other.children!.map((c) => c.name).sort(), otherProviders.map((o) => `${o.eventId} · ${o.source} (×1)`).sort());
});

test('document symbols: a type with hundreds of occurrences lists the first MAX_OCCURRENCES_PER_TYPE and "… N more"', () => {
  const ping = rowsOf([cases.find((c) => c.name === '654')!])[0];
  const analysis = analyzeLogText(toCsv(Array.from({ length: MAX_OCCURRENCES_PER_TYPE + 205 }, () => ping)));
  const [information] = logDocumentSymbols(analysis);
  const type = information.children![0];
  assert.equal(type.name, `654 · ${entryOf('event/654-ping-end').title} (×${MAX_OCCURRENCES_PER_TYPE + 205})`);
  assert.equal(type.children!.length, MAX_OCCURRENCES_PER_TYPE + 1);
  const more = type.children!.at(-1)!;
  assert.equal(more.name, '… 205 more');
  const { events } = analysis.read;
  assert.deepEqual(more.range, { start: events[MAX_OCCURRENCES_PER_TYPE].range.start, end: events.at(-1)!.range.end });
  assertWellFormed([information]);
  // Counts over a thousand are grouped in the group's detail as in the type's name.
  const thousands = logDocumentSymbols(analyzeLogText(toCsv(Array.from({ length: 1234 }, () => ping))))[0];
  assert.equal(thousands.detail, '1,234 events');
  assert.equal(thousands.children![0].name, `654 · ${entryOf('event/654-ping-end').title} (×1,234)`);
});

test('document symbols: past the limit of other event types, the left-out types are counted, not their events', () => {
  const other = otherProviders[0];
  // Each type twice, and one source's types also under a second source: 3 types past the limit, 6 events.
  const types: Row[] = Array.from({ length: MAX_OTHER_TYPES + 3 }, (_, i) => ({ ...other, level: 'Information', source: i % 2 ? 'Source A' : 'Source B', eventId: 10_000 + i }));
  const analysis = analyzeLogText(toCsv([...types, ...types]));
  const others = logDocumentSymbols(analysis).at(-1)!;
  assert.equal(others.name, 'Other events');
  assert.equal(others.children!.length, MAX_OTHER_TYPES);
  assert.equal(others.detail, `${2 * MAX_OTHER_TYPES} events · 3 more event types not listed`);
  assert.ok(others.children!.every((c) => c.name.endsWith('(×2)')));
});

test('document symbols: an unrecognised type lists fewer occurrences, then "… N more"', () => {
  const other = { ...otherProviders[0], level: 'Information', source: 'Vendor Service', eventId: 4321 };
  const analysis = analyzeLogText(toCsv(Array.from({ length: MAX_OCCURRENCES_PER_OTHER_TYPE + 7 }, () => other)));
  const type = logDocumentSymbols(analysis).at(-1)!.children![0];
  assert.equal(type.name, `4321 · Vendor Service (×${MAX_OCCURRENCES_PER_OTHER_TYPE + 7})`);
  assert.equal(type.children!.length, MAX_OCCURRENCES_PER_OTHER_TYPE + 1);
  const more = type.children!.at(-1)!;
  assert.equal(more.name, '… 7 more');
  assert.equal(more.detail, `only the first ${MAX_OCCURRENCES_PER_OTHER_TYPE} are listed`);
  const { events } = analysis.read;
  assert.deepEqual(more.range, { start: events[MAX_OCCURRENCES_PER_OTHER_TYPE].range.start, end: events.at(-1)!.range.end });
});

test('document symbols in one-line XML and UTF-16 TXT group the same way as CSV', () => {
  const names = (text: string) => logDocumentSymbols(analyzeLogText(text)).map((g) => [g.name, g.children!.map((c) => c.name)]);
  assert.deepEqual(names(txt), names(csv));
  const xmlGroups = names(xmlOneLine);
  assert.deepEqual(xmlGroups, names(toCsv(oneLineMessages)));
});

// ── Folding ───────────────────────────────────────────────────────────────────────────────────────

test('folding: multi-line CSV and TXT descriptions fold to the row, one-line rows do not', () => {
  for (const text of [csv, txt]) {
    const analysis = analyzeLogText(text);
    const multi = analysis.read.events.filter((e) => e.range.end.line > e.range.start.line);
    assert.ok(multi.length >= 5);
    assert.deepEqual(logFoldingRanges(analysis), multi.map((e) => ({ startLine: e.range.start.line, endLine: e.range.end.line })));
  }
});

test('folding stops at the client\'s range limit', () => {
  const analysis = analyzeLogText(csv);
  assert.deepEqual(logFoldingRanges(analysis, 2), logFoldingRanges(analysis).slice(0, 2));
});

test('folds are made once per analysis and range limit: asked again after a change that left the analysis as it was, they are not made again', () => {
  const analysis = analyzeLogText(csv);
  const first = logFoldingRanges(analysis, 5000);
  assert.ok(first.length > 2);
  assert.equal(logFoldingRanges(analysis, 5000), first, 'the same answer, not a new one');
  assert.deepEqual(logFoldingRanges(analysis, 2), first.slice(0, 2), 'another limit: made again');
  assert.notEqual(logFoldingRanges(analyzeLogText(csv), 5000), first, 'another analysis: made again');
});

test('folding: a one-line XML export has nothing to fold; a pretty one folds per <Event>', () => {
  assert.deepEqual(logFoldingRanges(analyzeLogText(xmlOneLine)), []);
  const pretty = analyzeLogText(xmlPretty);
  const folds = logFoldingRanges(pretty);
  assert.equal(folds.length, cases.length);
  const lines = xmlPretty.split('\n');
  for (const fold of folds) {
    assert.match(lines[fold.startLine], /^<Event /);
    assert.match(lines[fold.endLine], /^<\/Event>/);
  }
});

test('folding: XML with line breaks only inside messages gives folds that neither overlap nor share a start line', () => {
  const analysis = analyzeLogText(toXml(rows, { oneLine: true }));
  const folds = logFoldingRanges(analysis);
  assert.ok(folds.length > 0);
  for (let i = 0; i < folds.length; i++) {
    assert.ok(folds[i].endLine > folds[i].startLine);
    if (i > 0) assert.ok(folds[i].startLine > folds[i - 1].endLine, 'no overlap');
  }
});

// ── Semantic tokens ───────────────────────────────────────────────────────────────────────────────

interface Decoded {
  line: number;
  character: number;
  length: number;
  type: string;
  modifiers: string[];
  text: string;
}

/** Undoes LSP's relative encoding and reads each token's text from the document. */
function decode(data: number[], text: string): Decoded[] {
  const lines = text.split('\n');
  const out: Decoded[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, bits] = data.slice(i, i + 5);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const modifiers = logSemanticTokensLegend.tokenModifiers.filter((_, bit) => bits & (1 << bit));
    out.push({ line, character, length, type: logSemanticTokensLegend.tokenTypes[type], modifiers, text: lines[line].slice(character, character + length) });
  }
  return out;
}

function assertValidTokens(tokens: Decoded[], text: string): void {
  const lines = text.split('\n');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    assert.ok(t.length > 0 && t.type !== undefined);
    assert.ok(t.character + t.length <= lines[t.line].replace(/\r$/, '').length, `token ${t.text} stays on its line`);
    assert.doesNotMatch(t.text, /[\r\n]/);
    const prev = tokens[i - 1];
    if (prev) assert.ok(prev.line < t.line || prev.character + prev.length <= t.character, `sorted, no overlap at ${t.line}:${t.character}`);
  }
}

const find = (tokens: Decoded[], text: string) => tokens.filter((t) => t.text === text);

for (const [shape, text] of [['CSV', csv], ['TXT (UTF-16 LE, decoded)', txt]] as const) {
  test(`semantic tokens in ${shape}: ID, source, level, DN, error codes and dates`, () => {
    const tokens = decode(logSemanticTokens(analyzeLogText(text), text).data, text);
    assertValidTokens(tokens, text);
    const id611 = find(tokens, '611');
    assert.equal(id611.length, 6);
    assert.ok(id611.every((t) => t.type === logTokenKinds.eventId && t.modifiers.includes('error')));
    const sources = find(tokens, 'Directory Synchronization');
    assert.equal(sources.length, cases.filter((c) => c.source === 'Directory Synchronization').length);
    assert.ok(sources.every((t) => t.type === 'type'));
    assert.ok(find(tokens, 'ADSync').length === 1 && find(tokens, 'FIMSynchronizationService').length === 1);
    const errors = find(tokens, 'Error');
    assert.equal(errors.length, cases.filter((c) => c.level === 'Error').length);
    assert.ok(errors.every((t) => t.type === 'keyword' && t.modifiers.includes('error') && t.character === 0));
    assert.ok(find(tokens, 'Warning').every((t) => t.modifiers.includes('warning')));
    const dn = find(tokens, 'CN=Viola Hanson,OU=Cloud Objects,DC=contoso,DC=local');
    assert.ok(dn.length >= 3 && dn.every((t) => t.type === 'string'));
    assert.equal(find(tokens, 'CN=Ada Park,OU=Staff,DC=fabrikam,DC=com').length, 2);
    assert.equal(find(tokens, 'CN=Eli McLean,OU=Cloud Objects,DC=contoso,DC=local').length, 1);
    for (const code of ['RPC Error 8439', 'RPC Error 8593', 'RPC Error 8456', 'RPC Error 8453', 'Error Code: 90', 'Error Code: 81']) {
      const found = find(tokens, code);
      assert.ok(found.length > 0 && found.every((t) => t.type === 'number' && t.modifiers.includes('errorCode')), code);
    }
    assert.equal(find(tokens, '5/1/2013 4:00:08 PM')[0].type, 'variable');
    assert.ok(find(tokens, '05/01/2013 16:34:08').length === 1, 'a date inside a message');
    // Words inside messages are not levels or sources.
    assert.ok(tokens.every((t) => t.type !== 'keyword' || t.character === 0));
  });
}

test('semantic tokens in one-line XML: exact ID, provider, numeric level and SystemTime', () => {
  const tokens = decode(logSemanticTokens(analyzeLogText(xmlOneLine), xmlOneLine).data, xmlOneLine);
  assertValidTokens(tokens, xmlOneLine);
  assert.equal(find(tokens, '622').length, 1);
  assert.equal(find(tokens, 'Directory Synchronization').length, oneLineMessages.length);
  const levels = tokens.filter((t) => t.type === 'keyword');
  assert.equal(levels.length, oneLineMessages.length);
  const line = xmlOneLine.split('\n')[0];
  assert.ok(levels.every((t) => /^[1-4]$/.test(t.text) && line.slice(t.character - '<Level>'.length, t.character) === '<Level>'));
  assert.equal(find(tokens, '2013-05-01T16:00:08.000000000Z')[0].type, 'variable');
});

test('semantic tokens for a range are exactly the full tokens on those lines', () => {
  for (const text of [csv, txt, xmlPretty]) {
    const analysis = analyzeLogText(text);
    const full = decode(logSemanticTokens(analysis, text).data, text);
    const lineCount = text.split('\n').length;
    for (const [from, to] of [[0, 3], [4, 9], [Math.floor(lineCount / 2), lineCount - 1]]) {
      const range: Range = { start: { line: from, character: 0 }, end: { line: to, character: 100_000 } };
      const part = decode(logSemanticTokens(analysis, text, range).data, text);
      assert.deepEqual(part, full.filter((t) => t.line >= from && t.line <= to), `${from}-${to}`);
    }
  }
});

test('semantic tokens for a range within a one-line XML stay within it', () => {
  const analysis = analyzeLogText(xmlOneLine);
  const { events } = analysis.read;
  const range: Range = { start: events[3].range.start, end: events[5].range.end };
  const part = decode(logSemanticTokens(analysis, xmlOneLine, range).data, xmlOneLine);
  assert.ok(part.length > 0);
  assert.ok(part.every((t) => t.character >= range.start.character && t.character + t.length <= range.end.character));
  assert.deepEqual(part.filter((t) => t.type === 'number' && t.modifiers.length === 1 && t.modifiers[0] !== 'errorCode').map((t) => t.text), [3, 4, 5].map((i) => String(events[i].eventId)));
});

test('a full answer over many windows of text is the answers of its lines, one by one: no token is cut where a window ends', () => {
  // Messages of DNs, error codes and dates, on lines of every length: some far longer than a window
  // (64 Ki characters), which then runs on to the line's end.
  const rand = prng(5);
  const pieces = ['CN=User 42,OU=Cloud Objects,DC=contoso,DC=local', 'RPC Error 8439', 'Error Code: 90', '0x80070005', '2013-05-01T16:34:08.000Z', '5/1/2013 4:34:08 PM', 'text', 'CN=x', ' ', ', ', '.'];
  const message = (length: number, breaks: boolean) => {
    let m = '';
    while (m.length < length) m += pieces[Math.floor(rand() * pieces.length)] + (rand() < 0.5 ? ' ' : '') + (breaks && rand() < 0.05 ? '\r\n' : '');
    return m;
  };
  const lengths = [10, 200, 3_000, 70_000, 150_000, 40, 65_530, 65_536, 900, 20_000, 131_072];
  const rowsHere: Row[] = lengths.map((length, i) => ({ eventId: i % 2 ? 611 : 657, source: 'Directory Synchronization', level: i % 2 ? 'Error' : 'Information', message: message(length, i % 3 === 0) }));
  const text = toCsv(rowsHere);
  assert.ok(text.length > 5 * 65_536);
  const analysis = analyzeLogText(text);
  const full = decode(logSemanticTokens(analysis, text).data, text);
  const byLine = text.split('\n').flatMap((line, n) => decode(logSemanticTokens(analysis, text, { start: { line: n, character: 0 }, end: { line: n, character: line.length } }).data, text));
  assert.ok(full.length > 1000, `${full.length} tokens`);
  assert.deepEqual(full, byLine);
  // One line over three windows long: every code on it is found whole.
  const codes = 14_000;
  const oneLine = toCsv([{ eventId: 611, source: 'Directory Synchronization', level: 'Error', message: 'RPC Error 8439 '.repeat(codes) }]);
  const tokens = decode(logSemanticTokens(analyzeLogText(oneLine), oneLine).data, oneLine).filter((t) => t.line === 1 && t.modifiers.includes('errorCode'));
  assert.equal(tokens.length, codes);
  assert.ok(tokens.every((t) => t.text === 'RPC Error 8439'));
});

test('after typing, a document\'s colours are read from its own pieces and lines: never joined, the tokens of the joined text', () => {
  // Over 2 MB, so that requests are answered from the analysis made before the typing, as in the server.
  const copies = Math.ceil((2.5 * 1024 * 1024) / csv.length);
  const big = toCsv(Array.from({ length: copies }, () => rows).flat());
  assert.ok(big.length > 2 * 1024 * 1024);
  for (const text of [big, xmlOneLine, txt]) {
    const service = createService();
    const doc = new PieceTextDocument('file:///typed', 'adsync-log', 1, text);
    const before = service.analyze(doc) as LogAnalysis;
    const lines = doc.lineCount;
    const line = Math.floor(lines / 2);
    for (let k = 0; k < 5; k++) doc.update([{ range: { start: { line, character: 3 + k }, end: { line, character: 3 + k } }, text: 'x' }], k + 2);
    const pieces = () => (doc as unknown as { pieces: string[] }).pieces.length;
    const range: Range = { start: { line: Math.max(0, line - 20), character: 0 }, end: { line: Math.min(lines - 1, line + 20), character: 100_000 } };
    const ranged = service.semanticTokens(doc, range)!;
    const full = service.semanticTokens(doc);
    // A log this big is answered from the analysis made before the typing, which read nothing again;
    // the small ones are analysed again first, which may read them whole.
    if (text === big) assert.equal(pieces(), 3, 'the document is still in its three pieces: it was not joined to colour a range');
    // The same answers as from the joined text, with the analysis the service answered from.
    const joined = doc.getText();
    const analysis = text === big ? before : (service.analyze(doc) as LogAnalysis);
    assert.deepEqual(decode(ranged.data, joined), decode(logSemanticTokens(analysis, joined, range).data, joined));
    assert.ok(ranged.data.length > 0, `tokens in lines ${range.start.line}-${range.end.line} of ${lines}`);
    assert.deepEqual(full, exceedsFullSemanticTokensLimit(joined) ? null : logSemanticTokens(analysis, joined));
  }
});

// ── A million lines ───────────────────────────────────────────────────────────────────────────────

test('a 1,000,000-line log: range-limited inlay hints and semantic tokens answer only for the range', (t) => {
  const message = 'Password synchronization failed for domain: contoso.local.\r\n\r\nRPC Error 8439: invalid DN.';
  const row: Row = { eventId: 611, source: 'Directory Synchronization', level: 'Error', message };
  const text = toCsv(Array.from({ length: 333_333 }, () => row));
  let started = performance.now();
  const analysis: LogAnalysis = analyzeLogText(text);
  t.diagnostic(`analysis of ${(text.length / 1e6).toFixed(1)} M characters: ${Math.round(performance.now() - started)} ms`);
  const { events } = analysis.read;
  assert.equal(events.length, 333_333);
  assert.equal(events.at(-1)!.range.end.line, 999_999);

  const range: Range = { start: { line: 999_000, character: 0 }, end: { line: 999_099, character: 0 } };
  started = performance.now();
  const hints = logInlayHints(analysis, range, 'problems');
  t.diagnostic(`inlay hints for 100 lines: ${(performance.now() - started).toFixed(2)} ms`);
  const expected = events.filter((e) => rangeWithin(range, e.idRange));
  assert.equal(hints.length, expected.length);
  assert.ok(hints.length >= 33 && hints.every((h) => within(range, h.position)));

  // The first range request also builds the document's line index (once per version); time both.
  for (const label of ['first', 'second']) {
    started = performance.now();
    const tokens = logSemanticTokens(analysis, text, range);
    t.diagnostic(`semantic tokens for 100 lines (${label}): ${(performance.now() - started).toFixed(2)} ms`);
    let line = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      assert.ok(line >= range.start.line && line <= range.end.line);
    }
    // Per event: level, date, source, ID, and RPC Error 8439 on the message's last line.
    const rowsInRange = events.filter((e) => e.range.start.line >= range.start.line && e.range.end.line <= range.end.line).length;
    assert.ok(tokens.data.length / 5 >= rowsInRange * 5);
  }
  // Ordinary lines: refused only past 20 MB.
  assert.equal(exceedsFullSemanticTokensLimit(text), text.length > FULL_SEMANTIC_TOKENS_LIMIT);
});
