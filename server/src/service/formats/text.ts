/** Text helpers every reader shares: offsets to LSP positions, ranges, and bytes to text. */
import type { Position, Range } from '../model';

/**
 * A range as four numbers, its positions made when asked. A range of two positions is three objects
 * (60 bytes); events keep two each, and a 1,000,000-line log has half a million events: held
 * so, their ranges took 65 MB more of the language server's heap (445 vs 380 MB after the analysis)
 * and 2.2 million more objects for each whole-heap collection to mark. JSON (the CLI, the language
 * server's answers) writes it as a range of positions. Two things move one where it stands: typing
 * (moveAlong), and a piece's kept events placed onto the file (placedAfter), before anything else
 * holds them; whatever keeps a range as it was (the problems last published) keeps a copy.
 */
class NumberRange implements Range {
  constructor(
    private startLine: number,
    private startCharacter: number,
    private endLine: number,
    private endCharacter: number,
  ) {}

  /** Moves the ends on `line` by `by` characters, then both ends by `lines` lines. */
  move(line: number, by: number, lines: number): void {
    if (this.startLine === line) this.startCharacter += by;
    if (this.endLine === line) this.endCharacter += by;
    this.startLine += lines;
    this.endLine += lines;
  }

  get start(): Position {
    return { line: this.startLine, character: this.startCharacter };
  }

  get end(): Position {
    return { line: this.endLine, character: this.endCharacter };
  }

  toJSON(): Range {
    return { start: this.start, end: this.end };
  }
}

/** A range from line and column numbers, which readers that walk the lines know already (held as NumberRange). */
export function rangeAt(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return new NumberRange(startLine, startCharacter, endLine, endCharacter);
}

/** A range between two positions (held as NumberRange). */
export function rangeBetween(start: Position, end: Position): Range {
  return new NumberRange(start.line, start.character, end.line, end.character);
}

/** Whether moveAlong can move `range`: it is held as numbers. */
export function movesInPlace(range: Range): boolean {
  return range instanceof NumberRange;
}

/**
 * Moves the ends of `range` (see movesInPlace) that are on `line` by `by` characters, where it stands:
 * for typing in a one-line log, whose events after the edit all move (see incremental.ts).
 */
export function moveAlong(range: Range, line: number, by: number): void {
  (range as NumberRange).move(line, by, 0);
}

/**
 * `range`, read after `headEnd` in a piece of a file, placed onto the file where the piece's text
 * starts at `start` (see placeAfter): moved where it stands when it is held as numbers (a reader's
 * own range, which nothing else holds yet), else a moved copy.
 */
export function placedAfter(range: Range, headEnd: Position, start: Position): Range {
  if (!movesInPlace(range)) return movedRange(range, placeAfter(headEnd, start));
  // As placeAfter moves a position: the head's last line onto `start`'s, the lines after it along.
  (range as NumberRange).move(headEnd.line, start.character - headEnd.character, start.line - headEnd.line);
  return range;
}

/** `range` with both its ends moved by `move` (an event placed onto the file, or moved along its line). */
export function movedRange(range: Range, move: (p: Position) => Position): Range {
  return rangeBetween(move(range.start), move(range.end));
}

/**
 * A text read by offsets and lines: a LineIndex over one string, or a host's document that keeps its
 * text in pieces and its line starts through edits (the language server's), so that reading a few
 * lines of a big log neither joins nor scans the rest of it.
 */
export interface TextLines {
  readonly length: number;
  readonly lineCount: number;
  slice(from: number, to: number): string;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  lineStart(line: number): number;
  /** End of the line's content, before its CR/LF. */
  lineEnd(line: number): number;
}

/**
 * Maps UTF-16 offsets of one text to LSP positions (line/character, both 0-based). Line starts are
 * found as positions are asked for, so a reader that is paused halfway has not scanned the rest.
 */
export class LineIndex implements TextLines {
  private readonly starts: number[] = [0];
  private readonly breaks: LineBreaks;
  /** Every line start before this offset is in `starts`. */
  private scanned = 0;
  /** Readers ask for positions in file order: start the search where the last answer was. */
  private hint = 0;

  constructor(readonly text: string) {
    this.breaks = new LineBreaks(text);
  }

  /** Finds line starts until one lies beyond `offset` (or the text ends). */
  private scanPast(offset: number): void {
    const text = this.text;
    while (this.scanned <= offset && this.scanned <= text.length) {
      const nl = this.breaks.next(this.scanned);
      if (nl === -1) {
        this.scanned = text.length + 1;
      } else {
        this.starts.push(nl + 1);
        this.scanned = nl + 1;
      }
    }
  }

  /** Finds line starts until `line` has one (or the text ends). */
  private scanLines(line: number): void {
    while (this.starts.length <= line && this.scanned <= this.text.length) this.scanPast(this.scanned);
  }

  get lineCount(): number {
    this.scanPast(this.text.length);
    return this.starts.length;
  }

  get length(): number {
    return this.text.length;
  }

  slice(from: number, to: number): string {
    return this.text.slice(from, to);
  }

  lineStart(line: number): number {
    this.scanLines(line);
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End of the line's content, before its CR/LF. */
  lineEnd(line: number): number {
    this.scanLines(line + 1);
    let end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    if (end > this.lineStart(line) && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    this.scanPast(o);
    const starts = this.starts;
    let h = this.hint;
    if (starts[h] <= o) {
      // Forward from the last answer: a few steps when reading in order.
      for (let steps = 0; steps < 8 && h + 1 < starts.length && starts[h + 1] <= o; steps++) h++;
      if (h + 1 >= starts.length || starts[h + 1] > o) {
        this.hint = h;
        return { line: h, character: this.character(o, starts[h]) };
      }
    }
    const line = lineAt(starts, o);
    this.hint = line;
    return { line, character: this.character(o, starts[line]) };
  }

  /** The character of `offset` on the line starting at `start`: between a CR and its LF counts as before the CR, as LSP has it. */
  private character(offset: number, start: number): number {
    return offset > start && this.text.charCodeAt(offset) === 10 && this.text.charCodeAt(offset - 1) === 13 ? offset - start - 1 : offset - start;
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineCount) return this.text.length;
    if (position.line < 0) return 0;
    return Math.min(this.lineStart(position.line) + Math.max(0, position.character), this.lineEnd(position.line));
  }

  range(start: number, end: number): Range {
    return rangeBetween(this.positionAt(start), this.positionAt(end));
  }
}

/**
 * Finds line ends as LSP and the editor count them: each LF, and each CR not followed by LF (a CRLF
 * ends its line at the LF). `next` answers with an offset whose next offset starts the next line.
 *
 * The next CR is searched for apart from the LFs: a text without CRs costs one search for LF per
 * line, as LF alone did; a CRLF text one more, for its line's CR.
 */
export class LineBreaks {
  private readonly lfs: Finder;
  private readonly crs: Finder;

  constructor(readonly text: string) {
    this.lfs = new Finder(text, '\n');
    this.crs = new Finder(text, '\r');
  }

  /** The first line end at or after `from`: the offset of its LF, or of a lone CR; -1 when none. */
  next(from: number): number {
    const lf = this.lfs.next(from);
    const cr = this.crs.next(from);
    // A CR before the LF (or with no LF after it) is lone, unless it is the LF's own.
    return cr !== -1 && (lf === -1 || cr < lf - 1) ? cr : lf;
  }
}

/**
 * Finds a token in the whole text, and remembers the answer: asked with positions that mostly grow,
 * it scans the file about once, however many times the token is missing (an indexOf per question
 * would rescan to the end of the file for each). Asked further back, it searches again.
 */
export class Finder {
  /** `found` is the first occurrence at or after `from` (-1: none). */
  private from = Infinity;
  private found = -1;

  constructor(private readonly text: string, private readonly token: string) {}

  next(from: number): number {
    if (from < this.from || (this.found !== -1 && from > this.found)) {
      this.from = from;
      this.found = this.text.indexOf(this.token, from);
    }
    return this.found;
  }
}

/**
 * Whether `word` is written at `at` in `text`. For the short names readers compare per line or tag:
 * a loop the compiler inlines costs less there than a startsWith call.
 */
export function wordAt(text: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(at + i) !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * The line holding `offset`, given the offsets where lines start (ascending, the first 0), those from
 * line `shiftFrom` on `shift` short (a document that moves them when read: pieceTextDocument.ts).
 */
export function lineAt(starts: readonly number[], offset: number, shiftFrom = Infinity, shift = 0): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] + (mid >= shiftFrom ? shift : 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Decodes an export's bytes: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, and UTF-16 LE
 * without BOM (recognised by NULs in the odd bytes, as Windows tools write ASCII text).
 */
export function decodeBytes(bytes: Uint8Array): string {
  const { encoding, bom } = textEncoding(bytes);
  const body = bytes.subarray(bom);
  return encoding === 'utf-8' ? new TextDecoder('utf-8').decode(body) : utf16(body, encoding);
}

/**
 * The encoding of a text file from its first bytes, and the length of the BOM that names it; without
 * one, UTF-16 LE when the bytes look like it, else UTF-8. Decoding after the BOM drops one more, as
 * TextDecoder does.
 */
export function textEncoding(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bom: number } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  return { encoding: looksLikeUtf16Le(bytes) ? 'utf-16le' : 'utf-8', bom: 0 };
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  // An odd byte count cannot be UTF-16; the last byte is dropped rather than failing the whole file.
  const even = bytes.length % 2 === 0 ? bytes : bytes.subarray(0, bytes.length - 1);
  if (encoding === 'utf-16le') {
    const narrow = narrowUtf16le(even);
    if (narrow !== null) return narrow;
    // Buffer decodes about twice as fast as TextDecoder's ICU converter. It keeps unpaired surrogates,
    // which TextDecoder replaces with U+FFFD, so only well-formed text is taken from it; like
    // TextDecoder, it drops one leading BOM.
    const text = stripBom(Buffer.from(even.buffer, even.byteOffset, even.byteLength).toString('utf16le'));
    if (isWellFormed(text)) return text;
  }
  return oneByte(new TextDecoder(encoding).decode(even));
}

/**
 * UTF-16LE bytes (an even count) as a one-byte string when every unit is below U+0100, as in most
 * Windows exports; else null (a BOM left in the text is U+FEFF, so it goes the decoder's way). The
 * low bytes are then the text: taken from the bytes at once rather than decoded to two bytes a
 * character and narrowed after, the bench's 100 MB TXT is turned into text in 57-77 ms, not 95-111.
 */
function narrowUtf16le(bytes: Uint8Array): string | null {
  const narrow = new NarrowUtf16le(bytes.length >> 1);
  return narrow.add(bytes) ? narrow.take() : null;
}

/**
 * UTF-16LE text taken a block of bytes at a time and kept one byte per character (see
 * narrowUtf16le), so that a file can be read in blocks into its text without holding all its bytes.
 */
export class NarrowUtf16le {
  private readonly narrow: Buffer;
  private length = 0;

  /** `units`: how many characters the blocks will bring at most. */
  constructor(units: number) {
    this.narrow = Buffer.allocUnsafeSlow(units);
  }

  /** Takes the next block's units (an odd last byte is dropped); false, taking nothing, when one is U+0100 or beyond. */
  add(bytes: Uint8Array): boolean {
    if (bytes.byteOffset % 2 !== 0) return false;
    const units = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
    let high = 0;
    let i = 0;
    // Two units at a time through a 4-byte view, from the first unit aligned for one.
    for (const lead = Math.min(units.length, (bytes.byteOffset % 4) / 2); i < lead; i++) high |= units[i];
    const pairCount = (units.length - i) >> 1;
    if (pairCount > 0) {
      const pairs = new Uint32Array(bytes.buffer, bytes.byteOffset + 2 * i, pairCount);
      for (let k = 0; k < pairCount; k++) high |= pairs[k];
    }
    for (i += 2 * pairCount; i < units.length; i++) high |= units[i];
    if ((high & 0xff00ff00) !== 0) return false;
    // Each unit stored into a byte keeps its low byte: the character.
    this.narrow.set(units, this.length);
    this.length += units.length;
    return true;
  }

  /** The characters of the blocks taken since the last call (all of them on the first). */
  take(): string {
    const text = this.narrow.toString('latin1', 0, this.length);
    this.length = 0;
    return text;
  }
}

/**
 * The text in one byte per character when every character fits: V8 keeps decoded UTF-16 in two bytes
 * per character even when it is all ASCII, as Windows writes its exports, and reading, matching and
 * keeping it then cost more (the CLI on the bench's 100 MB UTF-16 TXT: see the commit).
 */
function oneByte(text: string): string {
  return BEYOND_LATIN1.test(text) ? text : latin1(text);
}

/** `text`, every character below U+0100, copied into a flat string of its own, one byte per character. */
export function latin1(text: string): string {
  return Buffer.from(text, 'latin1').toString('latin1');
}

/**
 * The string in memory of its own, in one flat string: through bytes, since V8 makes any longer slice
 * of a string (and so `(' ' + text).slice(1)`) a slice object pointing into a copy, which with the
 * concatenation left behind made a 125-character message cost 302 bytes, not 146; and a string joined
 * with + stays a tree of its parts, walked again each time it is written out.
 */
export function copied(text: string): string {
  return BEYOND_LATIN1.test(text) ? Buffer.from(text, 'utf16le').toString('utf16le') : latin1(text);
}

/** A character that does not fit in one byte, which latin1 would mangle. */
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/** Whether `text` has a character beyond Latin-1 (asked of a one-byte string, V8 answers at once). */
export function wideText(text: string): boolean {
  return BEYOND_LATIN1.test(text);
}

/** String.prototype.isWellFormed (ES2024, which Node has; the project's lib is ES2022). */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

function looksLikeUtf16Le(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return false;
  let oddNuls = 0;
  let evenNuls = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  return oddNuls > n / 4 && evenNuls < n / 16;
}

/** Strips a leading BOM that survived decoding (VS Code hands documents over without it). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Maps positions in `head + event text` to the document, where the event text starts at `start`;
 * `headEnd` is where the head ends (its position at its length, lines counted as a reader counts them).
 */
export function placeAfter(headEnd: Position, start: Position): (p: Position) => Position {
  const { line: headLines, character: lastLineLength } = headEnd;
  return (p) => (p.line === headLines
    ? { line: start.line, character: start.character + p.character - lastLineLength }
    : { line: start.line + p.line - headLines, character: p.character });
}

/** Whether position a comes before position b. */
export function isBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
