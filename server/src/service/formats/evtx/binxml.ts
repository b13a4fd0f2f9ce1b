/**
 * Binary XML of one chunk: tokens compiled into small node trees, then rendered with the
 * substitution values of a template instance. Names and template definitions are referenced by
 * chunk-relative offsets, so both are cached per chunk; a template is compiled once and reused by
 * every record of the chunk that instantiates it.
 *
 * Every read is bounded by an explicit end offset (the record, the value, the template's declared
 * size, the chunk); anything that does not fit throws BinXmlError, which the chunk reader turns
 * into one error entry for the record.
 */
import type { RecordBuilder } from './builder';
import { VT_ARRAY, VT_BINARY, VT_BINXML, VT_NULL, VT_STRING, arrayItems, decodeUtf16, entityText, escapeXml, valueText } from './values';

export class BinXmlError extends Error {}

function fail(message: string): never {
  throw new BinXmlError(message);
}

/** A name fit for an error message: damaged data can yield long names of arbitrary characters. */
function shortName(name: string): string {
  const clean = name.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 40 ? clean.slice(0, 40) + '…' : clean;
}

const K_ELEMENT = 0;
const K_TEXT = 1;
const K_SUBST = 2;
const K_CHARREF = 3;
const K_ENTITY = 4;
const K_CDATA = 5;
const K_PI = 6;
const K_INSTANCE = 7;

interface ElementNode {
  kind: typeof K_ELEMENT;
  name: string;
  open: string;
  close: string;
  attrs: AttrNode[];
  children: Node[];
  /** The substitution when it is the element's only content: an array value repeats the element. */
  soleSubst: SubstNode | null;
}
interface AttrNode {
  name: string;
  prefix: string;
  parts: Node[];
  /** For an attribute of static text only: its rendered ` name="value"`, made on first use. */
  xml: string | null;
}
interface TextNode {
  kind: typeof K_TEXT;
  text: string;
  /** The escaped text, made on first use (a node can still grow while its template compiles). */
  xml: string | null;
}
interface SubstNode {
  kind: typeof K_SUBST;
  index: number;
  optional: boolean;
}
interface CharRefNode {
  kind: typeof K_CHARREF;
  code: number;
}
interface EntityNode {
  kind: typeof K_ENTITY;
  name: string;
}
interface CDataNode {
  kind: typeof K_CDATA;
  text: string;
}
interface PINode {
  kind: typeof K_PI;
  target: string;
  data: string;
}
interface InstanceNode {
  kind: typeof K_INSTANCE;
  template: Template;
  /** Flat triples: value type, chunk offset, byte length. */
  values: number[];
}
type Node = ElementNode | TextNode | SubstNode | CharRefNode | EntityNode | CDataNode | PINode | InstanceNode;

interface Template {
  nodes: Node[];
}

/** Nesting limit for templates inside substitution values (type 0x21) and template references. */
export const MAX_TEMPLATE_DEPTH = 64;
/** Nesting limit for elements within one token stream, to keep recursion off the stack limit. */
const MAX_ELEMENT_DEPTH = 256;

// Token types (the 0x40 bit means "more data follows" and is masked off).
const T_EOF = 0x00;
const T_OPEN_START = 0x01;
const T_CLOSE_START = 0x02;
const T_CLOSE_EMPTY = 0x03;
const T_END_ELEMENT = 0x04;
const T_VALUE = 0x05;
const T_ATTRIBUTE = 0x06;
const T_CDATA = 0x07;
const T_CHARREF = 0x08;
const T_ENTITYREF = 0x09;
const T_PI_TARGET = 0x0a;
const T_PI_DATA = 0x0b;
const T_TEMPLATE_INSTANCE = 0x0c;
const T_NORMAL_SUBST = 0x0d;
const T_OPTIONAL_SUBST = 0x0e;
const T_FRAGMENT_HEADER = 0x0f;

/** Record data starts after the 512-byte chunk header, so a name or template lives at 512 or later. */
const MIN_DATA_OFFSET = 512;

export class ChunkBinXml {
  readonly dv: DataView;
  private readonly names = new Map<number, string>();
  /** Compiled templates by definition offset; an Error is cached for definitions that failed. */
  private readonly templates = new Map<number, Template | BinXmlError>();
  private readonly compiling = new Set<number>();
  /** Position after the last parsed token (parse functions advance it). */
  private pos = 0;

  constructor(readonly buf: Uint8Array) {
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  // ---- low-level reads -------------------------------------------------------------------------

  private need(p: number, n: number, end: number): void {
    if (p < 0 || p + n > end) fail(`data ends inside a structure at chunk offset ${p}`);
  }

  private u16(p: number): number {
    return this.buf[p] | (this.buf[p + 1] << 8);
  }

  private u32(p: number): number {
    return this.dv.getUint32(p, true);
  }

  /** A name structure at `off`: next offset (4), hash (2), character count (2), UTF-16 text, NUL. */
  private nameAt(off: number): string {
    const cached = this.names.get(off);
    if (cached !== undefined) return cached;
    const len = this.buf.length;
    if (off < MIN_DATA_OFFSET || off + 8 > len) fail(`name offset ${off} outside chunk`);
    const chars = this.u16(off + 6);
    if (off + 8 + chars * 2 > len) fail(`name at ${off} runs past the chunk`);
    const name = decodeUtf16(this.buf, off + 8, chars * 2);
    this.names.set(off, name);
    return name;
  }

  /**
   * Reads a name reference whose 4-byte offset is at `p`. When the offset points right behind it,
   * the name is stored inline and is skipped; otherwise it refers to a name stored earlier.
   */
  private nameRef(p: number, end: number): string {
    this.need(p, 4, end);
    const off = this.u32(p);
    const after = p + 4;
    if (off === after) {
      this.need(after, 8, end);
      const chars = this.u16(after + 6);
      const size = 8 + chars * 2 + 2;
      this.need(after, size, end);
      this.pos = after + size;
    } else {
      this.pos = after;
    }
    return this.nameAt(off);
  }

  /** A length-prefixed (character count) UTF-16 string at `p`. */
  private sizedString(p: number, end: number): string {
    this.need(p, 2, end);
    const chars = this.u16(p);
    this.need(p + 2, chars * 2, end);
    this.pos = p + 2 + chars * 2;
    return decodeUtf16(this.buf, p + 2, chars * 2);
  }

  // ---- compiling token streams to nodes ---------------------------------------------------------

  /**
   * A document or fragment from `start` to `end`: fragment headers, elements, template instances,
   * PIs, up to an end-of-file token or `end`.
   */
  parseDocument(start: number, end: number, depth: number): Node[] {
    if (depth > MAX_TEMPLATE_DEPTH) fail('templates nested too deeply');
    const nodes: Node[] = [];
    let p = start;
    while (p < end) {
      const token = this.buf[p] & 0xbf;
      if (token === T_EOF) {
        p++;
        break;
      }
      if (token === T_FRAGMENT_HEADER) {
        this.need(p, 4, end);
        p += 4;
        continue;
      }
      p = this.parseContentToken(p, end, nodes, depth, 0);
    }
    this.pos = p;
    return nodes;
  }

  /**
   * Parses one content token at `p` into `nodes` and returns the position after it.
   * Tokens that end a content list (end element, EOF) are handled by the callers.
   */
  private parseContentToken(p: number, end: number, nodes: Node[], depth: number, elemDepth: number): number {
    const raw = this.buf[p];
    const token = raw & 0xbf;
    switch (token) {
      case T_OPEN_START:
        nodes.push(this.parseElement(p, end, depth, elemDepth));
        return this.pos;
      case T_VALUE: {
        this.need(p, 2, end);
        const type = this.buf[p + 1];
        if (type !== VT_STRING) fail(`value text of type 0x${type.toString(16)} at ${p}`);
        const text = this.sizedString(p + 2, end);
        // Adjacent value tokens continue the same text; merge them so rendering stays one piece.
        const last = nodes.length > 0 ? nodes[nodes.length - 1] : null;
        if (last !== null && last.kind === K_TEXT) last.text += text;
        else nodes.push({ kind: K_TEXT, text, xml: null });
        return this.pos;
      }
      case T_CDATA:
        nodes.push({ kind: K_CDATA, text: this.sizedString(p + 1, end) });
        return this.pos;
      case T_CHARREF:
        this.need(p, 3, end);
        nodes.push({ kind: K_CHARREF, code: this.u16(p + 1) });
        return p + 3;
      case T_ENTITYREF:
        nodes.push({ kind: K_ENTITY, name: this.nameRef(p + 1, end) });
        return this.pos;
      case T_PI_TARGET: {
        const target = this.nameRef(p + 1, end);
        let q = this.pos;
        let data = '';
        if (q < end && this.buf[q] === T_PI_DATA) {
          data = this.sizedString(q + 1, end);
          q = this.pos;
        }
        nodes.push({ kind: K_PI, target, data });
        return q;
      }
      case T_PI_DATA:
        // Data without a target: keep the text, there is nothing else to attach it to.
        nodes.push({ kind: K_PI, target: '', data: this.sizedString(p + 1, end) });
        return this.pos;
      case T_TEMPLATE_INSTANCE:
        nodes.push(this.parseInstance(p, end, depth));
        return this.pos;
      case T_NORMAL_SUBST:
      case T_OPTIONAL_SUBST:
        this.need(p, 4, end);
        nodes.push({ kind: K_SUBST, index: this.u16(p + 1), optional: token === T_OPTIONAL_SUBST });
        return p + 4;
      default:
        return fail(`unexpected token 0x${raw.toString(16)} at chunk offset ${p}`);
    }
  }

  /**
   * Where the element's name offset field is. Inside records and templates an element start has a
   * 2-byte dependency identifier; in values of type 0x21 it may be missing, so that layout is
   * tried when the usual one does not point at a plausible name (inline right behind the field,
   * or stored earlier in the chunk). Valid data always passes the first check.
   */
  private elementLayout(p: number, end: number): number {
    const withDep = p + 7;
    if (this.plausibleNameRef(withDep, end, p)) return withDep;
    const withoutDep = p + 5;
    if (this.plausibleNameRef(withoutDep, end, p)) return withoutDep;
    return withDep;
  }

  private plausibleNameRef(q: number, end: number, elementStart: number): boolean {
    if (q + 4 > end) return false;
    const off = this.u32(q);
    return off === q + 4 || (off >= MIN_DATA_OFFSET && off < elementStart && off + 8 <= this.buf.length);
  }

  private parseElement(p: number, end: number, depth: number, elemDepth: number): ElementNode {
    if (elemDepth > MAX_ELEMENT_DEPTH) fail('elements nested too deeply');
    const hasAttrs = (this.buf[p] & 0x40) !== 0;
    this.need(p, 11, end);
    const name = this.nameRef(this.elementLayout(p, end), end);
    let q = this.pos;
    const attrs: AttrNode[] = [];
    if (hasAttrs) {
      this.need(q, 4, end);
      q += 4; // attribute list size; the tokens themselves tell where it ends
      while (q < end && (this.buf[q] & 0xbf) === T_ATTRIBUTE) {
        const attrName = this.nameRef(q + 1, end);
        q = this.pos;
        const parts: Node[] = [];
        while (q < end) {
          const t = this.buf[q] & 0xbf;
          if (t !== T_VALUE && t !== T_NORMAL_SUBST && t !== T_OPTIONAL_SUBST && t !== T_CHARREF && t !== T_ENTITYREF) break;
          q = this.parseContentToken(q, end, parts, depth, elemDepth + 1);
        }
        attrs.push({ name: attrName, prefix: ' ' + attrName + '="', parts, xml: null });
      }
    }
    this.need(q, 1, end);
    const closing = this.buf[q];
    const children: Node[] = [];
    if (closing === T_CLOSE_EMPTY) {
      q++;
    } else if (closing === T_CLOSE_START) {
      q++;
      for (;;) {
        if (q >= end) fail(`element <${shortName(name)}> not closed before end of data`);
        const t = this.buf[q] & 0xbf;
        if (t === T_END_ELEMENT) {
          q++;
          break;
        }
        if (t === T_EOF) fail(`element <${shortName(name)}> not closed before end-of-file token`);
        q = this.parseContentToken(q, end, children, depth, elemDepth + 1);
      }
    } else {
      fail(`expected end of start tag of <${shortName(name)}>, found 0x${closing.toString(16)} at chunk offset ${q}`);
    }
    this.pos = q;
    const only = children.length === 1 ? children[0] : null;
    return {
      kind: K_ELEMENT,
      name,
      open: '<' + name,
      close: '</' + name + '>',
      attrs,
      children,
      soleSubst: only !== null && only.kind === K_SUBST ? only : null,
    };
  }

  /**
   * Template instance: token, 1 unknown byte, template id (4), definition offset (4), the
   * definition itself when it is stored here (offset == right after the field), then the values:
   * count (4), count descriptors of size (2), type (1), unused (1), then the value bytes.
   */
  private parseInstance(p: number, end: number, depth: number): InstanceNode {
    this.need(p, 10, end);
    const defOff = this.u32(p + 6);
    let q = p + 10;
    if (defOff === q) {
      this.need(q, 24, end);
      const dataSize = this.u32(q + 20);
      this.need(q + 24, dataSize, end);
      q += 24 + dataSize;
    }
    const template = this.template(defOff, depth + 1);
    this.need(q, 4, end);
    const count = this.u32(q);
    q += 4;
    // Bound the count by the bytes present before allocating for it.
    if (count > (end - q) / 4) fail(`template instance declares ${count} values, more than the data holds`);
    const values = new Array<number>(count * 3);
    let v = q + count * 4;
    for (let i = 0; i < count; i++) {
      const d = q + i * 4;
      const size = this.u16(d);
      values[i * 3] = this.buf[d + 2];
      values[i * 3 + 1] = v;
      values[i * 3 + 2] = size;
      v += size;
    }
    if (v > end) fail(`template values run past the end of their data (${v - end} bytes)`);
    this.pos = v;
    return { kind: K_INSTANCE, template, values };
  }

  /** The compiled template whose definition starts at `defOff` (cached per chunk). */
  private template(defOff: number, depth: number): Template {
    const cached = this.templates.get(defOff);
    if (cached !== undefined) {
      if (cached instanceof BinXmlError) throw cached;
      return cached;
    }
    if (this.compiling.has(defOff)) fail(`template at ${defOff} refers to itself`);
    if (depth > MAX_TEMPLATE_DEPTH) fail('templates nested too deeply');
    const len = this.buf.length;
    if (defOff < MIN_DATA_OFFSET || defOff + 24 > len) fail(`template definition offset ${defOff} outside chunk`);
    // next definition offset (4), GUID (16), data size (4), then fragment header, element, EOF.
    const dataSize = this.u32(defOff + 20);
    const start = defOff + 24;
    const end = Math.min(start + dataSize, len);
    const saved = this.pos;
    this.compiling.add(defOff);
    try {
      const t: Template = { nodes: this.parseDocument(start, end, depth) };
      this.templates.set(defOff, t);
      return t;
    } catch (e) {
      const err = e instanceof BinXmlError ? e : new BinXmlError(`template at ${defOff}: ${(e as Error).message}`);
      this.templates.set(defOff, err);
      throw err;
    } finally {
      this.compiling.delete(defOff);
      this.pos = saved;
    }
  }

  // ---- rendering -------------------------------------------------------------------------------

  renderNodes(nodes: Node[], values: number[] | null, b: RecordBuilder, depth: number): void {
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      switch (n.kind) {
        case K_ELEMENT:
          this.renderElement(n, values, b, depth);
          break;
        case K_TEXT:
          if (n.text.length > 0) b.markup(n.xml ?? (n.xml = escapeXml(n.text)), n.text);
          break;
        case K_SUBST:
          this.renderSubst(n, values, b, depth);
          break;
        case K_CHARREF:
          b.markup('&#' + n.code + ';', String.fromCharCode(n.code));
          break;
        case K_ENTITY:
          b.markup('&' + n.name + ';', entityText(n.name));
          break;
        case K_CDATA:
          // A section with line breaks (or its own end marker) becomes escaped text, which means
          // the same and keeps the event on one line.
          if (/[\r\n]|\]\]>/.test(n.text)) b.text(n.text);
          else b.markup('<![CDATA[' + n.text + ']]>', n.text);
          break;
        case K_PI:
          b.markup('<?' + n.target + (n.data ? ' ' + n.data.replace(/[\r\n]+/g, ' ') : '') + '?>', '');
          break;
        case K_INSTANCE:
          if (depth + 1 > MAX_TEMPLATE_DEPTH) fail('templates nested too deeply');
          this.renderNodes(n.template.nodes, n.values, b, depth + 1);
          break;
      }
    }
  }

  private renderSubst(n: SubstNode, values: number[] | null, b: RecordBuilder, depth: number): void {
    if (values === null || n.index * 3 >= values.length) return;
    const i = n.index * 3;
    const type = values[i];
    if (type === VT_NULL) return;
    const off = values[i + 1];
    const len = values[i + 2];
    if (type === VT_BINXML) {
      if (depth + 1 > MAX_TEMPLATE_DEPTH) fail('templates nested too deeply');
      const saved = this.pos;
      const nodes = this.parseDocument(off, off + len, depth + 1);
      this.pos = saved;
      this.renderNodes(nodes, null, b, depth + 1);
      return;
    }
    b.text(valueText(this.buf, this.dv, type, off, len));
  }

  private renderElement(el: ElementNode, values: number[] | null, b: RecordBuilder, depth: number): void {
    const sole = el.soleSubst;
    if (sole !== null) {
      const type = values !== null && sole.index * 3 < values.length ? values[sole.index * 3] : VT_NULL;
      // An element whose only content is an optional substitution without a value is not
      // created (Event Viewer shows no <Binary> for classic events that carry no binary data).
      if (type === VT_NULL) {
        if (sole.optional) return;
      } else if (values !== null && (type & VT_ARRAY) !== 0 && type !== (VT_ARRAY | VT_BINXML)) {
        // Windows repeats the element once per array item (one empty element for an empty array).
        const items = arrayItems(this.buf, this.dv, type, values[sole.index * 3 + 1], values[sole.index * 3 + 2]);
        if (items.length === 0) items.push('');
        for (const item of items) {
          this.startTag(el, values, b);
          b.text(item);
          b.endElement(el.close);
        }
        return;
      }
    }
    this.startTag(el, values, b);
    this.renderNodes(el.children, values, b, depth);
    b.endElement(el.close);
  }

  private startTag(el: ElementNode, values: number[] | null, b: RecordBuilder): void {
    b.startElement(el.name, el.open);
    const attrs = el.attrs;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs[i];
      if (a.parts.length === 1 && a.parts[0].kind === K_TEXT) {
        const t = a.parts[0].text;
        b.attributeXml(a.name, a.xml ?? (a.xml = a.prefix + escapeXml(t) + '"'), t);
        continue;
      }
      const v = this.attrValue(a.parts, values);
      if (v !== null) b.attribute(a.name, a.prefix, v);
    }
  }

  /** The attribute's text, or null when it is only a NULL substitution (the attribute is left out). */
  private attrValue(parts: Node[], values: number[] | null): string | null {
    if (parts.length === 1) {
      const p = parts[0];
      if (p.kind === K_TEXT) return p.text;
      if (p.kind === K_SUBST) {
        if (values === null || p.index * 3 >= values.length || values[p.index * 3] === VT_NULL) return null;
      }
    }
    let s = '';
    for (let i = 0; i < parts.length; i++) s += this.partText(parts[i], values);
    return s;
  }

  private partText(p: Node, values: number[] | null): string {
    switch (p.kind) {
      case K_TEXT:
        return p.text;
      case K_CHARREF:
        return String.fromCharCode(p.code);
      case K_ENTITY:
        return entityText(p.name);
      case K_SUBST: {
        if (values === null || p.index * 3 >= values.length) return '';
        const i = p.index * 3;
        const type = values[i];
        // A Binary XML value has no attribute form; show its bytes rather than markup.
        return valueText(this.buf, this.dv, type === VT_BINXML ? VT_BINARY : type, values[i + 1], values[i + 2]);
      }
      default:
        return '';
    }
  }
}
