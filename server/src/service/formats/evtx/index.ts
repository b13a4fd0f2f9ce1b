/**
 * Reader for binary Windows XML Event Log (.evtx) files, in plain TypeScript.
 *
 * Layout: a 4096-byte file header, then 64 KiB chunks, each holding event records whose content is
 * Binary XML (templates with substitution values). Nothing here throws: every problem becomes an
 * EvtxError naming the chunk and, where known, the record's file offset and id, and reading goes
 * on with the next record or chunk. Checksums are not enforced (Windows leaves them stale in
 * dirty files and some tools zero them); parseFileHeader reports the header's CRC state.
 *
 * Rendering choices (see values.ts): timeCreated keeps FILETIME's seven fractional digits
 * (e.g. 2016-07-08T18:12:51.6816406Z); hex values are `0x…` lowercase without padding, as Windows
 * shows them; an array substitution that is an element's only content repeats the element per item.
 */
import * as fs from 'node:fs';
import { chunkRecords, hasChunkMagic, isAllZero } from './chunk';
import { CHUNK_SIZE, FILE_HEADER_SIZE, parseFileHeader } from './header';
import type { BuiltFields } from './builder';
import { readMeter, STEP, type BytesRead, type Steps } from '../../steps';

export { crc32, parseFileHeader, type EvtxFileHeader } from './header';

/**
 * One event record. Field meanings: eventId is <System><EventID> without Qualifiers; provider is
 * <Provider Name> (else EventSourceName); timeCreated is ISO 8601 UTC with 7 fractional digits; data
 * holds the <EventData><Data> texts (for <UserData>, its leaf texts) and dataNames their names; xml is
 * the event as one line of XML.
 */
export interface EvtxRecord extends Omit<BuiltFields, 'recordId'> {
  /** EventRecordID (from the event, else the record header; Number() of the 64-bit value). */
  recordId: number;
  chunkIndex: number;
}

export interface EvtxError {
  message: string;
  chunkIndex: number | null;
  /** File offset of the record (or of the bad data) when the problem is inside a chunk. */
  recordOffset: number | null;
  recordId: number | null;
}

export interface EvtxReadResult {
  records: EvtxRecord[];
  errors: EvtxError[];
  /** Chunks with a valid "ElfChnk" signature that were read. */
  chunkCount: number;
  /** The header's dirty flag (the log was not closed cleanly). */
  dirty: boolean;
}

export interface EvtxSummary {
  chunkCount: number;
  dirty: boolean;
}

/** Random access to the file's bytes, so a file need not be in memory as a whole. */
export interface EvtxChunkSource {
  readonly byteLength: number;
  /**
   * Bytes [offset, offset + length) clipped to the end. The returned array may be reused by the
   * next call: the reader is done with one chunk before it asks for the next.
   */
  read(offset: number, length: number): Uint8Array;
}

function bytesSource(input: Uint8Array): EvtxChunkSource {
  // A plain Uint8Array view: subarrays of a Node Buffer are Buffers, which are slower to create.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return {
    byteLength: bytes.length,
    read: (offset, length) => bytes.subarray(offset, Math.min(offset + length, bytes.length)),
  };
}

function fileError(message: string): EvtxError {
  return { message, chunkIndex: null, recordOffset: null, recordId: null };
}

function* walk(source: EvtxChunkSource, onError: (e: EvtxError) => void, summary: EvtxSummary): Generator<EvtxRecord> {
  const size = source.byteLength;
  if (size === 0) {
    onError(fileError('file is empty'));
    return;
  }
  const header = parseFileHeader(source.read(0, Math.min(size, FILE_HEADER_SIZE)));
  if (header === null) {
    onError(fileError(size < 128 ? `file too short for an EVTX header (${size} bytes)` : 'no "ElfFile" signature: not an EVTX file header'));
  } else {
    summary.dirty = header.dirty;
  }
  const declared = header === null ? 0 : header.chunkCount;
  const slots = size > FILE_HEADER_SIZE ? Math.ceil((size - FILE_HEADER_SIZE) / CHUNK_SIZE) : 0;
  if (header !== null && declared > slots) {
    onError(fileError(`header declares ${declared} chunks but the file holds ${slots}${size % CHUNK_SIZE !== FILE_HEADER_SIZE % CHUNK_SIZE ? ' (the last one truncated)' : ''}`));
  }
  for (let i = 0; i < slots; i++) {
    const fileOffset = FILE_HEADER_SIZE + i * CHUNK_SIZE;
    const chunk = source.read(fileOffset, CHUNK_SIZE);
    if (!hasChunkMagic(chunk)) {
      // Unused, zero-filled space after the chunks in use is normal; anything else is damage.
      if (i >= declared && isAllZero(chunk)) continue;
      onError({ message: `chunk ${i} has no "ElfChnk" signature`, chunkIndex: i, recordOffset: fileOffset, recordId: null });
      continue;
    }
    summary.chunkCount++;
    yield* chunkRecords(chunk, i, fileOffset, onError);
  }
}

/** Runs `walk` so that even an unexpected bug ends as one error instead of an exception. */
function* guarded(source: EvtxChunkSource, onError: (e: EvtxError) => void, summary: EvtxSummary): Generator<EvtxRecord> {
  const it = walk(source, onError, summary);
  for (;;) {
    let step: IteratorResult<EvtxRecord>;
    try {
      step = it.next();
    } catch (e) {
      onError(fileError(`reading stopped: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    if (step.done) return;
    yield step.value;
  }
}

/** Reads every record of an .evtx file held in memory. Never throws. */
export function readEvtx(bytes: Uint8Array): EvtxReadResult {
  const errors: EvtxError[] = [];
  const records: EvtxRecord[] = [];
  const summary: EvtxSummary = { chunkCount: 0, dirty: false };
  for (const r of guarded(bytesSource(bytes), (e) => errors.push(e), summary)) records.push(r);
  return { records, errors, chunkCount: summary.chunkCount, dirty: summary.dirty };
}

/**
 * Streaming: yields records chunk by chunk, so a 1 GB file never needs all records in memory.
 * Errors are appended to `errors` as they are met; the generator's return value is the summary.
 */
export function* iterateEvtx(bytes: Uint8Array | EvtxChunkSource, errors: EvtxError[]): Generator<EvtxRecord, EvtxSummary, undefined> {
  const summary: EvtxSummary = { chunkCount: 0, dirty: false };
  const source = bytes instanceof Uint8Array ? bytesSource(bytes) : bytes;
  yield* guarded(source, (e) => errors.push(e), summary);
  return summary;
}

/** A chunk source over an open file descriptor, reading with one reused 64 KiB buffer. */
export function fileChunkSource(fd: number, byteLength: number, onRead?: BytesRead): EvtxChunkSource {
  const chunkBuffer = new Uint8Array(CHUNK_SIZE);
  return {
    byteLength,
    read(offset, length) {
      const want = Math.max(0, Math.min(length, byteLength - offset));
      // The header gets its own buffer; chunks share one, as the reader finishes a chunk first.
      const target = want <= CHUNK_SIZE && length === CHUNK_SIZE ? chunkBuffer : new Uint8Array(want);
      let got = 0;
      while (got < want) {
        const n = fs.readSync(fd, target, got, want - got, offset + got);
        if (n <= 0) break;
        got += n;
      }
      // Chunks are read in file order: where this one ends is how far the file has been read.
      onRead?.(offset + got);
      return target.subarray(0, got);
    },
  };
}

/**
 * Streams an .evtx file from disk one 64 KiB chunk at a time (so a file larger than memory can be
 * analysed), calling `onRecord` per record and `onError` per problem, in steps (see steps.ts) of STEP
 * records. Never throws for problems of the file; exceptions thrown by the callbacks are not caught.
 */
export function* readEvtxFileSteps(path: string, onRecord: (record: EvtxRecord) => void, onError: (error: EvtxError) => void, onRead?: BytesRead): Steps<EvtxSummary> {
  const summary: EvtxSummary = { chunkCount: 0, dirty: false };
  let fd: number;
  let size: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (e) {
    onError(fileError(`cannot open file: ${e instanceof Error ? e.message : String(e)}`));
    return summary;
  }
  try {
    try {
      size = fs.fstatSync(fd).size;
    } catch (e) {
      onError(fileError(`cannot read file size: ${e instanceof Error ? e.message : String(e)}`));
      return summary;
    }
    const meter = readMeter(size, onRead);
    const it = guarded(fileChunkSource(fd, size, meter.onRead), onError, summary);
    for (let n = 1; ; n++) {
      if (n % STEP === 0) yield meter.fraction();
      const step = it.next();
      if (step.done) break;
      onRecord(step.value);
    }
    return summary;
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // Closing a read-only descriptor cannot lose data; nothing to report.
    }
  }
}
