/**
 * One 64 KiB chunk: a 512-byte header ("ElfChnk\0"), then event records up to the free-space
 * offset. Each record is "**\0\0", size, record id, FILETIME written, Binary XML, copy of size.
 * A record that cannot be read becomes one error; reading goes on with the next record that
 * checks out (signature, size and copy of size agree), so one bad record does not lose the chunk.
 */
import { RecordBuilder } from './builder';
import { ChunkBinXml } from './binxml';
import { CHUNK_SIZE } from './header';
import type { EvtxError, EvtxRecord } from './index';

export const CHUNK_HEADER_SIZE = 512;
const RECORD_MAGIC = 0x00002a2a;
/** Signature, size, id, written time (24) plus the trailing copy of size (4). */
const MIN_RECORD_SIZE = 28;

const CHUNK_MAGIC = [0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00]; // "ElfChnk\0"

export function hasChunkMagic(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 8; i++) if (bytes[i] !== CHUNK_MAGIC[i]) return false;
  return true;
}

export function isAllZero(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  for (let i = start; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** True when a plausible record starts at `p`: signature, a size that fits, and a matching copy. */
function recordAt(dv: DataView, p: number, len: number): boolean {
  if (p + MIN_RECORD_SIZE > len || dv.getUint32(p, true) !== RECORD_MAGIC) return false;
  const size = dv.getUint32(p + 4, true);
  return size >= MIN_RECORD_SIZE && p + size <= len && dv.getUint32(p + size - 4, true) === size;
}

/** The next plausible record after `from`, or -1. Bounded by the chunk length. */
function scanForRecord(dv: DataView, from: number, end: number): number {
  for (let p = from; p + MIN_RECORD_SIZE <= end; p++) if (recordAt(dv, p, end)) return p;
  return -1;
}

function describe(e: unknown): string {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'structure nested too deeply';
  return e instanceof Error ? e.message : String(e);
}

/**
 * Yields the records of one chunk (whose signature the caller has checked). `chunk` may be shorter
 * than 64 KiB when the file is truncated. Never throws; problems go to `onError`.
 */
export function* chunkRecords(
  chunk: Uint8Array,
  chunkIndex: number,
  fileOffset: number,
  onError: (e: EvtxError) => void,
): Generator<EvtxRecord> {
  const len = chunk.length;
  const err = (message: string, recordOffset: number | null, recordId: number | null): void =>
    onError({ message, chunkIndex, recordOffset: recordOffset === null ? null : fileOffset + recordOffset, recordId });
  if (len < CHUNK_HEADER_SIZE) {
    err(`chunk ${chunkIndex} is truncated: ${len} of ${CHUNK_SIZE} bytes, no room for its header`, null, null);
    return;
  }
  const dv = new DataView(chunk.buffer, chunk.byteOffset, len);
  const freeSpace = dv.getUint32(48, true);
  const freeSpaceValid = freeSpace >= CHUNK_HEADER_SIZE && freeSpace <= CHUNK_SIZE;
  // The free-space offset ends the records; when it is unusable, read until the data stops.
  const end = freeSpaceValid ? Math.min(freeSpace, len) : len;
  if (freeSpaceValid && freeSpace > len) {
    err(`chunk ${chunkIndex} is truncated: data ends at ${len} of ${freeSpace} used bytes`, null, null);
  }
  const ctx = new ChunkBinXml(chunk);
  let pos = CHUNK_HEADER_SIZE;
  while (pos + MIN_RECORD_SIZE <= end) {
    if (dv.getUint32(pos, true) !== RECORD_MAGIC) {
      // Zeros up to the end are unused space when the free-space offset could not be trusted.
      if (!freeSpaceValid && isAllZero(chunk, pos, end)) break;
      err(`chunk ${chunkIndex}: no record signature at chunk offset ${pos}`, pos, null);
      const next = scanForRecord(dv, pos + 1, end);
      if (next < 0) break;
      pos = next;
      continue;
    }
    const size = dv.getUint32(pos + 4, true);
    const recordId = Number(dv.getBigUint64(pos + 8, true));
    if (size < MIN_RECORD_SIZE || pos + size > len || dv.getUint32(pos + size - 4, true) !== size) {
      const why =
        size < MIN_RECORD_SIZE || pos + size > CHUNK_SIZE
          ? `invalid record size ${size}`
          : pos + size > len
            ? `record is truncated (needs ${size} bytes, ${len - pos} present)`
            : 'record size and its trailing copy differ';
      err(`chunk ${chunkIndex}, record ${recordId} at chunk offset ${pos}: ${why}`, pos, recordId);
      const next = scanForRecord(dv, pos + 1, end);
      if (next < 0) break;
      pos = next;
      continue;
    }
    let record: EvtxRecord | null = null;
    try {
      const b = new RecordBuilder();
      const nodes = ctx.parseDocument(pos + 24, pos + size - 4, 0);
      ctx.renderNodes(nodes, null, b, 0);
      const f = b.finish();
      if (f.xml.length === 0) throw new Error('record holds no XML element');
      record = {
        // The XML's EventRecordID is the id Windows shows; the record header's copy can differ
        // (e.g. in exported or re-written logs), so it is only the fallback.
        recordId: f.recordId ?? recordId,
        eventId: f.eventId,
        qualifiers: f.qualifiers,
        provider: f.provider,
        level: f.level,
        timeCreated: f.timeCreated,
        channel: f.channel,
        computer: f.computer,
        data: f.data,
        dataNames: f.dataNames,
        xml: f.xml,
        chunkIndex,
      };
    } catch (e) {
      err(`chunk ${chunkIndex}, record ${recordId} at chunk offset ${pos}: ${describe(e)}`, pos, recordId);
    }
    if (record !== null) yield record;
    pos += size;
  }
}
