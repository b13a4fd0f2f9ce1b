/**
 * Dates as exports write them. Text exports carry the machine's locale format and no zone, so the
 * readers keep the text and derive only a sort key from it; an instant is stated only for ISO text
 * that carries its zone.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)? ?(Z|[+-]\d{2}:?\d{2})?$/;

/** `d/M/yyyy`, `M/d/yyyy`, `d.M.yyyy`, `d-M-yyyy`, `yyyy/M/d`, then an optional time and AM/PM marker. */
const LOCALE =
  /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})\.?(?:[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,9}))?)?)?(?: *([AaPp])\.? ?[Mm]\.?)?$/;

/** Marks Windows puts around date parts for right-to-left locales; they carry no meaning here. */
const DIRECTION_MARKS = /[\u200e\u200f]/g;

/**
 * Reads a date as Windows exports write it and returns a sort key in milliseconds.
 *
 * Local wall-clock times (no zone) are read as if they were UTC (`Date.UTC` of the fields), which is
 * enough to order the events of one file. ISO text with `Z` or an offset gives the true instant.
 * Accepted: `M/d/yyyy h:mm:ss AM/PM`, `dd/MM/yyyy HH:mm:ss`, `dd.MM.yyyy HH:mm:ss`, `dd-MM-yyyy HH:mm:ss`,
 * `yyyy/MM/dd HH:mm:ss`, ISO 8601 (`T` or space, fractions, optional zone); seconds may be missing.
 * A slashed date with AM/PM is read month first, without it day first; when that reading is impossible
 * (a month above 12) the other order is tried. Returns null for anything else.
 */
export function parseLooseDate(text: string): number | null {
  if (text.length > 256) return null;
  const t = text.replace(DIRECTION_MARKS, '').trim();
  if (t.length === 0 || t.length > 64) return null;

  const iso = ISO.exec(t);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    const wall = utc(+y, +mo, +d, h === undefined ? 0 : +h, mi === undefined ? 0 : +mi, s === undefined ? 0 : +s, millis(frac));
    if (wall === null || zone === undefined) return wall;
    return wall - zoneOffsetMinutes(zone) * 60_000;
  }

  const m = LOCALE.exec(t);
  if (!m) return null;
  const [, a, sep, b, c, h, mi, s, frac, meridiem] = m;
  let hour = h === undefined ? 0 : +h;
  if (meridiem !== undefined) {
    if (h === undefined || hour < 1 || hour > 12) return null;
    const pm = meridiem === 'P' || meridiem === 'p';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  const minute = mi === undefined ? 0 : +mi;
  const second = s === undefined ? 0 : +s;
  const ms = millis(frac);

  if (a.length === 4) return utc(+a, +b, +c, hour, minute, second, ms);
  if (c.length !== 4) return null;
  const year = +c;
  const monthFirst = sep === '/' && meridiem !== undefined;
  const first = monthFirst ? utc(year, +a, +b, hour, minute, second, ms) : utc(year, +b, +a, hour, minute, second, ms);
  if (first !== null) return first;
  return monthFirst ? utc(year, +b, +a, hour, minute, second, ms) : utc(year, +a, +b, hour, minute, second, ms);
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
  // Date.UTC reads years 0-99 as 1900-1999; only those need the slower setUTCFullYear.
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, Math.min(second, 59), ms);
  return d.getTime();
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
