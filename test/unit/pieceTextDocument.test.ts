// The server's own document must behave exactly like vscode-languageserver-textdocument's, edit for edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceTextDocument } from '../../server/src/pieceTextDocument';
import { LineIndex } from '../../server/src/service/formats/text';
import { prng } from '../fixtures/hostile';

const alphabet = ['a', 'b', ' ', '\n', '\r\n', '\r', 'é', '😀', 'xyz\n\n', ''];

function randomText(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

test('random edits leave the same text, lines and positions as the library document', () => {
  const rand = prng(42);
  for (let round = 0; round < 300; round++) {
    const initial = randomText(rand, Math.floor(rand() * 40));
    const ours = new PieceTextDocument('file:///a', 'plaintext', 1, initial);
    const theirs = TextDocument.create('file:///a', 'plaintext', 1, initial);
    for (let edit = 0; edit < 25; edit++) {
      const pos = () => ({ line: Math.floor(rand() * (theirs.lineCount + 1)), character: Math.floor(rand() * 8) });
      const change = rand() < 0.05 ? { text: randomText(rand, 10) } : { range: { start: pos(), end: pos() }, text: randomText(rand, Math.floor(rand() * 4)) };
      // Reading the line count first makes both documents keep line starts through the edit.
      if (rand() < 0.7) assert.equal(ours.lineCount, theirs.lineCount);
      ours.update([change], edit + 2);
      TextDocument.update(theirs, [change], edit + 2);
      assert.equal(ours.getText(), theirs.getText(), `round ${round} edit ${edit}`);
      assert.equal(ours.lineCount, theirs.lineCount);
      assert.equal(ours.version, theirs.version);
      for (let k = 0; k < 5; k++) {
        const offset = Math.floor(rand() * (theirs.getText().length + 2));
        assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset));
        const p = pos();
        assert.equal(ours.offsetAt(p), theirs.offsetAt(p));
        const range = { start: pos(), end: pos() };
        assert.equal(ours.getText(range), theirs.getText(range));
        assert.deepEqual(ours.getLineRange(p.line), theirs.getLineRange(p.line));
        assert.equal(ours.getEOLCharacters(p.line), theirs.getEOLCharacters(p.line));
        // Read by lines and offsets (TextLines, as semantic tokens read it), as a LineIndex reads the joined text.
        const index = new LineIndex(theirs.getText());
        assert.equal(ours.length, index.length);
        assert.equal(ours.lineStart(p.line), index.lineStart(p.line), `lineStart ${p.line}`);
        assert.equal(ours.lineEnd(p.line), index.lineEnd(p.line), `lineEnd ${p.line}`);
        const [a, b] = [offset, Math.floor(rand() * (index.length + 2))].sort((x, y) => x - y);
        assert.equal(ours.slice(a, b), index.slice(a, b));
      }
    }
  }
});

test('typing in a big document keeps it in a few pieces and does not copy it per keystroke', () => {
  const big = 'Information,1/1/2026 1:00:00 AM,Directory Synchronization,657,None,"Result : Success"\r\n'.repeat(20_000);
  const doc = new PieceTextDocument('file:///big', 'adsync-log', 1, big);
  const line = 10_000;
  for (let k = 0; k < 50; k++) doc.update([{ range: { start: { line, character: 5 + k }, end: { line, character: 5 + k } }, text: 'x' }], k + 2);
  assert.equal((doc as unknown as { pieces: string[] }).pieces.length, 3);
  assert.equal(doc.getText({ start: { line, character: 0 }, end: { line, character: 60 } }), `Infor${'x'.repeat(50)}matio`);
  assert.equal(doc.lineCount, 20_001);
  assert.deepEqual(doc.positionAt(doc.getText().length), { line: 20_000, character: 0 });
  // The later lines moved as one: typing on in one line rewrote none of their starts.
  const stored = (doc as unknown as { lineStarts: number[] }).lineStarts;
  assert.equal(stored[20_000], big.length);
  assert.equal(doc.offsetAt({ line: 20_000, character: 0 }), big.length + 50);
});

test('typing runs in one line, then elsewhere, with lines added and removed, read like the library document', () => {
  const rand = prng(7);
  for (let round = 0; round < 60; round++) {
    const initial = randomText(rand, 200 + Math.floor(rand() * 200));
    const ours = new PieceTextDocument('file:///t', 'plaintext', 1, initial);
    const theirs = TextDocument.create('file:///t', 'plaintext', 1, initial);
    let version = 1;
    assert.equal(ours.lineCount, theirs.lineCount);
    for (let run = 0; run < 12; run++) {
      // A run of keys at one place: characters typed or deleted, now and then a line break.
      let at = { line: Math.floor(rand() * theirs.lineCount), character: Math.floor(rand() * 6) };
      for (let key = 0; key < 8; key++) {
        const r = rand();
        const change = r < 0.15
          ? { range: { start: at, end: { line: at.line + 1, character: 0 } }, text: '' }
          : r < 0.3 ? { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }
            : { range: { start: at, end: at }, text: rand() < 0.1 ? '\n' : rand() < 0.5 ? 'x' : 'yz' };
        ours.update([change], ++version);
        TextDocument.update(theirs, [change], version);
        const end = theirs.positionAt(theirs.offsetAt(change.range.start) + change.text.length);
        at = end;
        assert.equal(ours.lineCount, theirs.lineCount, `round ${round} run ${run} key ${key}`);
        for (let k = 0; k < 4; k++) {
          const offset = Math.floor(rand() * (theirs.getText().length + 2));
          assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset));
          const p = { line: Math.floor(rand() * (theirs.lineCount + 1)), character: Math.floor(rand() * 8) };
          assert.equal(ours.offsetAt(p), theirs.offsetAt(p));
          assert.deepEqual(ours.getLineRange(p.line), theirs.getLineRange(p.line));
        }
      }
    }
    assert.equal(ours.getText(), theirs.getText());
  }
});

test('lines counted in steps, a megabyte at a time, match the library, \r\n pairs on window edges included', () => {
  // The first \r is the last character of the first 1 MB window.
  const text = `${'a'.repeat((1 << 20) - 1)}\r\n${'b\r\n'.repeat(500_000)}end\rlone\nlast`;
  const ours = new PieceTextDocument('file:///c', 'plaintext', 1, text);
  let pauses = 0;
  for (const step = ours.countLines(); !step.next().done; ) pauses++;
  assert.ok(pauses >= 3, `${pauses} pauses`);
  const theirs = TextDocument.create('file:///c', 'plaintext', 1, text);
  assert.equal(ours.lineCount, theirs.lineCount);
  for (let line = 0; line < theirs.lineCount; line += 97) assert.equal(ours.offsetAt({ line, character: 0 }), theirs.offsetAt({ line, character: 0 }));
  assert.deepEqual(ours.positionAt(text.length - 6), theirs.positionAt(text.length - 6));

  // A key typed while the windows' starts are put together: that count is dropped, and the next one
  // is of the new text.
  const typed = new PieceTextDocument('file:///c', 'plaintext', 1, text);
  const counting = typed.countLines();
  for (let k = 0; k <= pauses - 1; k++) assert.equal(counting.next().done, false);
  typed.update([{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'x\ny' }], 2);
  assert.equal(counting.next().done, true);
  TextDocument.update(theirs, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'x\ny' }], 2);
  assert.equal(typed.lineCount, theirs.lineCount);
  for (let line = 0; line < theirs.lineCount; line += 97) assert.equal(typed.offsetAt({ line, character: 0 }), theirs.offsetAt({ line, character: 0 }));
});
