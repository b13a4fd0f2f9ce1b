/** The EVTX file header (first 4096 bytes) and the CRC-32 its checksum uses. */

export const FILE_HEADER_SIZE = 4096;
export const CHUNK_SIZE = 65536;
export const FILE_FLAG_DIRTY = 0x1;
export const FILE_FLAG_FULL = 0x2;

const FILE_MAGIC = [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]; // "ElfFile\0"

export interface EvtxFileHeader {
  firstChunkNumber: number;
  lastChunkNumber: number;
  nextRecordId: number;
  headerSize: number;
  minorVersion: number;
  majorVersion: number;
  headerBlockSize: number;
  chunkCount: number;
  flags: number;
  dirty: boolean;
  full: boolean;
  checksum: number;
  /** False when the stored CRC-32 of the first 120 bytes differs (informational only). */
  checksumValid: boolean;
}

let crcTable: Uint32Array | null = null;

function table(): Uint32Array {
  if (crcTable) return crcTable;
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  crcTable = t;
  return t;
}

/** CRC-32 (RFC 1952, the zlib one) of bytes[start, end). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = table();
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function hasFileMagic(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 8; i++) if (bytes[i] !== FILE_MAGIC[i]) return false;
  return true;
}

/** Reads the file header, or returns null when the bytes are too short or lack "ElfFile\0". */
export function parseFileHeader(bytes: Uint8Array): EvtxFileHeader | null {
  if (bytes.length < 128 || !hasFileMagic(bytes)) return null;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, 128);
  const flags = dv.getUint32(120, true);
  const checksum = dv.getUint32(124, true);
  return {
    firstChunkNumber: Number(dv.getBigUint64(8, true)),
    lastChunkNumber: Number(dv.getBigUint64(16, true)),
    nextRecordId: Number(dv.getBigUint64(24, true)),
    headerSize: dv.getUint32(32, true),
    minorVersion: dv.getUint16(36, true),
    majorVersion: dv.getUint16(38, true),
    headerBlockSize: dv.getUint16(40, true),
    chunkCount: dv.getUint16(42, true),
    flags,
    dirty: (flags & FILE_FLAG_DIRTY) !== 0,
    full: (flags & FILE_FLAG_FULL) !== 0,
    checksum,
    checksumValid: crc32(bytes, 0, 120) === checksum,
  };
}
