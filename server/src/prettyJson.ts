/**
 * The CLI's JSON, written in pieces: exactly the text of JSON.stringify(value, null, 2) plus a newline.
 * For a 100 MB log the findings come to ~160 MB of JSON; made as one string, the CLI held that string,
 * then its UTF-8 bytes (one `×` anywhere sends the whole conversion down the slow path), and peaked at
 * ~1 GB. Written a piece at a time, each piece is encoded and let go.
 */

/**
 * Text is handed to the stream in pieces of about this many characters. A piece is joined into one
 * string before it is encoded: kept under V8's 128 KB for an ordinary object (even at two bytes a
 * character), that string is made and dropped in the young generation. Pieces of 1 M characters were
 * each a large object of their own, mapped and unmapped: on the bench's 1 GB CSV (1.5 GB of JSON)
 * encoding took 2.2 s and the system 5.6 s, against 0.4 s and 2.7 s with these.
 */
const PIECE_CHARS = 1 << 15;
/** Room for a piece of twice that in UTF-8 (at most 3 bytes per UTF-16 unit); longer pieces go as text. */
const PIECE_BYTES = 6 * PIECE_CHARS;

/** Arrays longer than this are written in runs of elements; anything smaller is one JSON.stringify. */
const WALK_LENGTH = 16;
/** Elements encoded by one JSON.stringify: one call per element made the whole CLI ~10% slower. */
const RUN = 1024;

/** Where the JSON goes: a Node stream (process.stdout, a file), which calls `done` once it has let go of a chunk. */
export interface JsonOut {
  write(chunk: string | Uint8Array, done: (error?: Error | null) => void): unknown;
}

/**
 * Resolves once the stream has let go of the last piece. A piece is made only when the stream is at
 * most one piece behind, so a reader slower than the CLI (`| jq`) holds it back: before, every piece
 * went into the stream's queue at once, and for the 1 GB bench log read through a slow pipe the queue
 * grew past 2 GB until the write failed (ENOBUFS).
 */
export async function writePrettyJson(out: JsonOut, value: unknown): Promise<void> {
  const writer = new PieceWriter(out);
  const sink = new Sink();
  for (const piece of walk(value, '', sink)) await writer.write(piece);
  await writer.write(`${sink.take()}\n`);
  await writer.flushed();
}

/** The text of the piece being made. */
class Sink {
  text = '';
  get full(): boolean {
    return this.text.length >= PIECE_CHARS;
  }
  take(): string {
    const text = this.text;
    this.text = '';
    return text;
  }
}

/**
 * Encodes each piece into one of two buffers, each used again once the stream has let go of what it
 * held. Buffer.from, which the stream calls for text, makes a new buffer per piece, and filling fresh
 * memory cost the CLI ~70 ms per 160 MB of JSON. Two, so that the next piece is made while the stream
 * writes the last one.
 */
class PieceWriter {
  private readonly buffers = [Buffer.allocUnsafeSlow(PIECE_BYTES), Buffer.allocUnsafeSlow(PIECE_BYTES)];
  private readonly written: (Promise<void> | undefined)[] = [undefined, undefined];
  private turn = 0;
  constructor(private readonly out: JsonOut) {}

  async write(text: string): Promise<void> {
    const turn = this.turn;
    this.turn = 1 - turn;
    await this.written[turn];
    const bytes = this.buffers[turn];
    const chunk = 3 * text.length > PIECE_BYTES ? text : bytes.subarray(0, bytes.write(text, 0, 'utf8'));
    const written = new Promise<void>((resolve, reject) => this.out.write(chunk, (error) => (error ? reject(error) : resolve())));
    // Awaited on this buffer's next turn; a failed write is the stream's error too, which its owner handles meanwhile.
    written.catch(() => undefined);
    this.written[turn] = written;
  }

  async flushed(): Promise<void> {
    await Promise.all(this.written);
  }
}

/**
 * An array whose elements are written by a template: `writerAt(pad)` gives a function that returns
 * the text JSON.stringify(element, null, 2) gives, its lines after the first indented by `pad`. For
 * long arrays of records of one known shape: the CLI's findings written so, with what is the same for
 * every finding worked out once, made its JSON ~100 ms per 160 MB faster than encoding each generically.
 */
export class JsonRecords<T> {
  constructor(
    readonly items: readonly T[],
    readonly writerAt: (pad: string) => (item: T) => string,
  ) {}
}

/** An object JSON.stringify writes member by member: no toJSON, no class of its own. */
export function isPlain(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && !('toJSON' in v);
}

/** Worth walking: a long array, or a plain object holding one (at any depth). */
function isBig(v: unknown): boolean {
  if (v instanceof JsonRecords) return true;
  if (Array.isArray(v)) return v.length > WALK_LENGTH || v.some(isBig);
  if (!isPlain(v)) return false;
  // Asked of every finding: no array of its values made each time.
  for (const key in v) if (isBig(v[key])) return true;
  return false;
}

/**
 * Elements of an array `depth` levels down, each on its line and indented for that depth, as
 * JSON.stringify(…, null, 2) writes them there: the run is encoded inside `depth` arrays of one element,
 * whose brackets (each on a line of its own) are cut off again.
 */
function runText(run: unknown[], depth: number): string {
  let nested: unknown = run;
  for (let level = 0; level < depth; level++) nested = [nested];
  const text = JSON.stringify(nested, null, 2);
  // "[" then, per level l, "\n" + 2l spaces + "["; and the same with "]" at the end, the last one unindented.
  let cut = 1;
  for (let level = 1; level <= depth; level++) cut += 2 * level + 2;
  return text.slice(cut, text.length - cut - 1);
}

/** Puts `value`'s text into `sink`, yielding each piece once the sink is full (checked in loops, so a piece may run a little over). */
function* walk(value: unknown, pad: string, sink: Sink): Generator<string, void> {
  const inner = `${pad}  `;
  const put = (s: string) => {
    sink.text += s;
  };
  if (value instanceof JsonRecords) {
    const { items, writerAt } = value as JsonRecords<unknown>;
    if (items.length === 0) put('[]');
    else {
      const element = writerAt(inner);
      const next = `,\n${inner}`;
      put(`[\n${inner}${element(items[0])}`);
      for (let i = 1; i < items.length; i++) {
        put(next + element(items[i]));
        if (sink.full) yield sink.take();
      }
      put(`\n${pad}]`);
    }
  } else if (Array.isArray(value) && isBig(value)) {
    put('[');
    for (let i = 0; i < value.length; ) {
      const comma = i === 0 ? '' : ',';
      if (isBig(value[i])) {
        put(`${comma}\n${inner}`);
        yield* walk(value[i++], inner, sink);
        continue;
      }
      let end = i + 1;
      while (end < value.length && end - i < RUN && !isBig(value[end])) end++;
      put(comma + runText(value.slice(i, end), pad.length / 2));
      if (sink.full) yield sink.take();
      i = end;
    }
    put(`\n${pad}]`);
  } else if (isPlain(value) && isBig(value)) {
    let first = true;
    for (const [key, member] of Object.entries(value)) {
      // JSON leaves out members it cannot encode.
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      put(`${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
      first = false;
      yield* walk(member, inner, sink);
    }
    put(`\n${pad}}`);
  } else {
    // Strings never hold a raw line break, so every one in the text is indentation to shift. (In an
    // array JSON writes null for what it cannot encode.)
    const text = JSON.stringify(value, null, 2) ?? 'null';
    put(pad === '' ? text : text.replaceAll('\n', `\n${pad}`));
  }
}
