/** The Event Viewer XML reader on its own: every field, the unreadable events, and hostile shapes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventViewerXmlReader } from '../../server/src/service/formats/eventViewerXml';
import { attribute, decodeXmlText } from '../../server/src/service/formats/xmlText';
import { plain } from '../fixtures/plain';

const read = (xml: string) => eventViewerXmlReader.read(xml);

test('every field of an event, with its EventID range on the digits', () => {
  const xml = [
    '<Events><Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>',
    `<Provider EventSourceName='ADSync' Name = "Directory Synchronization"/><EventID Qualifiers='0'> 611 </EventID><Level>2</Level>`,
    `<TimeCreated SystemTime='2024-05-01T16:34:08.1234567Z'/><EventRecordID>4242</EventRecordID></System>`,
    `<EventData><Data Name='a'>x &amp; y</Data><Data/><DataItem>not data</DataItem><Data>z</Data></EventData></Event></Events>`,
  ].join('\n');
  const r = read(xml);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(plain(r.events), [{
    recordId: 4242,
    eventId: 611,
    source: 'Directory Synchronization',
    level: 'error',
    levelText: '2',
    timeText: '2024-05-01T16:34:08.1234567Z',
    time: '2024-05-01T16:34:08.1234567Z',
    sortTime: Date.parse('2024-05-01T16:34:08.1234567Z'),
    message: 'x & y\n\nz',
    data: ['x & y', '', 'z'],
    range: { start: { line: 0, character: 8 }, end: { line: 3, character: 112 } },
    idRange: { start: { line: 1, character: 96 }, end: { line: 1, character: 99 } },
  }]);
});

test('each event has its own provider, however many events name the same ones, in whichever attribute', () => {
  const event = (provider: string, id: number) => `<Event><System>${provider}<EventID>${id}</EventID><TimeCreated SystemTime='2024-05-01T16:34:08Z'/></System></Event>`;
  const providers = [`<Provider Name='ADSync'/>`, `<Provider Name='Directory Synchronization'/>`, `<Provider EventSourceName='Application Error'/>`, '', `<Provider Name='a &amp; b'/>`];
  const order = [0, 1, 0, 2, 2, 3, 1, 4, 0, 4];
  const r = read(`<Events>${order.map((p, i) => event(providers[p], 600 + i)).join('\n')}</Events>`);
  assert.deepEqual(r.errors, []);
  const names = ['ADSync', 'Directory Synchronization', 'Application Error', null, 'a & b'];
  assert.deepEqual(r.events.map((e) => [e.eventId, e.source]), order.map((p, i) => [600 + i, names[p]]));
});

test('the rendered message wins over the data, and only the message has its line breaks made LF', () => {
  const xml = `<Event><System><Provider EventSourceName='ADSync'/><EventID>6900</EventID></System><EventData><Data>a\r\nb</Data></EventData><RenderingInfo Culture='en-US'><Message>Rendered\r\nline &lt;2&gt;\rend</Message></RenderingInfo></Event>`;
  const [e] = read(xml).events;
  assert.equal(e.source, 'ADSync');
  assert.deepEqual(e.data, ['a\r\nb']);
  assert.equal(e.message, 'Rendered\nline <2>\nend');
  assert.equal('recordId' in e, false);
  assert.equal(e.level, 'unknown');
  assert.equal(e.levelText, null);
  assert.equal(e.sortTime, null);
});

test('<UserData> values are the texts of its innermost elements', () => {
  const xml = `<Event><System><EventID>4624</EventID></System><UserData><Log xmlns='x'><A>1</A><B/><C k='v'>c&amp;d</C></Log></UserData></Event>`;
  assert.deepEqual(read(xml).events[0].data, ['1', '', 'c&d']);
});

test('an unreadable event is skipped with an error on its first line, and the others are still read', () => {
  const ok = '<Event><System><EventID>1</EventID></System></Event>';
  const xml = [
    '<Events>',
    '<Event><EventID>2</EventID></Event>',
    '<Event><System><Level>4</Level></System></Event>',
    '<Event><System><EventID>4x</EventID></System></Event>',
    ok,
    '<Event><System><EventID>5</EventID></System>',
    ok,
    '</Events>',
  ].join('\r\n');
  const r = read(xml);
  assert.deepEqual(r.events.map((e) => e.range.start.line), [4, 6]);
  assert.deepEqual(r.errors.map((e) => [e.message, e.range.start.line, e.range.end]), [
    ['The <Event> on line 2 has no <System> block; it was skipped.', 1, { line: 1, character: 35 }],
    ['The <Event> on line 3 has no <EventID>; it was skipped.', 2, { line: 2, character: 48 }],
    ['The <EventID> on line 4 is not a number; the event was skipped.', 3, { line: 3, character: 53 }],
    ['An <Event> starting on line 6 is not closed; it was skipped.', 5, { line: 5, character: 44 }],
  ]);
});

test('attributes: either quote, white space around "=", a name only as a whole word', () => {
  assert.equal(attribute(` Guid='{1}' Name = "A &amp; B"`, 'Name'), 'A & B');
  assert.equal(attribute(` EventSourceName='x'`, 'Name'), null);
  assert.equal(attribute(`\u00a0Name='nbsp'`, 'Name'), 'nbsp');
  // A value whose quote never closes is passed over for a later one.
  assert.equal(attribute(` Name='unclosed Name="two"`, 'Name'), 'two');
  assert.equal(attribute(` Name='a Name='b`, 'Name'), 'a Name=');
  assert.equal(attribute(` Name='a Name="b`, 'Name'), null);
});

test('only the predefined entities are decoded, never the names of Object.prototype members', () => {
  assert.equal(decodeXmlText('&lt;&#x41;&#66;&amp;amp;&apos;'), "<AB&amp;'");
  assert.equal(decodeXmlText('&toString;&__proto__;&valueOf;&constructor;'), '&toString;&__proto__;&valueOf;&constructor;');
  assert.equal(decodeXmlText('a<![CDATA[&lt;]]>&gt;<![CDATA[open'), 'a&lt;>open');
});
