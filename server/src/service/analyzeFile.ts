/** A log file on disk, whatever its size: .evtx is streamed chunk by chunk; text is read whole. Used by the CLI and the server. */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { analyzeBytes, analyzeEvtxFile, type FileReport } from './files';
import { hasFileMagic } from './formats/evtx/header';

/** Why a file could not be analysed, in one line. */
export class UnreadableFileError extends Error {}

export function analyzeFile(path: string, keepAllEvents = false): FileReport {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UnreadableFileError(`cannot read ${path}: not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(`cannot read ${path}: no such file`);
  }
  try {
    // An .evtx is always streamed: rendering its text view first would cost three times the time and memory.
    if (startsWithEvtxSignature(path)) return analyzeEvtxFile(path, keepAllEvents);
    return analyzeBytes(readFileSync(path), path);
  } catch (error) {
    // A text file past V8's longest string cannot be decoded whole.
    if (error instanceof RangeError) throw new UnreadableFileError(`cannot read ${path}: too large to read as text (${size} bytes)`);
    throw new UnreadableFileError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function startsWithEvtxSignature(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(8);
    readSync(fd, head, 0, 8, 0);
    return hasFileMagic(head);
  } finally {
    closeSync(fd);
  }
}
