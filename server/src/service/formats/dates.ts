/**
 * Dates as exports write them. Text exports carry the machine's locale format and no zone, so the
 * readers keep the text and derive only a sort key from it; an instant is stated only for ISO text
 * that carries its zone.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)? ?(Z|[+-]\d{2}:?\d{2})?$/;

const SPACE = 0x20;
const DOT = 0x2e;
const SLASH = 0x2f;
const DASH = 0x2d;

/** Marks Windows puts around date parts for right-to-left locales; they carry no meaning here. */
const DIRECTION_MARKS = /[\u200e\u200f]/g;

/**
 * Reads a date as Windows exports write it (`text`, or only text[start, end)) and returns a sort key
 * in milliseconds.
 *
 * Local wall-clock times (no zone) are read as if they were UTC (`Date.UTC` of the fields), which is
 * enough to order the events of one file. ISO text with `Z` or an offset gives the true instant.
 * Accepted: `M/d/yyyy h:mm:ss AM/PM`, `dd/MM/yyyy HH:mm:ss`, `dd.MM.yyyy HH:mm:ss`, `dd-MM-yyyy HH:mm:ss`,
 * `yyyy/MM/dd HH:mm:ss`, ISO 8601 (`T` or space, fractions, optional zone); seconds may be missing.
 * A slashed date with AM/PM is read month first, without it day first; when that reading is impossible
 * (a month above 12) the other order is tried. Returns null for anything else.
 */
export function parseLooseDate(text: string, start = 0, end = text.length): number | null {
  if (end - start > 256) return null;
  const usual = parseUsual(text, start, end);
  if (usual !== undefined) return usual;
  if (isPlain(text, start, end)) return parseTrimmed(text, start, end);
  const t = text.slice(start, end).replace(DIRECTION_MARKS, '').trim();
  return parseTrimmed(t, 0, t.length);
}

/**
 * The shapes nearly every export writes, read in one pass: `d/M/yyyy h:mm:ss`, with `/`, `.` or `-`
 * between the date parts (or `yyyy/M/d`), `:` or `.` between the time parts, and ` AM` or ` PM`
 * (either case) or nothing after. Returns what parseLocale returns for them, or undefined for any
 * other text, which is left to the full reading. (Locale text is ISO only when it starts with four
 * digits and a dash, and then both readings agree: the same fields, no zone, no fraction.)
 */
function parseUsual(t: string, start: number, end: number): number | null | undefined {
  // Inside the text only: past its end charCodeAt gives NaN, which the digit tests below would pass.
  if (end - start < 14 || start < 0 || end > t.length) return undefined;
  // The first part: 1, 2 or 4 digits.
  let i = digitsEnd(t, start, end, 4);
  if (i === start || i - start === 3) return undefined;
  const a = digitsValue(t, start, i);
  const yearFirst = i - start === 4;
  const separator = t.charCodeAt(i);
  if (separator !== SLASH && separator !== DOT && separator !== DASH) return undefined;
  // The second part: 1 or 2 digits, then the same separator.
  const bStart = ++i;
  i = digitsEnd(t, i, end, 2);
  if (i === bStart || t.charCodeAt(i) !== separator) return undefined;
  const b = digitsValue(t, bStart, i);
  // The third part: 4 digits after 1 or 2, 1 or 2 after 4; then one space.
  const cStart = ++i;
  i = digitsEnd(t, i, end, yearFirst ? 2 : 4);
  if (yearFirst ? i === cStart : i - cStart !== 4) return undefined;
  const last = digitsValue(t, cStart, i);
  // A space and the shortest time (h:mm:ss) must fit before the end.
  if (i + 8 > end || t.charCodeAt(i) !== SPACE) return undefined;
  // h[:.]mm[:.]ss: 1 or 2 digits for the hour, 2 for the others.
  const hStart = ++i;
  i = digitsEnd(t, i, end, 2);
  if (i === hStart) return undefined;
  let hour = digitsValue(t, hStart, i);
  if (i + 6 > end || !isTimeSeparator(t.charCodeAt(i)) || !isTimeSeparator(t.charCodeAt(i + 3))) return undefined;
  const m1 = t.charCodeAt(i + 1) - 0x30;
  const m2 = t.charCodeAt(i + 2) - 0x30;
  const s1 = t.charCodeAt(i + 4) - 0x30;
  const s2 = t.charCodeAt(i + 5) - 0x30;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || s1 < 0 || s1 > 9 || s2 < 0 || s2 > 9) return undefined;
  const minute = m1 * 10 + m2;
  const second = s1 * 10 + s2;
  i += 6;
  // Nothing more, or ` AM` / ` PM`.
  let meridiem = 0; // 1 AM, 2 PM
  if (i !== end) {
    if (i + 3 !== end || t.charCodeAt(i) !== SPACE) return undefined;
    const marker = t.charCodeAt(i + 1) | 0x20;
    if ((marker !== 0x61 && marker !== 0x70) || (t.charCodeAt(i + 2) | 0x20) !== 0x6d) return undefined;
    meridiem = marker === 0x70 ? 2 : 1;
  }
  if (meridiem !== 0) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 2 ? 12 : 0);
  }
  if (yearFirst) return utc(a, b, last, hour, minute, second, 0);
  const monthFirst = separator === SLASH && meridiem !== 0;
  const first = monthFirst ? utc(last, a, b, hour, minute, second, 0) : utc(last, b, a, hour, minute, second, 0);
  if (first !== null) return first;
  return monthFirst ? utc(last, b, a, hour, minute, second, 0) : utc(last, a, b, hour, minute, second, 0);
}

/** Where a run of at most `max` digits starting at `i` ends, before `end`. */
function digitsEnd(t: string, i: number, end: number, max: number): number {
  const stop = Math.min(end, i + max);
  while (i < stop && isDigit(t.charCodeAt(i))) i++;
  return i;
}

/** The number the digits of t[from, to) write. */
function digitsValue(t: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + t.charCodeAt(i) - 0x30;
  return n;
}

/**
 * True when text[start, end) can be read where it is, with no copy to clean: a reader passes its
 * whole text and a cell's offsets, which reads faster than a slice of it. That needs no direction
 * marks, and nothing to trim: dates start with a digit and end with a digit, a dot or a letter
 * (AM, PM, Z), and trimming removes none of those.
 */
function isPlain(text: string, start: number, end: number): boolean {
  if (start >= end || !isDigit(text.charCodeAt(start))) return false;
  const last = text.charCodeAt(end - 1);
  if (!isDigit(last) && last !== DOT && !isAsciiLetter(last)) return false;
  for (let i = start + 1; i < end - 1; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x200e || c === 0x200f) return false;
  }
  return true;
}

/** parseLooseDate of text[start, end), which has no direction marks and nothing to trim. */
function parseTrimmed(t: string, start: number, end: number): number | null {
  if (start === end || end - start > 64) return null;
  // ISO text has its first dash at index 4: checking that spares the pattern on locale text.
  const iso = code(t, start + 4, end) === DASH ? ISO.exec(t.slice(start, end)) : null;
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    const wall = utc(+y, +mo, +d, h === undefined ? 0 : +h, mi === undefined ? 0 : +mi, s === undefined ? 0 : +s, millis(frac));
    if (wall === null || zone === undefined) return wall;
    return wall - zoneOffsetMinutes(zone) * 60_000;
  }
  return parseLocale(t, start, end);
}

/**
 * Reads `d/M/yyyy`, `M/d/yyyy`, `d.M.yyyy`, `d-M-yyyy` or `yyyy/M/d`, then an optional time and AM/PM
 * marker: what the pattern
 * `^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})\.?(?:[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,9}))?)?)?(?: *([AaPp])\.? ?[Mm]\.?)?$`
 * matches. It is read by hand because that pattern and its match array cost more than the rest of
 * reading a CSV row. Every number is followed by something that is not a digit, so a run of digits
 * longer than its part allows can never match, and no part needs a second try.
 */
function parseLocale(t: string, start: number, end: number): number | null {
  const aDigits = digitRun(t, start, end);
  if (aDigits < 1 || aDigits > 4) return null;
  const separator = code(t, start + aDigits, end);
  if (separator !== SLASH && separator !== DOT && separator !== DASH) return null;
  const bStart = start + aDigits + 1;
  const bDigits = digitRun(t, bStart, end);
  if (bDigits < 1 || bDigits > 2 || code(t, bStart + bDigits, end) !== separator) return null;
  const cStart = bStart + bDigits + 1;
  const cDigits = digitRun(t, cStart, end);
  if (cDigits < 1 || cDigits > 4) return null;
  let i = cStart + cDigits;
  if (code(t, i, end) === DOT) i++;

  // The time, taken only when complete: `[ T]+h[:.]mm`, then `[:.]ss`, then `[.,]fraction`.
  let hour = -1;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let j = i;
  while (code(t, j, end) === SPACE || code(t, j, end) === 0x54 /* T */) j++;
  const hDigits = j > i ? digitRun(t, j, end) : 0;
  if (hDigits >= 1 && hDigits <= 2 && isTimeSeparator(code(t, j + hDigits, end)) && digitRun(t, j + hDigits + 1, end) === 2) {
    hour = decimal(t, j, hDigits);
    minute = decimal(t, j + hDigits + 1, 2);
    i = j + hDigits + 3;
    if (isTimeSeparator(code(t, i, end)) && digitRun(t, i + 1, end) === 2) {
      second = decimal(t, i + 1, 2);
      i += 3;
      const fDigits = code(t, i, end) === DOT || code(t, i, end) === 0x2c /* , */ ? digitRun(t, i + 1, end) : 0;
      if (fDigits >= 1 && fDigits <= 9) {
        // Milliseconds are the first three digits of the fraction.
        const kept = Math.min(fDigits, 3);
        ms = decimal(t, i + 1, kept) * 10 ** (3 - kept);
        i += 1 + fDigits;
      }
    }
  }

  // The AM/PM marker, taken only when complete: ` *[AaPp]\.? ?[Mm]\.?`.
  let meridiem: 'am' | 'pm' | null = null;
  j = i;
  while (code(t, j, end) === SPACE) j++;
  const marker = code(t, j, end);
  if (marker === 0x41 || marker === 0x61 || marker === 0x50 || marker === 0x70 /* AaPp */) {
    j++;
    if (code(t, j, end) === DOT) j++;
    if (code(t, j, end) === SPACE) j++;
    if (code(t, j, end) === 0x4d || code(t, j, end) === 0x6d /* Mm */) {
      j++;
      if (code(t, j, end) === DOT) j++;
      meridiem = marker === 0x50 || marker === 0x70 ? 'pm' : 'am';
      i = j;
    }
  }
  if (i !== end) return null;

  if (meridiem !== null) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  } else if (hour === -1) {
    hour = 0;
  }
  const a = decimal(t, start, aDigits);
  const b = decimal(t, bStart, bDigits);
  const c = decimal(t, cStart, cDigits);
  if (aDigits === 4) return utc(a, b, c, hour, minute, second, ms);
  if (cDigits !== 4) return null;
  const monthFirst = separator === SLASH && meridiem !== null;
  const first = monthFirst ? utc(c, a, b, hour, minute, second, ms) : utc(c, b, a, hour, minute, second, ms);
  if (first !== null) return first;
  return monthFirst ? utc(c, b, a, hour, minute, second, ms) : utc(c, a, b, hour, minute, second, ms);
}

function isTimeSeparator(c: number): boolean {
  return c === 0x3a /* : */ || c === DOT;
}

/** The character code at `i`, or -1 from `end` on: a date is read inside a bigger text, up to its end. */
function code(t: string, i: number, end: number): number {
  return i < end ? t.charCodeAt(i) : -1;
}

/** How many ASCII digits are at `i`, before `end`. */
function digitRun(t: string, i: number, end: number): number {
  let j = i;
  while (j < end && isDigit(t.charCodeAt(j))) j++;
  return j - i;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** The number written by the `count` ASCII digits at `i`. */
function decimal(t: string, i: number, count: number): number {
  let n = 0;
  for (let j = i; j < i + count; j++) n = n * 10 + (t.charCodeAt(j) - 0x30);
  return n;
}

/**
 * Returns the ISO 8601 UTC instant (`2013-05-01T16:34:08.123Z`) when the text is ISO with a zone
 * (`Z` or an offset), else null. Locale formats and zone-less ISO are ambiguous and give null.
 */
export function isoInstant(text: string): string | null {
  if (text.length > 256) return null;
  const t = text.trim();
  if (t.length > 64) return null;
  const iso = ISO.exec(t);
  if (!iso || iso[4] === undefined || iso[8] === undefined) return null;
  const ms = parseLooseDate(t);
  return ms === null ? null : new Date(ms).toISOString();
}

function millis(frac: string | undefined): number {
  if (frac === undefined) return 0;
  return Math.floor(Number((frac + '00').slice(0, 3)));
}

function zoneOffsetMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/** Date.UTC of validated fields, or null when a field is out of range (e.g. 31 April). */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  if (day > daysIn(year, month)) return null;
  // What Date.UTC gives for years from 100 on (it reads 0-99 as 1900-1999, this does not), without
  // its call into the runtime, which cost more than the rest of reading a date.
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + Math.min(second, 59) * 1000 + ms;
}

/** Days from 1970-01-01 to a valid proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
