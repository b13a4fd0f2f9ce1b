/**
 * Substitution values of Binary XML rendered as text, the way Windows shows them in the XML view:
 * integers in decimal, HexInt32/HexInt64 as lowercase `0x…` without padding, GUIDs upper-case in
 * braces, SIDs as `S-1-…`, FILETIME/SYSTEMTIME as ISO 8601 UTC with seven fractional digits
 * (FILETIME's full 100 ns precision), binary as upper-case hex, booleans as `true`/`false`.
 * No function here throws for odd sizes: a value that does not fit its type is shown as hex.
 */

export const VT_NULL = 0x00;
export const VT_STRING = 0x01;
export const VT_ANSI = 0x02;
export const VT_INT8 = 0x03;
export const VT_UINT8 = 0x04;
export const VT_INT16 = 0x05;
export const VT_UINT16 = 0x06;
export const VT_INT32 = 0x07;
export const VT_UINT32 = 0x08;
export const VT_INT64 = 0x09;
export const VT_UINT64 = 0x0a;
export const VT_REAL32 = 0x0b;
export const VT_REAL64 = 0x0c;
export const VT_BOOL = 0x0d;
export const VT_BINARY = 0x0e;
export const VT_GUID = 0x0f;
export const VT_SIZET = 0x10;
export const VT_FILETIME = 0x11;
export const VT_SYSTIME = 0x12;
export const VT_SID = 0x13;
export const VT_HEX32 = 0x14;
export const VT_HEX64 = 0x15;
export const VT_BINXML = 0x21;
export const VT_ARRAY = 0x80;

const utf16 = new TextDecoder('utf-16le');
// Node's 'latin1' label is windows-1252, the code page classic ANSI event strings mostly use.
const ansi = new TextDecoder('latin1');

const HEX_UPPER: string[] = [];
for (let i = 0; i < 256; i++) HEX_UPPER.push(i.toString(16).toUpperCase().padStart(2, '0'));

const shortCodes: number[] = [];

/** Decodes `byteLength` bytes of UTF-16LE; an odd last byte is dropped. */
export function decodeUtf16(buf: Uint8Array, offset: number, byteLength: number): string {
  if (byteLength <= 0) return '';
  const chars = byteLength >> 1;
  if (chars <= 16) {
    // Most names and values are short, and a TextDecoder call costs more than building them from
    // code units. Surrogates go to the decoder so both paths treat unpaired ones alike.
    shortCodes.length = chars;
    for (let i = 0; i < chars; i++) {
      const c = buf[offset + 2 * i] | (buf[offset + 2 * i + 1] << 8);
      if (c >= 0xd800 && c <= 0xdfff) return utf16.decode(buf.subarray(offset, offset + chars * 2));
      shortCodes[i] = c;
    }
    return String.fromCharCode.apply(null, shortCodes);
  }
  return utf16.decode(buf.subarray(offset, offset + chars * 2));
}

/** Cuts a string at its first NUL: Windows stores some strings with their terminator. */
function cutAtNul(s: string): string {
  const i = s.indexOf('\0');
  return i === -1 ? s : s.slice(0, i);
}

export function hexUpper(buf: Uint8Array, offset: number, length: number): string {
  if (length <= 0) return '';
  if (length > 64) return Buffer.from(buf.buffer, buf.byteOffset + offset, length).toString('hex').toUpperCase();
  const parts = new Array<string>(length);
  for (let i = 0; i < length; i++) parts[i] = HEX_UPPER[buf[offset + i]];
  return parts.join('');
}

export function guidText(buf: Uint8Array, o: number): string {
  const h = HEX_UPPER;
  // The first three groups are little-endian integers, the last eight bytes are kept in order.
  return (
    '{' + h[buf[o + 3]] + h[buf[o + 2]] + h[buf[o + 1]] + h[buf[o]] + '-' + h[buf[o + 5]] + h[buf[o + 4]] + '-' +
    h[buf[o + 7]] + h[buf[o + 6]] + '-' + h[buf[o + 8]] + h[buf[o + 9]] + '-' + h[buf[o + 10]] + h[buf[o + 11]] +
    h[buf[o + 12]] + h[buf[o + 13]] + h[buf[o + 14]] + h[buf[o + 15]] + '}'
  );
}

/** Byte length of the SID at `o` (8 + 4 per sub-authority), or -1 when it does not fit in `max` bytes. */
export function sidLength(buf: Uint8Array, o: number, max: number): number {
  if (max < 8) return -1;
  const len = 8 + 4 * buf[o + 1];
  return len <= max ? len : -1;
}

export function sidText(buf: Uint8Array, dv: DataView, o: number): string {
  const count = buf[o + 1];
  // The 48-bit identifier authority is big-endian.
  const authority = ((buf[o + 2] << 8) | buf[o + 3]) * 4294967296 + dv.getUint32(o + 4, false);
  let s = 'S-' + buf[o] + '-' + (authority < 4294967296 ? String(authority) : '0x' + authority.toString(16).toUpperCase());
  for (let i = 0; i < count; i++) s += '-' + dv.getUint32(o + 8 + 4 * i, true);
  return s;
}

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0000000'.slice(0, width - s.length) + s;
}

const EPOCH_DIFF_SECONDS = 11644473600; // 1601-01-01 to 1970-01-01
const TWO_DIGITS: string[] = [];
for (let i = 0; i < 100; i++) TWO_DIGITS.push(i < 10 ? '0' + i : String(i));

/** 'YYYY-MM-DD' by day number since 1970, cached: a log's events share few distinct days. */
const dayCache = new Map<number, string>();

function dayText(days: number): string {
  let s = dayCache.get(days);
  if (s === undefined) {
    s = new Date(days * 86400000).toISOString().slice(0, -14);
    if (dayCache.size > 4096) dayCache.clear();
    dayCache.set(days, s);
  }
  return s;
}

/** FILETIME (100 ns ticks since 1601) as ISO 8601 UTC with 7 fractional digits, e.g. 2016-07-08T18:12:51.6816406Z. */
export function filetimeText(dv: DataView, o: number): string {
  // Long division of the 64-bit tick count by 10^7 in 16-bit steps keeps every digit exact
  // (a double loses the 100 ns digits above 2^53) without BigInt's cost.
  const lo = dv.getUint32(o, true);
  const hi = dv.getUint32(o + 4, true);
  // hi < 2^32, so the first step divides hi itself; each later step stays below 2^40.
  const q2 = Math.floor(hi / 1e7);
  let cur = (hi - q2 * 1e7) * 65536 + (lo >>> 16);
  const q1 = Math.floor(cur / 1e7);
  cur = (cur - q1 * 1e7) * 65536 + (lo & 0xffff);
  const q0 = Math.floor(cur / 1e7);
  const fraction = cur - q0 * 1e7;
  const seconds = (q2 * 65536 + q1) * 65536 + q0 - EPOCH_DIFF_SECONDS;
  const days = Math.floor(seconds / 86400);
  const inDay = seconds - days * 86400;
  const h = Math.floor(inDay / 3600);
  const m = Math.floor((inDay - h * 3600) / 60);
  const sec = inDay - h * 3600 - m * 60;
  return dayText(days) + 'T' + TWO_DIGITS[h] + ':' + TWO_DIGITS[m] + ':' + TWO_DIGITS[sec] + '.' + String(fraction + 1e7).slice(1) + 'Z';
}

/** SYSTEMTIME (year, month, weekday, day, hour, minute, second, milliseconds) as ISO 8601 UTC. */
export function systemtimeText(dv: DataView, o: number): string {
  const year = dv.getUint16(o, true);
  const month = dv.getUint16(o + 2, true);
  const day = dv.getUint16(o + 6, true);
  const hour = dv.getUint16(o + 8, true);
  const minute = dv.getUint16(o + 10, true);
  const second = dv.getUint16(o + 12, true);
  const ms = dv.getUint16(o + 14, true);
  return (
    pad(year, 4) + '-' + pad(month, 2) + '-' + pad(day, 2) + 'T' + pad(hour, 2) + ':' + pad(minute, 2) + ':' +
    pad(second, 2) + '.' + pad(ms, 3) + '0000Z'
  );
}

function hex32Text(v: number): string {
  return '0x' + (v >>> 0).toString(16);
}

function hex64Text(dv: DataView, o: number): string {
  const lo = dv.getUint32(o, true);
  const hi = dv.getUint32(o + 4, true);
  return hi === 0 ? '0x' + lo.toString(16) : '0x' + hi.toString(16) + lo.toString(16).padStart(8, '0');
}

function real32Text(v: number): string {
  // Seven significant digits is what a float holds; more would show conversion noise.
  return Number.isFinite(v) ? String(Number(v.toPrecision(7))) : String(v);
}

/** Size in bytes of one item of a fixed-size type, 0 for variable-size types. */
function fixedSize(type: number, byteLength: number): number {
  switch (type) {
    case VT_INT8:
    case VT_UINT8:
      return 1;
    case VT_INT16:
    case VT_UINT16:
      return 2;
    case VT_INT32:
    case VT_UINT32:
    case VT_REAL32:
    case VT_BOOL:
    case VT_HEX32:
      return 4;
    case VT_INT64:
    case VT_UINT64:
    case VT_REAL64:
    case VT_FILETIME:
    case VT_HEX64:
      return 8;
    case VT_GUID:
    case VT_SYSTIME:
      return 16;
    case VT_SIZET:
      return byteLength % 8 === 0 ? 8 : 4;
    default:
      return 0;
  }
}

/** One scalar value of a fixed-size type at `o`, known to hold `size` bytes. */
function fixedText(buf: Uint8Array, dv: DataView, type: number, o: number, size: number): string {
  switch (type) {
    case VT_INT8:
      return String(dv.getInt8(o));
    case VT_UINT8:
      return String(buf[o]);
    case VT_INT16:
      return String(dv.getInt16(o, true));
    case VT_UINT16:
      return String(dv.getUint16(o, true));
    case VT_INT32:
      return String(dv.getInt32(o, true));
    case VT_UINT32:
      return String(dv.getUint32(o, true));
    case VT_INT64:
      return dv.getBigInt64(o, true).toString();
    case VT_UINT64:
      return dv.getBigUint64(o, true).toString();
    case VT_REAL32:
      return real32Text(dv.getFloat32(o, true));
    case VT_REAL64:
      return String(dv.getFloat64(o, true));
    case VT_BOOL:
      return dv.getUint32(o, true) !== 0 ? 'true' : 'false';
    case VT_GUID:
      return guidText(buf, o);
    case VT_FILETIME:
      return filetimeText(dv, o);
    case VT_SYSTIME:
      return systemtimeText(dv, o);
    case VT_HEX32:
      return hex32Text(dv.getUint32(o, true));
    case VT_HEX64:
      return hex64Text(dv, o);
    case VT_SIZET:
      return size === 8 ? hex64Text(dv, o) : hex32Text(dv.getUint32(o, true));
    default:
      return hexUpper(buf, o, size);
  }
}

/**
 * Text of one value of type `type` stored in buf[o, o+len). Arrays are joined with ", " here;
 * the renderer repeats an element per item instead when the array is the element's only content.
 */
export function valueText(buf: Uint8Array, dv: DataView, type: number, o: number, len: number): string {
  switch (type) {
    case VT_NULL:
      return '';
    case VT_STRING:
      return cutAtNul(decodeUtf16(buf, o, len));
    case VT_ANSI:
      return len <= 0 ? '' : cutAtNul(ansi.decode(buf.subarray(o, o + len)));
    case VT_BINARY:
      return hexUpper(buf, o, len);
    case VT_SID: {
      const n = sidLength(buf, o, len);
      return n < 0 ? hexUpper(buf, o, len) : sidText(buf, dv, o);
    }
    case VT_BOOL:
      // Booleans are 32-bit, but any width is read as "non-zero is true".
      for (let i = 0; i < len; i++) if (buf[o + i] !== 0) return 'true';
      return 'false';
    default:
      break;
  }
  if (type & VT_ARRAY) return arrayItems(buf, dv, type, o, len).join(', ');
  const size = fixedSize(type, len);
  if (size === 0 || len !== size) {
    // A size_t or hex value stored in the other width still reads as a number.
    if ((type === VT_HEX32 || type === VT_HEX64) && (len === 4 || len === 8)) return fixedText(buf, dv, VT_SIZET, o, len);
    return hexUpper(buf, o, len);
  }
  return fixedText(buf, dv, type, o, size);
}

/** The items of an array value (type has the 0x80 flag). Unknown item types become one hex item. */
export function arrayItems(buf: Uint8Array, dv: DataView, type: number, o: number, len: number): string[] {
  const base = type & ~VT_ARRAY;
  if (len <= 0) return [];
  if (base === VT_STRING || base === VT_ANSI) {
    const all = base === VT_STRING ? decodeUtf16(buf, o, len) : ansi.decode(buf.subarray(o, o + len));
    const items = all.split('\0');
    // Each item carries a terminator, so a well-formed array ends with an empty piece.
    if (items.length > 1 && items[items.length - 1] === '') items.pop();
    return items;
  }
  if (base === VT_SID) {
    const items: string[] = [];
    let p = o;
    const end = o + len;
    while (p < end) {
      const n = sidLength(buf, p, end - p);
      if (n < 0) {
        items.push(hexUpper(buf, p, end - p));
        break;
      }
      items.push(sidText(buf, dv, p));
      p += n;
    }
    return items;
  }
  const size = fixedSize(base, len);
  if (size === 0) return [hexUpper(buf, o, len)];
  const count = Math.floor(len / size);
  const items = new Array<string>(count);
  for (let i = 0; i < count; i++) items[i] = fixedText(buf, dv, base, o + i * size, size);
  return items;
}

const XML_SPECIAL_ALL = /[&<>"'\r\n]/g;
const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Line breaks as character references keep the event on one line, and a parser gives back
  // the CR LF exactly (a literal CR LF would be normalised to LF).
  '\r': '&#13;',
  '\n': '&#10;',
};

/** Escapes the five XML special characters and CR/LF (text and attribute values alike). */
export function escapeXml(s: string): string {
  // Most values need no escaping; a plain scan is cheaper than a regex for the short ones.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 38 || c === 60 || c === 62 || c === 34 || c === 39 || c === 13 || c === 10) {
      return s.replace(XML_SPECIAL_ALL, (ch) => XML_ENTITIES[ch]);
    }
  }
  return s;
}

/** The text an entity reference stands for; unknown entities are kept as written. */
export function entityText(name: string): string {
  switch (name) {
    case 'amp':
      return '&';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
    default:
      return '&' + name + ';';
  }
}
