/** Small XML text helpers for the event readers: entity decoding and attribute lookup. */

const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Decodes the five predefined entities and numeric references. Anything else (a DTD's own entity)
 * is left exactly as written: entities are never expanded, so a hostile DTD cannot blow up.
 */
export function decodeXmlText(raw: string): string {
  if (raw.indexOf('&') === -1 && raw.indexOf('<![CDATA[') === -1) return raw;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const cdata = raw.indexOf('<![CDATA[', i);
    const amp = raw.indexOf('&', i);
    if (cdata !== -1 && (amp === -1 || cdata < amp)) {
      const end = raw.indexOf(']]>', cdata + 9);
      out += raw.slice(i, cdata) + raw.slice(cdata + 9, end === -1 ? raw.length : end);
      i = end === -1 ? raw.length : end + 3;
      continue;
    }
    if (amp === -1) {
      out += raw.slice(i);
      break;
    }
    out += raw.slice(i, amp);
    const semi = raw.indexOf(';', amp);
    const name = semi !== -1 && semi - amp <= 10 ? raw.slice(amp + 1, semi) : '';
    const decoded = decodeEntity(name);
    if (decoded === null) {
      out += '&';
      i = amp + 1;
    } else {
      out += decoded;
      i = semi + 1;
    }
  }
  return out;
}

function decodeEntity(name: string): string | null {
  if (name in named) return named[name];
  let code = NaN;
  if (/^#x[0-9a-f]{1,6}$/i.test(name)) code = parseInt(name.slice(2), 16);
  else if (/^#[0-9]{1,7}$/.test(name)) code = parseInt(name.slice(1), 10);
  if (!Number.isFinite(code) || code > 0x10ffff) return null;
  return String.fromCodePoint(code);
}

/** Value of attribute `name` in a start tag's attribute text, single- or double-quoted. */
export function attribute(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? decodeXmlText(m[1] ?? m[2] ?? '') : null;
}
