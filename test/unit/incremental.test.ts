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
// Event Viewer's XML is one line: typing in an event moves the events after it along that line.
const phs = evtxSamples().find((s) => s.name.startsWith('adsync-phs'))!;
const shapes: [string, string][] = [
  ['csv', toCsv(rows)], ['txt', toTxt(rows)], ['xml', toXml(rows)], ['xml lines', toXml(rows, { oneLine: false })],
  ['export-csv', EXPORT_CSV], ['eventlog export-csv', EVENTLOG_EXPORT_CSV], ['evtx view', evtxViewText(readFileSync(phs.file), phs.file)],
  // Shapes read only in full: typing in them must still give the full analysis.
  ...Object.entries(SAMPLES).filter(([k]) => k !== 'powershell-export-csv'),
];
const typed = ['x', ' ', '7', 'é', '', 'ab', '"', ',', '<', '\t', '\n', ':'];

/** The length of a line of the document, its line break left out. */
function lineLength(doc: PieceTextDocument, line: number): number {
  return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '').length;
}

/** A service with `text` open and analysed, as typing in it starts. */
function opened(uri: string, text: string): { service: ReturnType<typeof createService>; doc: PieceTextDocument; analysis: LogAnalysis } {
  const service = createService();
  const doc = new PieceTextDocument(uri, 'adsync-log', 1, text);
  return { service, doc, analysis: service.analyze(doc) as LogAnalysis };
}

test('analyses redone from typing equal full analyses of the new text', (t) => {
  const rand = prng(11);
  const incremental = new Map<string, number>();
  let timelineKept = 0;
  let timelineRedone = 0;
  let verdictKept = 0;
  let verdictRedone = 0;
  for (const [name, text] of shapes) {
    const { service, doc, analysis } = opened(`file:///typing.${name}`, text);
    let previous = analysis;
    for (let round = 0; round < 150; round++) {
      // A few keystrokes on one line (sometimes two lines), as a user types between two analyses.
      const line = Math.floor(rand() * doc.lineCount);
      for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
        const l = rand() < 0.1 ? Math.floor(rand() * doc.lineCount) : line;
        const length = lineLength(doc, l);
        const character = Math.floor(rand() * (length + 1));
        const end = { line: l, character: Math.min(length, character + (rand() < 0.3 ? 1 : 0)) };
        doc.update([{ range: { start: { line: l, character }, end }, text: typed[Math.floor(rand() * typed.length)] }], doc.version + 1);
      }
      const got = service.analyze(doc) as LogAnalysis;
      assert.deepEqual(got, analyzeLogText(doc.getText()), `${name}, round ${round}`);
      // Events kept from the previous analysis are the very same objects when it was redone from the
      // edits: all but the edited one, or on one line those before it (those after it moved along);
      // or the list is the very same, changed in place.
      const kept = got.read.events.filter((e, i) => e === previous.read.events[i]).length;
      const editedAt = got.read.events.findIndex((e, i) => e !== previous.read.events[i]);
      if (got.read.events.length > 2 && (kept >= got.read.events.length - 1 || (editedAt > 0 && kept === editedAt))) {
        incremental.set(name, (incremental.get(name) ?? 0) + 1);
        // Typing that leaves what the timeline reads alone keeps the timeline; the rest works it out again.
        if (got.timeline === previous.timeline) timelineKept++;
        else if (got.timeline.length > 0) timelineRedone++;
        // So does the verdict, when the event's own findings say what they said.
        if (got.verdict === previous.verdict) verdictKept++;
        else verdictRedone++;
      }
      previous = got;
    }
  }
  t.diagnostic(`redone from the edits: ${[...incremental].map(([k, n]) => `${k} ${n}`).join(', ')} of 150 each; timeline kept ${timelineKept} times, worked out again ${timelineRedone} times; verdict kept ${verdictKept}, worked out again ${verdictRedone}`);
  assert.ok(timelineKept >= 20 && timelineRedone >= 20, `timeline kept ${timelineKept}, redone ${timelineRedone}`);
  assert.ok(verdictKept >= 20 && verdictRedone >= 20, `verdict kept ${verdictKept}, redone ${verdictRedone}`);
  for (const name of ['csv', 'txt', 'xml', 'xml lines', 'evtx view']) assert.ok((incremental.get(name) ?? 0) >= 20, `${name}: ${incremental.get(name) ?? 0}`);
});

test('typing in the second user of a two-user 657 works the timeline out again', () => {
  // Each result names two users; the second, known only by its anchor, fails three times running,
  // which the timeline reports. The message's own fields are the first user's.
  const message = 'Password Change Result - Anchor: AAAAAAAAAAAAAAAAAAAAAA==, Dn: CN=Ada Park,OU=Staff,DC=contoso,DC=com, Result: Success. '
    + 'Anchor: BBBBBBBBBBBBBBBBBBBBBB==, Result: Failed.';
  const text = toCsv([1, 2, 3].map(() => ({ eventId: 657, source: 'Directory Synchronization', level: 'Information', message })));
  const service = createService();
  const doc = new PieceTextDocument('file:///two-users.csv', 'adsync-log', 1, text);
  const repeated = (a: LogAnalysis) => a.timeline.filter((f) => f.rule === 'timeline/repeated-user-failure');
  const before = service.analyze(doc) as LogAnalysis;
  assert.equal(repeated(before).length, 1);
  // One letter of the second anchor in the last row: now two users failed, each fewer than three times.
  const line = 3;
  const character = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).indexOf('BBBB') + 1;
  doc.update([{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: 'x' }], 2);
  const got = service.analyze(doc) as LogAnalysis;
  assert.ok(got.read.events[0] === before.read.events[0], 'redone from the edit');
  assert.deepEqual(got, analyzeLogText(doc.getText()));
  assert.deepEqual(repeated(got), []);
});

test('typing in several events at once works the timeline out again once, from all of them', () => {
  // The same user fails in three results, which the timeline reports; two cursors then rename the
  // user in two of them, each on its own line, in one change.
  const message = (cn: string) => `Password Change Result - Anchor: AAAAAAAAAAAAAAAAAAAAAA==, Dn: CN=${cn},OU=Staff,DC=contoso,DC=com, Result: Failed.`;
  const text = toCsv([1, 2, 3].map(() => ({ eventId: 657, source: 'Directory Synchronization', level: 'Information', message: message('Ada Park') })));
  const { service, doc, analysis: before } = opened('file:///renamed.csv', text);
  const repeated = (a: LogAnalysis) => a.timeline.filter((f) => f.rule === 'timeline/repeated-user-failure');
  assert.equal(repeated(before).length, 1);
  const changes = [2, 3].map((line) => {
    const character = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).indexOf('Ada') + 1;
    return { range: { start: { line, character }, end: { line, character: character + 1 } }, text: 'n' };
  });
  doc.update(changes, 2);
  const got = service.analyze(doc) as LogAnalysis;
  assert.ok(got.read.events[0] === before.read.events[0], 'redone from the edits');
  assert.deepEqual(got, analyzeLogText(doc.getText()));
  assert.deepEqual(repeated(got), [], 'Ada Park failed once, Ana Park twice');
});

test('typing in an event of a one-line XML moves the events, findings and unreadable parts after it along the line', () => {
  // Three events on one line, then one without <System> (a read error), then two more.
  const [a, b, c, d, e] = rowsOf(articleRows.slice(0, 5)).map((r) => toXml([r], { root: false }));
  const text = `<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<Events>${a}${b}${c}<Event></Event>${d}${e}</Events>`;
  const service = createService();
  const doc = new PieceTextDocument('file:///one-line.xml', 'adsync-log', 1, text);
  const before = service.analyze(doc) as LogAnalysis;
  assert.equal(before.read.events.length, 5);
  assert.equal(before.read.errors.length, 1);
  // Read now: typing may change the lists of the analysis before in place.
  const third = before.read.events[2].idRange.start.character;
  const error = before.read.errors[0].range.start.character;
  const first = before.read.events[0];
  // Three letters typed into the second event's message, one by one.
  const character = doc.getText().split('\n')[1].indexOf('</Data>', `<Events>${a}`.length);
  for (let k = 0; k < 3; k++) doc.update([{ range: { start: { line: 1, character: character + k }, end: { line: 1, character: character + k } }, text: 'x' }], doc.version + 1);
  const got = service.analyze(doc) as LogAnalysis;
  assert.deepEqual(got, analyzeLogText(doc.getText()));
  assert.ok(got.read.events[0] === first, 'redone from the edits');
  assert.equal(got.read.events[2].idRange.start.character, third + 3);
  assert.equal(got.read.errors[0].range.start.character, error + 3);
});

test('typing with several cursors, one line each, reads only the events typed in again', () => {
  const { service, doc, analysis: before } = opened('file:///cursors.csv', toCsv(rows));
  const events = [...before.read.events];
  // A letter at the end of the messages of three events, in one change (three cursors), then two more keys.
  const lines = [2, 9, 17].map((i) => events[i].range.end.line);
  const endOf = (line: number) => lineLength(doc, line) - 1;
  for (let key = 0; key < 3; key++) {
    doc.update(lines.map((line) => ({ range: { start: { line, character: endOf(line) }, end: { line, character: endOf(line) } }, text: 'xyz'[key] })), doc.version + 1);
  }
  const got = service.analyze(doc) as LogAnalysis;
  assert.deepEqual(got, analyzeLogText(doc.getText()));
  const same = got.read.events.filter((e, i) => e === events[i]).length;
  assert.equal(same, events.length - 3, 'all but the three events typed in are the same objects');
  assert.ok([2, 9, 17].every((i) => got.read.events[i].message.endsWith('xyz')));
  // Past 16 lines at once (a replace-all), the whole text is read again, to the same analysis.
  const many = got.read.events.slice(0, 20).map((e) => e.range.end.line);
  doc.update(many.map((line) => ({ range: { start: { line, character: endOf(line) }, end: { line, character: endOf(line) } }, text: 'w' })), doc.version + 1);
  const all = service.analyze(doc) as LogAnalysis;
  assert.deepEqual(all, analyzeLogText(doc.getText()));
  assert.equal(all.read.events.filter((e, i) => e === got.read.events[i]).length, 0, 'read whole');
});

test('analyses redone from typing with several cursors equal full analyses of the new text', (t) => {
  const rand = prng(23);
  let redone = 0;
  let rounds = 0;
  for (const [name, text] of shapes) {
    const { service, doc, analysis } = opened(`file:///cursors.${name}`, text);
    let previous = analysis;
    for (let round = 0; round < 60; round++, rounds++) {
      // Two to four cursors on lines near each other, each key typed at every cursor, a few keys.
      const first = Math.floor(rand() * doc.lineCount);
      const cursors = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => Math.min(doc.lineCount - 1, first + Math.floor(rand() * 12)));
      const at = cursors.map((line) => Math.floor(rand() * (lineLength(doc, line) + 1)));
      for (let key = 1 + Math.floor(rand() * 3); key > 0; key--) {
        const typedKey = typed[Math.floor(rand() * typed.length)];
        // The cursors in one change, as an editor sends them: each range as the text is before the change.
        const changes = cursors.map((line, i) => ({ range: { start: { line, character: at[i] }, end: { line, character: at[i] } }, text: typedKey }));
        // Two cursors on one line: the later one's range is where it is after the earlier one's key.
        const seen = new Map<number, number>();
        for (const c of changes) {
          const before = seen.get(c.range.start.line) ?? 0;
          seen.set(c.range.start.line, before + typedKey.length);
          c.range.start.character += before;
          c.range.end.character += before;
        }
        if (typedKey.includes('\n')) break;
        doc.update(changes, doc.version + 1);
        for (let i = 0; i < at.length; i++) at[i] += typedKey.length;
      }
      const got = service.analyze(doc) as LogAnalysis;
      assert.deepEqual(got, analyzeLogText(doc.getText()), `${name}, round ${round}`);
      if (got.read.events.length > 4 && got.read.events.filter((e, i) => e === previous.read.events[i]).length >= got.read.events.length - cursors.length) redone++;
      previous = got;
    }
  }
  t.diagnostic(`redone from the edits in ${redone} of ${rounds} rounds`);
  // Most rounds type a quote, delimiter, tab or bracket somewhere, or are in a shape read only whole,
  // and are read whole. Redoing one line's edits only, 24 rounds were redone from the edits.
  assert.ok(redone >= 60, `redone from the edits in ${redone} of ${rounds} rounds`);
});

test('typing that leaves what a one-line XML says as it was moves the events after it where they stand', () => {
  // New copies of every event after the edit, at each pause, kept V8's young generation full of
  // survivors, and its collections stopped the server for 5-10 ms at a time.
  const text = toXml(rowsOf(articleRows), { newlineReferences: true });
  const service = createService();
  const doc = new PieceTextDocument('file:///computer.xml', 'adsync-log', 1, text);
  const before = service.analyze(doc) as LogAnalysis;
  const last = before.read.events.at(-1)!;
  const lastId = last.idRange.start.character;
  // A letter in the second event's computer name, which no finding reads.
  const character = text.indexOf('</Computer>', text.indexOf('</Event>'));
  doc.update([{ range: { start: { line: 0, character }, end: { line: 0, character } }, text: 'x' }], 2);
  const got = service.analyze(doc) as LogAnalysis;
  assert.deepEqual(got, analyzeLogText(doc.getText()));
  assert.ok(got.read.events.at(-1) === last, 'the last event is the same object');
  assert.equal(last.idRange.start.character, lastId + 1);
});

test('while typing is worked into a log, the analysis before it reads the same at every pause', (t) => {
  // Requests answered between the steps of an analysis read the one before it: it must not be half
  // changed. A one-line XML of 1,620 events: typing near its start moves most of them,
  // which takes many steps.
  const rand = prng(5);
  const many = rowsOf(Array.from({ length: 60 }, () => [...articleRows, ...liveVariants]).flat()).map((r) => ({ ...r, message: r.message.replace(/\s*[\r\n]+\s*/g, ' ') }));
  const service = createService();
  const doc = new PieceTextDocument('file:///pauses.xml', 'adsync-log', 1, toXml(many));
  assert.equal(doc.lineCount, 1);
  let previous = service.analyze(doc) as LogAnalysis;
  let inPlace = 0;
  let copied = 0;
  let pauses = 0;
  for (let round = 0; round < 12; round++) {
    // A letter or digit somewhere in the first tenth of the line: in a message, a time, an ID or a tag name.
    const character = 200 + Math.floor(rand() * (doc.getText().length / 10));
    doc.update([{ range: { start: { line: 0, character }, end: { line: 0, character } }, text: rand() < 0.5 ? 'x' : '7' }], doc.version + 1);
    const said = JSON.stringify(previous);
    const steps = service.analyzeSteps(doc);
    let step = steps.next();
    for (; !step.done; step = steps.next()) {
      pauses++;
      assert.equal(JSON.stringify(previous), said, `round ${round}: the analysis before changed at a pause`);
    }
    const got = step.value as LogAnalysis;
    assert.deepEqual(got, analyzeLogText(doc.getText()), `round ${round}`);
    if (got.read.events === previous.read.events) inPlace++;
    else if (got.read.events[0] === previous.read.events[0]) copied++;
    previous = got;
  }
  t.diagnostic(`changed in place ${inPlace} times, over copies ${copied} times, ${pauses} pauses`);
  assert.ok(inPlace >= 2 && copied >= 2 && pauses >= 50, `in place ${inPlace}, over copies ${copied}, pauses ${pauses}`);
});

test('several cursors in the events of a one-line XML, their keys interleaved, read only those events again', (t) => {
  // Each key typed at every cursor adds one edit per cursor, so between two analyses the edits of
  // several events of the one line interleave; an edit's place counts the edits made before it.
  const rand = prng(31);
  const oneLine = rowsOf([...articleRows, ...liveVariants]).map((r) => ({ ...r, message: r.message.replace(/\s*[\r\n]+\s*/g, ' ') }));
  const { service, doc, analysis } = opened('file:///cursors.one-line.xml', toXml(oneLine));
  assert.equal(doc.lineCount, 1);
  const events = analysis.read.events.length;
  let previous = analysis;
  let redone = 0;
  for (let round = 0; round < 60; round++) {
    // Two to five cursors, each in the message of another event (never the first, which stays as it was).
    const text = doc.getText();
    const messages: { start: number; end: number }[] = [];
    for (let at = text.indexOf('<Data>'); at !== -1; at = text.indexOf('<Data>', at + 1)) messages.push({ start: at + 6, end: text.indexOf('</Data>', at) });
    const picked = [...new Set(Array.from({ length: 2 + Math.floor(rand() * 4) }, () => 1 + Math.floor(rand() * (messages.length - 1))))].sort((a, b) => a - b);
    const cursors = picked.map((k) => ({ start: messages[k].start, at: messages[k].start + Math.floor(rand() * (messages[k].end - messages[k].start + 1)) }));
    for (let key = 1 + Math.floor(rand() * 4); key > 0; key--) {
      // A letter or two, a backspace, or the next character replaced.
      const kind = rand();
      const typedKey = ['x', 'é', '7', 'ab'][Math.floor(rand() * 4)];
      const changes = cursors.map((c) => {
        const from = kind < 0.25 && c.at > c.start ? c.at - 1 : c.at;
        const to = kind >= 0.25 && kind < 0.4 ? Math.min(c.at + 1, text.length) : c.at;
        return { from, to, text: kind < 0.25 ? '' : typedKey };
      });
      // Left to right, each where it is after the ones before it; or right to left, each where it was.
      const ascending = rand() < 0.5;
      let shift = 0;
      const ranges = changes.map((c) => {
        const range = { start: { line: 0, character: c.from + (ascending ? shift : 0) }, end: { line: 0, character: c.to + (ascending ? shift : 0) } };
        shift += c.text.length - (c.to - c.from);
        return { range, text: c.text };
      });
      doc.update(ascending ? ranges : ranges.reverse(), doc.version + 1);
      let moved = 0;
      cursors.forEach((c, i) => {
        const { from, to, text: typed } = changes[i];
        c.start += moved;
        c.at = from + moved + typed.length;
        moved += typed.length - (to - from);
      });
    }
    const got = service.analyze(doc) as LogAnalysis;
    assert.deepEqual(got, analyzeLogText(doc.getText()), `round ${round}`);
    if (got.read.events[0] === previous.read.events[0]) redone++;
    previous = got;
  }
  t.diagnostic(`redone from the edits in ${redone} of 60 rounds (${events} events on one line)`);
  // A backspace at a message's start deletes its tag's bracket: such rounds are read whole.
  assert.ok(redone >= 50, `redone from the edits in ${redone} of 60 rounds`);

  // Typed, then deleted again: the text is as the analysis read it, and the analysis stands.
  const stands = service.analyze(doc) as LogAnalysis;
  const at = doc.getText().indexOf('</Data>', doc.getText().indexOf('</Data>') + 1);
  const other = doc.getText().lastIndexOf('</Data>');
  doc.update([{ range: { start: { line: 0, character: at }, end: { line: 0, character: at } }, text: 'x' }, { range: { start: { line: 0, character: other + 1 }, end: { line: 0, character: other + 1 } }, text: 'y' }], doc.version + 1);
  doc.update([{ range: { start: { line: 0, character: other + 1 }, end: { line: 0, character: other + 2 } }, text: '' }, { range: { start: { line: 0, character: at }, end: { line: 0, character: at + 1 } }, text: '' }], doc.version + 1);
  assert.ok(service.analyze(doc) === stands, 'the analysis before stands');

  // Many keys in one place before the analysis catches up: one change, read from the edits.
  const typedAt = doc.getText().indexOf('</Data>', doc.getText().indexOf('</Data>') + 1);
  for (let k = 0; k < 1000; k++) doc.update([{ range: { start: { line: 0, character: typedAt + k }, end: { line: 0, character: typedAt + k } }, text: 'z' }], doc.version + 1);
  const long = service.analyze(doc) as LogAnalysis;
  assert.deepEqual(long, analyzeLogText(doc.getText()));
  assert.ok(long.read.events[0] === stands.read.events[0], 'a thousand keys in one place: redone from the edits');

  // Past 16 events at once (a replace-all), the whole text is read again, to the same analysis.
  const ends = [...doc.getText().matchAll(/<\/Data>/g)].slice(1, 19).map((m) => m.index!).reverse();
  doc.update(ends.map((character) => ({ range: { start: { line: 0, character }, end: { line: 0, character } }, text: 'w' })), doc.version + 1);
  const all = service.analyze(doc) as LogAnalysis;
  assert.deepEqual(all, analyzeLogText(doc.getText()));
  assert.ok(all.read.events[0] !== stands.read.events[0], 'read whole');

  // So are a line's edits in more than 64 places, even in one event: each edit would walk them all.
  const message = doc.getText().indexOf('<Data>', doc.getText().indexOf('<Data>') + 1) + 6;
  doc.update(Array.from({ length: 70 }, (_, k) => ({ range: { start: { line: 0, character: message + 2 * k }, end: { line: 0, character: message + 2 * k } }, text: 'v' })), doc.version + 1);
  const scattered = service.analyze(doc) as LogAnalysis;
  assert.deepEqual(scattered, analyzeLogText(doc.getText()));
  assert.ok(scattered.read.events[0] !== all.read.events[0], 'read whole');
});

test('edits worked partly in place, then read whole: an analysis given up meanwhile leaves no base for the next edits', () => {
  // One cursor in the first event's computer name (which no finding reads: worked in place, the
  // events after it on the line moved along), one in the second event's closing tag (it no longer
  // ends there: the whole text is read). A caller may give that whole read up before it ends; then
  // the key in the tag is deleted, and the next analysis starts from the lists the first key moved
  // already. Moved twice, the first event no longer reads as its text, and the log is read whole.
  const many = rowsOf(Array.from({ length: 60 }, () => articleRows).flat()).map((r) => ({ ...r, message: r.message.replace(/\s*[\r\n]+\s*/g, ' ') }));
  const text = toXml(many);
  const service = createService();
  const doc = new PieceTextDocument('file:///given-up.xml', 'adsync-log', 1, text);
  assert.equal(doc.lineCount, 1);
  const last = (service.analyze(doc) as LogAnalysis).read.events.at(-1);
  const computer = text.indexOf('</Computer>');
  const closing = text.indexOf('</Event>', text.indexOf('</Event>') + 1) + 4;
  doc.update([{ range: { start: { line: 0, character: closing }, end: { line: 0, character: closing } }, text: 'x' }, { range: { start: { line: 0, character: computer }, end: { line: 0, character: computer } }, text: 'y' }], 2);
  const steps = service.analyzeSteps(doc);
  for (let k = 0; k < 5; k++) assert.equal(steps.next().done, false, 'the whole read takes steps');
  // Given up. The key in the tag is deleted (where it is now, after the other key).
  doc.update([{ range: { start: { line: 0, character: closing + 1 }, end: { line: 0, character: closing + 2 } }, text: '' }], 3);
  const got = service.analyze(doc) as LogAnalysis;
  assert.deepEqual(got, analyzeLogText(doc.getText()));
  assert.ok(got.read.events.at(-1) !== last, 'read whole');
});
