/**
 * A log file on disk, whatever its size: .evtx is streamed chunk by chunk; text is read whole, or in
 * pieces past the longest string Node holds. Used by the CLI and the server.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { analyzeDecodedSteps, analyzeEvtxFileSteps, type FileReport } from './files';
import { decodeBytes, NarrowUtf16le, textEncoding } from './formats/text';
import { hasFileMagic } from './formats/evtx/header';
import { part, readMeter, runToEnd, type BytesRead, type Steps } from './steps';
import { analyzeTextFileSteps, decodedBlocks, STREAMED_SHAPES } from './streamText';
import { detectFormat } from './formats/detect';
import type { FormatReader } from './formats/reader';
import { isScriptDocument } from './analysis/document';

/** Why a file could not be analysed, in one line. */
export class UnreadableFileError extends Error {}

/** How a file is read. */
export interface FileReading {
  /** Keep every event read, not only those that may be password-sync events (the CLI's `events`). */
  keepAllEvents?: boolean;
  /**
   * Read a text export in pieces whatever its size, as one past the longest string is (the CLI's
   * `--stream`): memory then follows the password-sync events kept rather than the file's size.
   * A shape that cannot be read in pieces is read whole all the same.
   */
  inPieces?: boolean;
  /**
   * Make the events kept from a text read whole independent of it (see StringCopies), so that the
   * text is let go once it is analysed: for a report kept after the read (the language server keeps
   * what *Analyze Log File* read for its Findings view). Without it, the kept events hold the whole
   * text alive through their strings, which costs nothing to a CLI that writes its report and exits.
   * A file read in pieces or streamed keeps nothing of its text either way.
   */
  ownStrings?: boolean;
  /**
   * Read any text a block at a time with a pause after each (steps.ts), whatever its encoding: for a
   * host that answers requests meanwhile (the language server's *Analyze Log File…*), where reading
   * and decoding a 100 MB UTF-8 export in one step held requests up for 140–170 ms. The CLI reads such
   * a text in one go: its bytes are let go sooner (read in steps, its peak memory on the bench's
   * 100 MB CSV rose from 434 to 536 MB in 3 runs of 9).
   */
  paced?: boolean;
  /**
   * Told the bytes read so far and the file's size as blocks or chunks are read, for a host that shows
   * it (the language server, in *Analyze Log File…*'s notification): .evtx chunks, a text's pieces, and a
   * text read whole when `paced` (unpaced, it is read in one go). A text read whole is analysed after
   * its last block; one read in pieces, and an .evtx, as they are read. How far the whole analysis has
   * come is what the steps yield (see steps.ts).
   */
  onRead?: (read: number, size: number) => void;
}

export function analyzeFile(path: string, reading: FileReading = {}): FileReport {
  return runToEnd(analyzeFileSteps(path, reading));
}

/** analyzeFile in steps (see steps.ts): the language server answers requests between them. */
export function* analyzeFileSteps(path: string, { keepAllEvents = false, inPieces = false, ownStrings = false, paced = false, onRead }: FileReading = {}): Steps<FileReport> {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UnreadableFileError(`cannot read ${path}: not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(`cannot read ${path}: no such file`);
  }
  const read = onRead && ((bytes: number) => onRead(bytes, size));
  try {
    // An .evtx is always streamed: rendering its text view first would cost three times the time and memory.
    if (startsWithEvtxSignature(path)) return yield* analyzeEvtxFileSteps(path, keepAllEvents, read);
    // Read in pieces only when it must be or is asked to: whole, a 100 MB export is read 1.5 times faster in 0.8 times the memory.
    const pieces = (inPieces || size > MAX_STRING_LENGTH) && !isScriptDocument(null, path) ? readInPieces(path) : null;
    if (pieces) return yield* analyzeTextFileSteps(path, pieces, keepAllEvents, read);
    // Reading the text takes about an eighth of the time on the bench's 100 MB exports, analysing it the rest.
    const text = yield* part(readTextSteps(path, paced, read), 0, 0.13);
    return yield* part(analyzeDecodedSteps(text, path, keepAllEvents, ownStrings), 0.13, 1);
  } catch (error) {
    // A text file past V8's longest string (about 512 MB) cannot be decoded whole; an .evtx is read in pieces.
    if (tooLongForAString(error)) {
      throw new UnreadableFileError(`cannot read ${path}: too large to read as text (${size} bytes; this shape of export is read whole, up to about 512 MB): save the log as .evtx or as Event Viewer CSV, TXT or XML, which are read in pieces at any size, or export a shorter time range`);
    }
    throw new UnreadableFileError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The file's text: `paced` (see FileReading.paced), any text a block at a time with a pause after each
 * (steps.ts); else a UTF-16LE file narrowed a block at a time (see narrowedSteps), any other read and
 * decoded in one step. Its bytes are dropped on return, so they can be freed while the text is analysed:
 * as a variable of the caller they would stay alive for the whole analysis (about 100 MB more peak
 * memory for a 100 MB export).
 */
export function* readTextSteps(path: string, paced = false, onRead?: BytesRead): Steps<string> {
  // Paced, a UTF-16LE file is narrowed block by block too, and one with a character beyond Latin-1 is
  // not read twice (as narrowedSteps then would); on the bench's 100 MB TXT both take 125-190 ms, in
  // steps of at most 35-40 ms.
  if (paced) return yield* pacedSteps(path, onRead);
  // The encoding is told by the first bytes (textEncoding reads at most 512 after a BOM).
  const { encoding, bom } = textEncoding(fileHead(path, 4096));
  if (encoding === 'utf-16le') {
    const narrowed = yield* narrowedSteps(path, bom);
    if (narrowed !== null) return narrowed;
  }
  return decodeBytes(readFileSync(path));
}

/**
 * The text of a file decoded a block at a time, as decodeBytes decodes it whole, with a pause after
 * each block; the blocks are joined in the last step (65–70 ms for 100 MB, mostly the new string's
 * memory touched for the first time).
 */
function* pacedSteps(path: string, onRead?: BytesRead): Steps<string> {
  const fd = openSync(path, 'r');
  try {
    const meter = readMeter(fstatSync(fd).size, onRead);
    const blocks: string[] = [];
    for (const block of decodedBlocks(fd, BLOCK_BYTES, meter.onRead)) {
      blocks.push(block);
      yield meter.fraction();
    }
    return blocks.join('');
  } finally {
    closeSync(fd);
  }
}

/** The blocks a file's text is read in (an even count of bytes). */
const BLOCK_BYTES = 1 << 20;

/**
 * The text of a UTF-16LE file whose characters all fit in one byte (Event Viewer's TXT), read a block
 * at a time from after its BOM (`bom` bytes) straight into that text, as decodeBytes would decode it;
 * else null, at the first block that says so. Read whole, the bytes were twice the text's size, and
 * touching that memory cost the CLI ~45 ms per 100 MB.
 */
function* narrowedSteps(path: string, bom: number): Steps<string | null> {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const text = new NarrowUtf16le((size - bom) >> 1);
    const block = Buffer.allocUnsafeSlow(Math.min(size, BLOCK_BYTES));
    // Blocks are whole units, but for an odd last byte, which add() drops as decodeBytes does.
    for (let at = bom, got = readBlock(fd, block, at, size); got > 1; got = readBlock(fd, block, at, size)) {
      if (!text.add(block.subarray(0, got))) return null;
      at += got;
      yield;
    }
    return text.take();
  } finally {
    closeSync(fd);
  }
}

/** The most characters a string holds in Node (V8's String::kMaxLength): a text file of more bytes may not fit. */
const MAX_STRING_LENGTH = 0x1fffffe8;

/** The reader of a text export that can be read in pieces, from its first bytes; else null. */
function readInPieces(path: string): FormatReader | null {
  const reader = detectFormat(decodeBytes(fileHead(path, 64 * 1024)));
  return reader && STREAMED_SHAPES.has(reader.id) ? reader : null;
}

/** Node's decoders throw ERR_STRING_TOO_LONG, V8's string operations a RangeError. */
function tooLongForAString(error: unknown): boolean {
  return error instanceof RangeError || (error as NodeJS.ErrnoException | null)?.code === 'ERR_STRING_TOO_LONG';
}

function startsWithEvtxSignature(path: string): boolean {
  return hasFileMagic(fileHead(path, 8));
}

/** Fills `block` from the file's byte `at` on, not past `size`; how many bytes it read (fewer only at the end). */
function readBlock(fd: number, block: Buffer, at: number, size: number): number {
  const want = Math.min(block.length, size - at);
  let n = 0;
  for (let got = -1; n < want && got !== 0; n += got) got = readSync(fd, block, n, want - n, at + n);
  return n;
}

/** The first `bytes` bytes of the file (fewer when it is shorter). */
function fileHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(bytes);
    return head.subarray(0, readSync(fd, head, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}
