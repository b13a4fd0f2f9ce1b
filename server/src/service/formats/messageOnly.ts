/**
 * A message pasted on its own (from a ticket, a chat, an e-mail): no id, no source, no level.
 *
 * The text is cut into messages at lines that open a known password-sync message and at blank lines.
 * Some messages carry details in further paragraphs (611's exception and stack trace, 6900's quoted
 * error, event 0's `DN = ...` list), so a paragraph that opens with no known phrase stays with a
 * message that expects details, or that it plainly continues (`Details:`, `DN =`, a quote, XML, a
 * stack line). Everything else becomes a message of its own; the analysis layer, not this reader,
 * decides which event (if any) each text is.
 */
import type { LogEvent } from '../model';
import { defineReader, type FormatReader, type ReadSteps } from './reader';
import { STEP } from '../steps';
import { headLines, indentOf, isBlank, joinMessage, splitLines, trimmedSpan, type Line } from './plainText';
import { rangeAt } from './text';

/** Openings of password-sync messages that always start a new message. */
const OPENING =
  /^\s*(?:(Password synchronization failed for domain|The server encountered an unexpected error while processing a password change notification|The following password changes failed|Failed credential provisioning)|Provision credentials|Password Change (?:Request|Result)|Access to Windows Azure Active Directory has been denied|Full password hash synchronization completed)/i;

/** Starts a message only when not already inside one that expects details (655/6900 quote this text). */
const BAD_CREDENTIALS = /^\s*The user name or password is incorrect/i;

/** Paragraph openings that plainly continue the message above. */
const DETAIL = /^\s*(?:Details\b|DN\s*=|["'<]|at\s|---|Microsoft\.|System\.|Extended Error|Error Code)/;

interface Draft {
  lines: Line[];
  /** The message opened with a known phrase. */
  known: boolean;
  /** The message opened with a phrase whose event carries details in further paragraphs. */
  expectsDetails: boolean;
}

function* readMessageOnly(text: string): ReadSteps {
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  let afterBlank = true;

  let rounds = 0;
  for (const line of splitLines(text)) {
    if (++rounds % STEP === 0) yield;
    if (isBlank(line)) {
      if (current) current.lines.push(line);
      afterBlank = true;
      continue;
    }
    const opening = OPENING.exec(line.text);
    const badCredentials = !opening && BAD_CREDENTIALS.test(line.text);
    let startsNew: boolean;
    if (opening) startsNew = true;
    else if (badCredentials) startsNew = !current || !current.expectsDetails;
    else if (!current) startsNew = true;
    else if (afterBlank) startsNew = !(current.known && (current.expectsDetails || DETAIL.test(line.text)));
    else startsNew = false;

    if (startsNew) {
      current = { lines: [line], known: opening !== null || badCredentials, expectsDetails: opening?.[1] !== undefined };
      drafts.push(current);
    } else if (current) {
      current.lines.push(line);
    }
    afterBlank = false;
  }

  const events: LogEvent[] = drafts.map(toEvent);
  return { format: 'message-only', events, errors: [] };
}

function toEvent(draft: Draft): LogEvent {
  let last = draft.lines.length;
  while (last > 1 && isBlank(draft.lines[last - 1])) last--;
  const lines = draft.lines.slice(0, last);
  // Remove the indentation every line shares (a quoted paste), keeping relative indentation (stack lines).
  let common = Infinity;
  for (const l of lines) if (!isBlank(l)) common = Math.min(common, indentOf(l.text));
  const strip = Number.isFinite(common) ? common : 0;
  const first = lines[0];
  const lastLine = lines[lines.length - 1];
  const [s, e] = trimmedSpan(first.text, 0, first.text.length);
  return {
    eventId: null,
    eventIdInferred: false,
    source: null,
    level: 'unknown',
    levelText: null,
    timeText: null,
    time: null,
    sortTime: null,
    message: joinMessage(lines.map((l) => l.text.slice(Math.min(strip, indentOf(l.text))))),
    range: rangeAt(first.n, 0, lastLine.n, lastLine.end - lastLine.start),
    idRange: rangeAt(first.n, s, first.n, e),
  };
}

/** Low on purpose: any structured shape that also matches must win. */
function sniffMessageOnly(head: string): number {
  for (const line of headLines(head)) {
    if (OPENING.test(line) || BAD_CREDENTIALS.test(line)) return 0.05;
  }
  return 0;
}

/** A password-sync message pasted on its own (no id column). */
export const messageOnlyReader: FormatReader = defineReader({
  id: 'message-only',
  sniff: sniffMessageOnly,
  steps: readMessageOnly,
});
