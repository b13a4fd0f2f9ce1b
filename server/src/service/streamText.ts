/**
 * A text export too big to hold as one string, read a piece at a time. Each piece is the text before
 * the file's first event (the header its reader expects) followed by the text from an event's start
 * on; a piece's last event may be cut off by the piece's end, so it starts the next piece. As for a
 * streamed .evtx, only the password-sync events are kept, so memory follows what the log says about
 * password sync rather than its size.
 */
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { FormatId, LogEvent, Position, Range, ReadError, ReadResult } from './model';
import { reportOf, type FileReport } from './files';
import type { EventFilter, FormatReader } from './formats/reader';
import { mayMatch } from './analysis/catalogue';
import { CappedErrors } from './formats/detect';
import { copied, isBefore, LineIndex, movedRange, NarrowUtf16le, placeAfter, placedAfter, textEncoding, wideText } from './formats/text';
import { analyzeReadSteps } from './analysis/document';
import { part, readMeter, STEP, type BytesRead, type Steps } from './steps';
import { KeptEvents, StringCopies } from './keptEvents';

/**
 * Shapes that read the same from any event's start once the file's header is put before it: no
 * heading or state carried from one event to the next (tested piece by piece against whole reads).
 * Format-Table is not: its rows take their provider from the group heading above them.
 */
export const STREAMED_SHAPES: ReadonlySet<FormatId> = new Set<FormatId>([
  'event-viewer-csv',
  'event-viewer-txt',
  'event-viewer-xml',
  'powershell-export-csv',
  'powershell-format-list',
  'powershell-eventlog-format-list',
  'wevtutil-text',
  'copy-details-text',
]);

/** Bytes read from the file at a time: less than a piece, so a piece is not much longer than PIECE_CHARS. */
const BLOCK_BYTES = 4 << 20;
/** Text read before a piece is cut at its last event. */
const PIECE_CHARS = 8 << 20;
/** A piece that grows this long without two events is not a log that can be read in pieces. */
const MAX_PIECE_CHARS = 64 << 20;

/** Reads `file`, a text export of the shape `reader` reads, in pieces (see above); the sizes are small only in tests. */
export function* analyzeTextFileSteps(file: string, reader: FormatReader, keepAllEvents = false, onRead?: BytesRead, blockBytes = BLOCK_BYTES, pieceChars = PIECE_CHARS): Steps<FileReport> {
  const fd = openSync(file, 'r');
  try {
    const meter = readMeter(fstatSync(fd).size, onRead);
    return yield* analyzeTextPiecesSteps(decodedBlocks(fd, blockBytes, meter.onRead), reader, keepAllEvents, pieceChars, meter.fraction);
  } finally {
    closeSync(fd);
  }
}

/** The analysis of a text given as successive chunks; `sofar` says how much of the text has been given. */
export function* analyzeTextPiecesSteps(chunks: Iterable<string>, reader: FormatReader, keepAllEvents = false, pieceChars = PIECE_CHARS, sofar?: () => number): Steps<FileReport> {
  // Reading the pieces takes a little over half the time on the bench's 100 MB exports, analysing what they kept the rest.
  const { kept, errors } = yield* part(keptInPiecesSteps(chunks, reader, keepAllEvents, pieceChars), 0, 0.55, sofar);
  return reportOf(yield* part(analyzeReadSteps({ format: reader.id, events: kept.events, errors }, kept.seen), 0.55, 1), kept.seen.count);
}

/** The events kept from a text given as successive chunks, and its read errors. */
function* keptInPiecesSteps(chunks: Iterable<string>, reader: FormatReader, keepAllEvents: boolean, pieceChars: number): Steps<{ kept: KeptEvents; errors: ReadError[] }> {
  const kept = new KeptEvents(keepAllEvents);
  const filtering = reader.filters && !keepAllEvents;
  const errors = new CappedErrors();
  // One kept event would keep its 8 M-character piece alive: a 1 GB export ran out of heap.
  const copies = new StringCopies();
  /** The text before the file's first event, once the first piece has been read, and where it ends. */
  let head: string | null = null;
  let headEnd: Position = { line: 0, character: 0 };
  /** Where `rest` starts in the file. */
  let base: Position = { line: 0, character: 0 };
  let rest = '';
  const it = chunks[Symbol.iterator]();
  for (let done = false; !done;) {
    const next = it.next();
    done = next.done === true;
    if (!done) rest += next.value;
    if (!done && rest.length < pieceChars) continue;
    const prefix: string = head ?? '';
    const text: string = prefix + rest;
    // A reader that filters builds only the events that may be kept, and says where each event starts.
    const told = filtering ? new PieceEvents() : null;
    const read: ReadResult = yield* reader.steps(text, told ?? undefined);
    const n = told ? told.starts.length : read.events.length;
    if (!done && n < 2) {
      if (rest.length > MAX_PIECE_CHARS) throw new Error(`no event starts within ${MAX_PIECE_CHARS >> 20} M characters after line ${base.line + 1}`);
      continue;
    }
    const index = new LineIndex(text);
    const startOf = (i: number): number => (told ? told.starts[i] : index.offsetAt(read.events[i].range.start));
    const cutAt = done ? null : startOf(n - 1);
    const cut = cutAt === null ? null : index.positionAt(cutAt);
    const place = placeAfter(headEnd, base);
    const moved = (r: Range): Range => movedRange(r, place);
    const lines = base.line - headEnd.line;
    // Only the events kept are moved onto the file and copied out of the piece; the rest are only counted.
    const own = placer(headEnd, base);
    const firstKept = kept.events.length;
    const where = (e: LogEvent): string => `line ${place(e.range.start).line + 1}`;
    const whereAt = (start: number): string => `line ${place(index.positionAt(start)).line + 1}`;
    for (let i = 0, built = 0; i < (cut ? n - 1 : n); i++) {
      if ((i + 1) % STEP === 0) yield;
      if (!told || told.built[i]) kept.add(read.events[built++], own, where);
      else kept.skipped(told.times[i], told.starts[i], whereAt);
    }
    copies.copy(kept.events, firstKept, kept.events.length, wideText(text));
    // The header's own errors are the first piece's; after it, those past the cut are read again.
    for (const e of read.errors) {
      if ((head === null || !isBefore(e.range.start, headEnd)) && (!cut || isBefore(e.range.start, cut))) errors.add({ message: copied(head === null ? e.message : renumbered(e.message, lines)), range: head === null ? e.range : moved(e.range) });
    }
    if (head === null) {
      head = n > 0 ? copied(text.slice(0, startOf(0))) : '';
      headEnd = index.positionAt(head.length);
    }
    if (cut) {
      base = place(cut);
      rest = text.slice(index.offsetAt(cut));
    }
    yield;
  }
  return { kept, errors: errors.list() };
}

/** The events of one piece as a filtered read tells of them, in file order (see EventFilter). */
class PieceEvents implements EventFilter {
  readonly times: (number | null)[] = [];
  readonly built: boolean[] = [];
  readonly starts: number[] = [];
  readonly wants = mayMatch;

  read(sortTime: number | null, built: boolean, start: number): void {
    this.times.push(sortTime);
    this.built.push(built);
    this.starts.push(start);
  }
}

/**
 * KeptEvents.add's `own` for the events of the piece whose text after `headEnd` starts at `start` in
 * the file: their ranges placed onto the file where they stand (the reader's events are this loop's
 * alone). Their strings are copied out of the piece once it is read (StringCopies).
 */
function placer(headEnd: Position, start: Position): (e: LogEvent) => LogEvent {
  return (e) => {
    const range = e.range;
    e.range = placedAfter(range, headEnd, start);
    e.idRange = e.idRange === range ? e.range : placedAfter(e.idRange, headEnd, start);
    return e;
  };
}

/**
 * A read error's message with the line numbers it names moved by `lines`: a reader counts the lines of
 * its piece. Quoted text (a value from the log) is left as it is.
 */
function renumbered(message: string, lines: number): string {
  return message.replace(/"[^"]*"|\b([Ll]ines?) (\d+)(?:–(\d+))?/g, (all, word?: string, first?: string, last?: string) => {
    if (!word) return all;
    return `${word} ${Number(first) + lines}${last ? `–${Number(last) + lines}` : ''}`;
  });
}

/**
 * The file's text a block at a time, decoded as decodeBytes would decode the whole. A UTF-8 block
 * of ASCII alone is read byte for byte (TextDecoder, streaming, took three times as long: see the
 * commit), and a UTF-16LE block whose characters all fit in one byte is narrowed to them
 * (NarrowUtf16le), unless the block before left the decoder inside a character. UTF-16 goes on in
 * whole units: a block's odd last byte starts the next block, and the file's is dropped.
 */
export function* decodedBlocks(fd: number, blockBytes: number, onRead?: BytesRead): Generator<string> {
  const block = Buffer.alloc(blockBytes);
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let encoding: ReturnType<typeof textEncoding>['encoding'] | null = null;
  let narrow: NarrowUtf16le | null = null;
  /** Whether a block was taken without the decoder, which must then not drop a U+FEFF it starts with as a BOM. */
  let bypassed = false;
  /** Whether the decoder may hold the start of a character: the bytes it was last given ended inside one. */
  let inside = false;
  /** UTF-16: the odd byte the last block ended with, which starts this one; -1 without one. */
  let carried = -1;
  let read = 0;
  for (;;) {
    const from = carried === -1 ? 0 : 1;
    if (carried !== -1) block[0] = carried;
    const n = readSync(fd, block, from, blockBytes - from, null);
    if (n === 0) break;
    read += n;
    onRead?.(read);
    let bytes = block.subarray(0, from + n);
    if (encoding === null) {
      const found = textEncoding(bytes);
      encoding = found.encoding;
      if (encoding === 'utf-16le') narrow = new NarrowUtf16le(blockBytes >> 1);
      bytes = bytes.subarray(found.bom);
    }
    carried = encoding !== 'utf-8' && bytes.length % 2 === 1 ? bytes[bytes.length - 1] : -1;
    if (carried !== -1) bytes = bytes.subarray(0, bytes.length - 1);
    if (!inside && encoding === 'utf-8' && isAscii(bytes)) {
      bypassed = true;
      yield bytes.toString('latin1');
    } else if (!inside && narrow !== null && narrow.add(bytes)) {
      bypassed = true;
      yield narrow.take();
    } else {
      decoder ??= new TextDecoder(encoding, { ignoreBOM: bypassed });
      // After a byte beyond ASCII, or a UTF-16LE high surrogate (whose high byte, a unit's last, is D8-DB);
      // UTF-16BE never goes past the decoder, so what this says of it does not matter.
      if (bytes.length > 0) inside = encoding === 'utf-8' ? bytes[bytes.length - 1] >= 0x80 : (bytes[bytes.length - 1] & 0xfc) === 0xd8;
      yield decoder.decode(bytes, { stream: true });
    }
  }
  const last = decoder?.decode() ?? '';
  if (last) yield last;
}
