import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoInstant, parseLooseDate } from '../../server/src/service/formats/dates';

const MAY_1 = Date.UTC(2013, 4, 1, 16, 34, 8);

test('locale formats Windows writes, read as wall-clock time', () => {
  assert.equal(parseLooseDate('5/1/2013 4:34:08 PM'), MAY_1);
  assert.equal(parseLooseDate('05/01/2013 04:34:08 pm'), MAY_1);
  assert.equal(parseLooseDate('01/05/2013 16:34:08'), MAY_1);
  assert.equal(parseLooseDate('01.05.2013 16:34:08'), MAY_1);
  assert.equal(parseLooseDate('1-5-2013 16:34:08'), MAY_1);
  assert.equal(parseLooseDate('2013/05/01 16:34:08'), MAY_1);
  assert.equal(parseLooseDate('5/1/2013 12:00:00 AM'), Date.UTC(2013, 4, 1, 0, 0, 0));
  assert.equal(parseLooseDate('5/1/2013 12:00:00 PM'), Date.UTC(2013, 4, 1, 12, 0, 0));
  assert.equal(parseLooseDate('01.05.2013 16:34'), Date.UTC(2013, 4, 1, 16, 34, 0));
  assert.equal(parseLooseDate('\u200e01/\u200e05/\u200e2013 16:34:08'), MAY_1);
});

test('day-first slashes fall back to month-first when the day-first reading is impossible', () => {
  assert.equal(parseLooseDate('05/13/2013 16:34:08'), Date.UTC(2013, 4, 13, 16, 34, 8));
  assert.equal(parseLooseDate('13/5/2013 4:34:08 PM'), Date.UTC(2013, 4, 13, 16, 34, 8));
});

test('ISO: zone-less is wall-clock, a zone gives the instant', () => {
  assert.equal(parseLooseDate('2013-05-01T16:34:08.1230000'), MAY_1 + 123);
  assert.equal(parseLooseDate('2013-05-01 16:34:08'), MAY_1);
  assert.equal(parseLooseDate('2013-05-01T16:34:08Z'), MAY_1);
  assert.equal(parseLooseDate('2013-05-01T18:34:08+02:00'), MAY_1);
  assert.equal(isoInstant('2013-05-01T23:34:08.123456700Z'), '2013-05-01T23:34:08.123Z');
  assert.equal(isoInstant('2013-05-01T16:34:08-0700'), '2013-05-01T23:34:08.000Z');
  assert.equal(isoInstant('2013-05-01T16:34:08'), null);
  assert.equal(isoInstant('5/1/2013 4:34:08 PM'), null);
});

test('nonsense gives null', () => {
  for (const t of ['', 'May 01 16:34', '31/04/2013 10:00:00', '2013-02-30', '5/1/13 4:34 PM', '5/1/2013 13:00:00 PM', 'x'.repeat(100), '1'.repeat(100000)]) {
    assert.equal(parseLooseDate(t), null, t.slice(0, 30));
  }
});

test('a date inside a bigger text is read between its offsets, never past them', () => {
  const text = '0,5/1/2013 4:34:08 PM,1';
  assert.equal(parseLooseDate(text, 2, text.length - 2), MAY_1);
  // What follows the end does not count: '1/5/2013 16:34' is read, not '1/5/2013 16:34.5'.
  assert.equal(parseLooseDate('1/5/2013 16:34.5', 0, 14), Date.UTC(2013, 4, 1, 16, 34));
  assert.equal(parseLooseDate('1/5/2013 16:34.5'), null);
  assert.equal(parseLooseDate('x 01.05.2013 16:34:08 PM', 2, 21), MAY_1);
  // Spaces and direction marks inside the offsets are cleaned as for a whole text.
  const marked = '; \u200e01/\u200e05/\u200e2013 16:34:08 ;';
  assert.equal(parseLooseDate(marked, 1, marked.length - 1), MAY_1);
});

test('locale dates: each part takes only the digits and marks it allows', () => {
  const cases: Array<[string, number | null]> = [
    ['1/2/2013', Date.UTC(2013, 1, 1)],
    ['1.2.2013. 16:34', Date.UTC(2013, 1, 1, 16, 34)],
    ['1/2/2013T4:34', Date.UTC(2013, 1, 1, 4, 34)],
    ['1/2/2013  T 4.34.56', Date.UTC(2013, 1, 1, 4, 34, 56)],
    ['1/2/2013 4:34:56,5', Date.UTC(2013, 1, 1, 4, 34, 56, 500)],
    ['1/2/2013 4:34 p. m.', Date.UTC(2013, 0, 2, 16, 34)],
    ['1/2/2013 12:00 AM', Date.UTC(2013, 0, 2, 0, 0)],
    ['1/2-2013', null],
    ['12345/1/2013', null],
    ['1/123/2013', null],
    ['1/2/20131', null],
    ['1/2/2013 PM', null],
    ['1/2/2013 4:3', null],
    ['1/2/2013 4:345', null],
    ['1/2/2013 4:34:5', null],
    ['1/2/2013 4:34:56.1234567891', null],
    ['1/2/2013 4:34:56. PM', null],
    ['1/2/2013 4:34 A', null],
    ['1/2/2013 4:34 AMx', null],
    ['1/2/2013 13:00 PM', null],
  ];
  for (const [text, expected] of cases) assert.equal(parseLooseDate(text), expected, text);
});

test('the shapes exports usually write are read in one pass, with the same answers as the full reading', () => {
  const year99 = new Date(0);
  year99.setUTCFullYear(99, 11, 31);
  year99.setUTCHours(23, 59, 59, 0);
  const cases: Array<[string, number | null]> = [
    ['05/13/2013 04:34:08 PM', Date.UTC(2013, 4, 13, 16, 34, 8)],
    ['13/05/2013 16:34:08', Date.UTC(2013, 4, 13, 16, 34, 8)],
    ['2013/5/1 4:34:08 pm', MAY_1],
    ['2013-05-01 16:34:08', MAY_1],
    ['2013.5.1 16.34.08', MAY_1],
    ['1.5.2013 16.34.08', MAY_1],
    ['5/1/2013 12:34:08 AM', Date.UTC(2013, 4, 1, 0, 34, 8)],
    ['5/1/2013 0:34:08 AM', null],
    ['5/1/2013 24:00:00', null],
    ['1/5/2013 16:34:60', Date.UTC(2013, 4, 1, 16, 34, 59)],
    ['29/2/2012 10:00:00', Date.UTC(2012, 1, 29, 10)],
    ['29/2/2013 10:00:00', null],
    ['31/12/0099 23:59:59', year99.getTime()],
    ['1/1/1600 00:00:00', Date.UTC(1600, 0, 1)],
  ];
  for (const [text, expected] of cases) {
    assert.equal(parseLooseDate(text), expected, text);
    // In place, with more digits and letters around it that must not be read.
    const around = `9${text}1 PM`;
    assert.equal(parseLooseDate(around, 1, 1 + text.length), expected, around);
  }
});
