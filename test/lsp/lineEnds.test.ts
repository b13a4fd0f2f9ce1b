/**
 * Lone CRs (which some providers write inside messages) end lines for the client, as CRLF and LF do:
 * every annotation after one must still sit on its event's ID as the client counts lines.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HoverRequest, type Position } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { articleRows, liveVariants } from '../fixtures/messages';
import { rowsOf, toCsv, toXml } from '../fixtures/exports';
import { TestClient } from './client';

const cases = [...articleRows, ...liveVariants];
/** Each message with its CRLFs as lone CRs, and a lone CR in front. */
const rows = rowsOf(cases).map((r) => ({ ...r, message: `\r${r.message.replace(/\r\n/g, '\r')}` }));

/** Where the client puts each event's ID: the offsets of `before` + ID + `after`, in order. */
function idPositions(doc: TextDocument, before: string, after: string): Position[] {
  const text = doc.getText();
  let from = 0;
  return cases.map((c) => {
    const at = text.indexOf(`${before}${c.eventId}${after}`, from);
    assert.notEqual(at, -1, `${c.name}: ID not found`);
    from = at + 1;
    return doc.positionAt(at + before.length);
  });
}

const shapes: [string, string, string, string, string][] = [
  ['CSV', 'file:///logs/lone-cr.csv', toCsv(rows), ',', ',None,'],
  ['XML', 'file:///logs/lone-cr.xml', toXml(rows, { oneLine: false }), "'0'>", '</EventID>'],
  ['one-line XML', 'file:///logs/lone-cr-one-line.xml', toXml(rows), "'0'>", '</EventID>'],
];

describe('messages with lone CRs', () => {
  const client = new TestClient();
  before(() => client.initialize());
  after(() => client.shutdown());

  for (const [shape, uri, text, idBefore, idAfter] of shapes) {
    test(`${shape}: each event's diagnostic and hover are on its ID as the client counts lines`, async () => {
      assert.match(text, /\r[^\n]/);
      const doc = TextDocument.create(uri, 'adsync-log', 1, text);
      await client.open(uri, text);
      const { diagnostics } = await client.diagnosticsFor(uri);
      const perEvent = diagnostics.filter((d) => String(d.code).startsWith('event/'));
      assert.deepEqual(perEvent.map((d) => d.code), cases.map((c) => c.rule));
      const expected = idPositions(doc, idBefore, idAfter);
      perEvent.forEach((d, i) => {
        assert.deepEqual(d.range.start, expected[i], cases[i].name);
        assert.equal(doc.getText(d.range), String(cases[i].eventId), cases[i].name);
      });
      const last = perEvent[perEvent.length - 1];
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: last.range.start });
      assert.ok(hover, 'a hover on the last event ID');
    });
  }
});
