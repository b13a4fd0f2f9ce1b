/**
 * Numbers as a user reads them in the text we write (problems, the tree, the status bar, reports, the
 * CLI): digits grouped by thousands, in English as the text is, and the word made plural.
 */
export function grouped(n: number): string {
  return n.toLocaleString('en-US');
}

/** `n` and its word: "1 error", "1,271 errors". */
export function counted(n: number, word: string, plural = `${word}s`): string {
  return `${grouped(n)} ${n === 1 ? word : plural}`;
}
