/** Small XML text helpers for the event readers: entity decoding and attribute lookup. */

/** A Map, not an object literal: `&toString;` must not find Object.prototype's members. */
const named = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);

/**
 * Decodes the five predefined entities and numeric references. Anything else (a DTD's own entity)
 * is left exactly as written: entities are never expanded, so a hostile DTD cannot blow up.
 */
export function decodeXmlText(raw: string): string {
  let amp = raw.indexOf('&');
  let cdata = raw.indexOf('<![CDATA[');
  if (amp === -1 && cdata === -1) return raw;
  // Joined once at the end: a string grown by += is a rope that keeps every piece alive.
  const parts: string[] = [];
  let i = 0;
  while (amp !== -1 || cdata !== -1) {
    if (cdata !== -1 && (amp === -1 || cdata < amp)) {
      const end = raw.indexOf(']]>', cdata + 9);
      parts.push(raw.slice(i, cdata), raw.slice(cdata + 9, end === -1 ? raw.length : end));
      i = end === -1 ? raw.length : end + 3;
    } else {
      parts.push(raw.slice(i, amp));
      const semi = entityEnd(raw, amp);
      const decoded = semi === -1 ? null : decodeEntity(raw.slice(amp + 1, semi));
      parts.push(decoded ?? '&');
      i = decoded === null ? amp + 1 : semi + 1;
    }
    // Each search resumes past the last, so a text full of "&" is still read in one pass.
    if (amp !== -1 && amp < i) amp = raw.indexOf('&', i);
    if (cdata !== -1 && cdata < i) cdata = raw.indexOf('<![CDATA[', i);
  }
  parts.push(raw.slice(i));
  return parts.join('');
}

/** The ";" that ends the reference at `amp`, looked for only as far as the longest one could reach. */
function entityEnd(raw: string, amp: number): number {
  const last = Math.min(amp + 10, raw.length - 1);
  for (let i = amp + 1; i <= last; i++) if (raw.charCodeAt(i) === 59 /* ";" */) return i;
  return -1;
}

function decodeEntity(name: string): string | null {
  const predefined = named.get(name);
  if (predefined !== undefined) return predefined;
  let code = NaN;
  if (/^#x[0-9a-f]{1,6}$/i.test(name)) code = parseInt(name.slice(2), 16);
  else if (/^#[0-9]{1,7}$/.test(name)) code = parseInt(name.slice(1), 10);
  if (!Number.isFinite(code) || code > 0x10ffff) return null;
  return String.fromCodePoint(code);
}

/**
 * Value of attribute `name` in a start tag's attribute text, single- or double-quoted. A plain scan
 * rather than a regex built per call: it runs for every event, and must stay linear on any text.
 */
export function attribute(attrs: string, name: string): string | null {
  // A quote that has no closing twin from some point on cannot close any later value either.
  let unclosed = '';
  for (let at = attrs.indexOf(name); at !== -1; at = attrs.indexOf(name, at + 1)) {
    if (at > 0 && !isSpace(attrs.charCodeAt(at - 1))) continue;
    let i = skipSpaces(attrs, at + name.length, attrs.length);
    if (attrs.charCodeAt(i) !== 61 /* "=" */) continue;
    i = skipSpaces(attrs, i + 1, attrs.length);
    const quote = attrs[i];
    if ((quote !== '"' && quote !== "'") || quote === unclosed) continue;
    const close = attrs.indexOf(quote, i + 1);
    if (close !== -1) return decodeXmlText(attrs.slice(i + 1, close));
    if (unclosed !== '') return null;
    unclosed = quote;
  }
  return null;
}

/** The first offset in [from, to) that is not white space, or `to`. */
export function skipSpaces(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** White space as a regex's `\s`, String.prototype.trim and Number() see it. */
export function isSpace(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
