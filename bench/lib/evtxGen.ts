/**
 * Builds large .evtx files from the 64 KiB chunks of real samples (read from shared/, never copied
 * into the repo). Each copied chunk gets fresh, continuous record numbers and ids (record headers
 * and chunk header), both chunk CRCs recomputed, and a file header that declares the chunks
 * (libyal's EVTX format doc: first chunk @8, last chunk @16, next record id @24, chunk count @42 u16,
 * CRC-32 of the first 120 bytes @124).
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { crc32 } from '../../server/src/service/formats/evtx';

export const FILE_HEADER_SIZE = 4096;
export const CHUNK_SIZE = 65536;
const CHUNK_HEADER_SIZE = 512;
const RECORD_MAGIC = 0x00002a2a;

/** The chunks of a sample that hold records ("ElfChnk\0" and at least one record). */
export function sampleChunks(path: string): Buffer[] {
  const bytes = readFileSync(path);
  const chunks: Buffer[] = [];
  for (let off = FILE_HEADER_SIZE; off + CHUNK_SIZE <= bytes.length; off += CHUNK_SIZE) {
    const c = bytes.subarray(off, off + CHUNK_SIZE);
    if (c.toString('latin1', 0, 8) !== 'ElfChnk\0') continue;
    if (c.readUInt32LE(48) <= CHUNK_HEADER_SIZE) continue;
    chunks.push(Buffer.from(c));
  }
  if (chunks.length === 0) throw new Error(`${path}: no chunk with records`);
  return chunks;
}

/** Rewrites `chunk` in place so that its records are numbered from `firstId`; returns the next id. */
function renumber(chunk: Buffer, firstId: bigint): bigint {
  const freeSpace = chunk.readUInt32LE(48);
  let id = firstId;
  let pos = CHUNK_HEADER_SIZE;
  while (pos + 28 <= freeSpace && chunk.readUInt32LE(pos) === RECORD_MAGIC) {
    const size = chunk.readUInt32LE(pos + 4);
    if (size < 28 || pos + size > freeSpace) break;
    chunk.writeBigUInt64LE(id, pos + 8);
    id++;
    pos += size;
  }
  const last = id - 1n;
  chunk.writeBigUInt64LE(firstId, 8); // first event record number
  chunk.writeBigUInt64LE(last, 16); // last event record number
  chunk.writeBigUInt64LE(firstId, 24); // first event record id
  chunk.writeBigUInt64LE(last, 32); // last event record id
  chunk.writeUInt32LE(crc32(chunk, CHUNK_HEADER_SIZE, freeSpace), 52); // event records CRC
  const headerCrc = crc32(Buffer.concat([chunk.subarray(0, 120), chunk.subarray(128, CHUNK_HEADER_SIZE)]));
  chunk.writeUInt32LE(headerCrc, 124);
  return id;
}

function fileHeader(chunkCount: number, nextRecordId: bigint): Buffer {
  const h = Buffer.alloc(FILE_HEADER_SIZE);
  h.write('ElfFile\0', 0, 'latin1');
  h.writeBigUInt64LE(0n, 8);
  h.writeBigUInt64LE(BigInt(chunkCount - 1), 16);
  h.writeBigUInt64LE(nextRecordId, 24);
  h.writeUInt32LE(128, 32);
  h.writeUInt16LE(1, 36); // minor version
  h.writeUInt16LE(3, 38); // major version
  h.writeUInt16LE(FILE_HEADER_SIZE, 40);
  h.writeUInt16LE(chunkCount, 42);
  h.writeUInt32LE(0, 120); // flags: clean
  h.writeUInt32LE(crc32(h, 0, 120), 124);
  return h;
}

/** Number of chunks for a file of about `bytes` (header + whole chunks). */
export function chunksFor(bytes: number): number {
  return Math.max(1, Math.round((bytes - FILE_HEADER_SIZE) / CHUNK_SIZE));
}

/**
 * Writes `chunkCount` chunks cycling through `pattern` (copies of real chunks), renumbered.
 * Returns the number of records written.
 */
export function writeEvtx(path: string, pattern: Buffer[], chunkCount: number): number {
  if (chunkCount > 0xffff) throw new Error(`${chunkCount} chunks do not fit the header's 16-bit count`);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, Buffer.alloc(FILE_HEADER_SIZE)); // placeholder, written last
    let nextId = 1n;
    const batch: Buffer[] = [];
    const flush = () => {
      if (batch.length) writeSync(fd, Buffer.concat(batch.splice(0)));
    };
    for (let i = 0; i < chunkCount; i++) {
      const chunk = Buffer.from(pattern[i % pattern.length]);
      nextId = renumber(chunk, nextId);
      batch.push(chunk);
      if (batch.length === 256) flush();
    }
    flush();
    writeSync(fd, fileHeader(chunkCount, nextId), 0, FILE_HEADER_SIZE, 0);
    return Number(nextId - 1n);
  } finally {
    closeSync(fd);
  }
}
