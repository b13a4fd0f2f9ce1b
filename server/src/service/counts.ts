/**
 * Numbers as a user reads them in the text we write (problems, the tree, the status bar, reports, the
 * CLI): digits grouped by thousands, in English as the text is, and the word made plural.
 */
export function grouped(n: number): string {
  // Counts are whole numbers: grouped here, as toLocaleString('en-US') groups them, whose first call
  // in a process loads ICU's number formats (10 ms, in the middle of an analysis). Anything else is left to it.
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

/** `n` and its word: "1 error", "1,271 errors". */
export function counted(n: number, word: string, plural = `${word}s`): string {
  return `${grouped(n)} ${n === 1 ? word : plural}`;
}

/** A file's size in whole MB (MiB, as file managers count them), at least 1: "1,024 MB". */
export function megabytes(bytes: number): string {
  return `${grouped(Math.max(1, Math.round(bytes / (1 << 20))))} MB`;
}
