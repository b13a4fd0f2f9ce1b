/**
 * The layout Event Viewer's "Copy details as text" and `wevtutil qe /f:text` have in common:
 * a block per event of `Label: value` lines (`Source`, `Date`, `Event ID`, `Level`, ...), then
 * `Description:` and the message on the lines below, up to the next block (or, for Event Viewer, up
 * to `Event Xml:` and the XML that follows). Each reader supplies only what differs: how a property
 * line and a block start look, and what ends the message.
 */
import type { LogEvent, ReadError } from '../model';
import { STEP, type Steps } from '../steps';
import {
  StrayLines,
  isBlank,
  joinMessage,
  levelFromText,
  parseUnsigned,
  splitLines,
  textEvent,
  trimmedSpan,
  type Line,
} from './plainText';
import { rangeAt } from './text';

export interface DetailProperty {
  label: string;
  /** Column where the value starts on the line. */
  valueColumn: number;
}

export interface DetailSpec {
  /** Names a block in messages, e.g. "Copy details block". */
  what: string;
  /** Recognizes a property line. */
  property(text: string): DetailProperty | null;
  /** True when line `i` starts a new event block, whatever state the reader is in. */
  startsBlock(lines: readonly Line[], i: number): boolean;
  /** A line that ends the message and starts a trailer which is not message text (e.g. `Event Xml:`). */
  trailerStart?: RegExp;
  /** The trailer's last line (e.g. `</Event>`), tested on the trimmed line. */
  trailerEnd?: RegExp;
}

export interface DetailBlock {
  first: Line;
  last: Line;
  properties: Map<string, { line: Line; valueColumn: number }>;
  messageLines: string[];
  /** Offsets of the trailer's text (from the line after its start marker), when there is one. */
  trailer: { start: number; end: number } | null;
}

type State = 'outside' | 'properties' | 'message' | 'trailer';

/** Splits text into detail blocks; lines outside any block are reported through `stray`. */
export function readDetailBlocks(lines: readonly Line[], spec: DetailSpec, stray: StrayLines): DetailBlock[] {
  const blocks: DetailBlock[] = [];
  let block: DetailBlock | null = null;
  let state: State = 'outside';

  const open = (line: Line): DetailBlock => {
    stray.flush();
    const b: DetailBlock = { first: line, last: line, properties: new Map(), messageLines: [], trailer: null };
    blocks.push(b);
    return b;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (spec.startsBlock(lines, i)) {
      block = open(line);
      state = 'properties';
      const p = spec.property(line.text);
      if (p) block.properties.set(p.label, { line, valueColumn: p.valueColumn });
      continue;
    }
    if (state === 'outside' || state === 'properties') {
      if (isBlank(line)) continue;
      const p = spec.property(line.text);
      if (!p) {
        stray.add(line);
        continue;
      }
      if (state === 'outside' || !block || block.properties.has(p.label)) {
        block = open(line);
        state = 'properties';
      }
      block.properties.set(p.label, { line, valueColumn: p.valueColumn });
      block.last = line;
      if (p.label === 'Description') {
        state = 'message';
        const rest = line.text.slice(p.valueColumn);
        if (rest.trim().length > 0) block.messageLines.push(rest);
      }
      continue;
    }
    if (!block) continue;
    if (state === 'message') {
      if (spec.trailerStart && spec.trailerStart.test(line.text)) {
        state = 'trailer';
        block.trailer = { start: i + 1 < lines.length ? lines[i + 1].start : line.end, end: line.end };
        block.last = line;
        continue;
      }
      block.messageLines.push(line.text);
      if (!isBlank(line)) block.last = line;
      continue;
    }
    // Trailer: kept out of the message; its end closes the block.
    if (block.trailer && !isBlank(line)) {
      block.trailer.end = line.end;
      block.last = line;
    }
    if (spec.trailerEnd && spec.trailerEnd.test(line.text.trim())) state = 'outside';
  }
  stray.flush();
  return blocks;
}

/** Reads a whole text of detail blocks into events; `enrich` may add what a trailer holds. */
export function* readDetailText(
  text: string,
  spec: DetailSpec,
  enrich?: (event: LogEvent, trailer: string) => void,
): Steps<{ events: LogEvent[]; errors: ReadError[] }> {
  const events: LogEvent[] = [];
  const errors: ReadError[] = [];
  const stray = new StrayLines(errors, spec.what);
  let rounds = 0;
  for (const block of readDetailBlocks(splitLines(text), spec, stray)) {
    if (++rounds % STEP === 0) yield;
    const event = blockToEvent(block, spec.what);
    if (!('eventId' in event)) {
      errors.push(event);
      continue;
    }
    if (enrich && block.trailer && block.trailer.end > block.trailer.start) {
      enrich(event, text.slice(block.trailer.start, block.trailer.end));
    }
    events.push(event);
  }
  return { events, errors };
}

function value(block: DetailBlock, label: string): string | null {
  const p = block.properties.get(label);
  if (!p) return null;
  const v = p.line.text.slice(p.valueColumn).trim();
  return v.length > 0 ? v : null;
}

function blockToEvent(block: DetailBlock, what: string): LogEvent | ReadError {
  const { first, last } = block;
  const range = rangeAt(first.n, 0, last.n, last.end - last.start);
  const id = block.properties.get('Event ID');
  if (!id) {
    return { message: `The ${what} starting on line ${block.first.n + 1} has no "Event ID:" line, so it cannot be read as an event.`, range };
  }
  const [s, e] = trimmedSpan(id.line.text, id.valueColumn, id.line.text.length);
  const idText = id.line.text.slice(s, e);
  const idRange = rangeAt(id.line.n, s, id.line.n, e);
  const eventId = parseUnsigned(idText);
  if (eventId === null) {
    const shown = idText.length > 40 ? `${idText.slice(0, 40)}…` : idText;
    return { message: `Event ID "${shown}" on line ${id.line.n + 1} is not an event number.`, range: idRange };
  }
  const levelText = value(block, 'Level');
  return textEvent(null, {
    eventId,
    source: value(block, 'Source'),
    level: levelFromText(levelText),
    levelText,
    timeText: value(block, 'Date'),
    message: joinMessage(block.messageLines),
    range,
    idRange,
  });
}
