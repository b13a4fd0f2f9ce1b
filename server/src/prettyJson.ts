/**
 * The CLI's JSON, written in pieces: exactly the text of JSON.stringify(value, null, 2) plus a newline.
 * For a 100 MB log the findings come to ~160 MB of JSON; made as one string, the CLI held that string,
 * then its UTF-8 bytes (one `×` anywhere sends the whole conversion down the slow path), and peaked at
 * ~1 GB. Written a piece at a time, each piece is encoded and let go.
 */

/**
 * The JSON is made in two buffers of this many bytes, taking turns: each is handed to the stream and
 * filled again once the stream has let go of it, while the other is filled. A new buffer for each
 * piece meant filling fresh memory (~70 ms per 160 MB of JSON), and pieces of 1 M characters were each
 * a large object of their own, mapped and unmapped: on the bench's 1 GB CSV (1.5 GB of JSON) encoding
 * took 2.2 s and the system 5.6 s, against 0.4 s and 2.7 s with pieces of 32 K characters.
 */
const PIECE_BYTES = 192 * 1024;
/** A buffer is handed on once it holds this much: what is written between two checks (a record, a run) mostly fits in the rest. */
const FULL = PIECE_BYTES - 16 * 1024;

/** Arrays longer than this are written in runs of elements; anything smaller is one JSON.stringify. */
const WALK_LENGTH = 16;
/** Elements encoded by one JSON.stringify: one call per element made the whole CLI ~10% slower. */
const RUN = 1024;

/** Where the JSON goes: a Node stream (process.stdout, a file), which calls `done` once it has let go of a chunk. */
export interface JsonOut {
  write(chunk: string | Uint8Array, done: (error?: Error | null) => void): unknown;
}

/**
 * Resolves once the stream has let go of the last piece. A buffer is filled again only once the
 * stream has let go of what it last held, so the stream is at most one buffer behind and a reader
 * slower than the CLI (`| jq`) holds it back: before, every piece went into the stream's queue at
 * once, and for the 1 GB bench log read through a slow pipe the queue grew past 2 GB until the write
 * failed (ENOBUFS).
 */
export async function writePrettyJson(out: JsonOut, value: unknown): Promise<void> {
  const buffers = [Buffer.allocUnsafeSlow(PIECE_BYTES), Buffer.allocUnsafeSlow(PIECE_BYTES)];
  const released: (Promise<void> | undefined)[] = [undefined, undefined];
  let turn = 0;
  const sink = new JsonBytes(buffers[turn]);
  const send = () => {
    const chunks = sink.take();
    if (chunks.length > 0) {
      // The buffer is free again once the stream has let go of every chunk of it (most turns hand over one).
      const writes = chunks.map((chunk) => new Promise<void>((resolve, reject) => out.write(chunk, (error) => (error ? reject(error) : resolve()))));
      const all = Promise.all(writes).then(() => undefined);
      // Awaited on this buffer's next turn; a failed write is the stream's error too, which its owner handles meanwhile.
      all.catch(() => undefined);
      released[turn] = all;
    }
    turn = 1 - turn;
  };
  // The walk stops each time the buffer is full.
  for (const steps = walk(value, '', sink); !steps.next().done; ) {
    send();
    await released[turn];
    sink.fill(buffers[turn]);
  }
  sink.text('\n');
  send();
  await Promise.all(released);
}

/**
 * The bytes of the JSON being made, UTF-8, in one buffer, with what did not fit in it (a long text)
 * set aside as a chunk of its own between them. Records write into it directly (see JsonRecords):
 * joining each finding's text from strings and encoding it after cost the CLI ~0.35 s of its 1.95 s
 * on the bench's 100 MB CSV.
 */
export class JsonBytes {
  /** What is ready for the stream, in order, before the bytes from `from` on. */
  private ready: (Uint8Array | string)[] = [];
  private from = 0;
  private at = 0;

  constructor(private buffer: Buffer) {}

  /** Whether the buffer should be handed on before more is written. */
  get full(): boolean {
    return this.at >= FULL || this.ready.length > 0;
  }

  /** Text, as it is. */
  text(s: string): void {
    if (3 * s.length <= this.buffer.length - this.at) this.at += this.buffer.write(s, this.at, 'utf8');
    else this.aside(s);
  }

  /** Bytes made beforehand (see encoded). */
  bytes(b: Uint8Array): void {
    if (b.length <= this.buffer.length - this.at) {
      this.buffer.set(b, this.at);
      this.at += b.length;
    } else this.aside(b);
  }

  /** A whole number from 0 up, as JSON writes it. */
  count(n: number): void {
    if (!(Number.isSafeInteger(n) && n >= 0) || this.buffer.length - this.at < 16) return this.text(JSON.stringify(n));
    let digits = 1;
    for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    const buffer = this.buffer;
    let i = (this.at += digits);
    for (let rest = n; digits-- > 0; rest = Math.floor(rest / 10)) buffer[--i] = 0x30 + (rest % 10);
  }

  /**
   * A string, as JSON.stringify writes it. ASCII with no control character, quote or backslash (most
   * messages) is the same in JSON: it is encoded into place and checked there, which costs less than
   * checking the string first (a message is mostly a join, which every look into it makes flat).
   */
  string(s: string): void {
    const buffer = this.buffer;
    const start = this.at + 1;
    // With room for three bytes a character nothing is cut off, so as many bytes as characters is ASCII.
    if (3 * s.length + 2 <= buffer.length - this.at && buffer.write(s, start, 'utf8') === s.length) {
      const end = start + s.length;
      let i = start;
      for (; i < end; i++) {
        const c = buffer[i];
        if (c < 0x20 || c === 0x22 || c === 0x5c) break;
      }
      if (i === end) {
        buffer[this.at] = 0x22;
        buffer[end] = 0x22;
        this.at = end + 1;
        return;
      }
    }
    this.text(JSON.stringify(s));
  }

  /** Everything made since the last take, in order; the buffer is not written again until fill. */
  take(): (Uint8Array | string)[] {
    this.cut();
    const ready = this.ready;
    this.ready = [];
    return ready;
  }

  /** Goes on in `buffer`, which the stream has let go of. */
  fill(buffer: Buffer): void {
    this.buffer = buffer;
    this.from = 0;
    this.at = 0;
  }

  private aside(chunk: Uint8Array | string): void {
    this.cut();
    this.ready.push(chunk);
  }

  private cut(): void {
    if (this.at > this.from) this.ready.push(this.buffer.subarray(this.from, this.at));
    this.from = this.at;
  }
}

/** Text as bytes, for writing again and again with JsonBytes.bytes. */
export function encoded(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

/**
 * An array whose elements are written by a template: `writerAt(pad)` gives a function that writes
 * the text JSON.stringify(element, null, 2) gives, its lines after the first indented by `pad`, into
 * `out`. For long arrays of records of one known shape: the CLI's findings, with what is the same for
 * every finding encoded once.
 */
export class JsonRecords<T> {
  constructor(
    readonly items: readonly T[],
    readonly writerAt: (pad: string) => (item: T, out: JsonBytes) => void,
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

/** Writes `value`'s text into `sink`, yielding once the sink is full (checked in loops, so a buffer may run a little over FULL). */
function* walk(value: unknown, pad: string, sink: JsonBytes): Generator<void, void> {
  const inner = `${pad}  `;
  const put = (s: string) => sink.text(s);
  if (value instanceof JsonRecords) {
    const { items, writerAt } = value as JsonRecords<unknown>;
    if (items.length === 0) put('[]');
    else {
      const element = writerAt(inner);
      const next = encoded(`,\n${inner}`);
      put(`[\n${inner}`);
      element(items[0], sink);
      for (let i = 1; i < items.length; i++) {
        if (sink.full) yield;
        sink.bytes(next);
        element(items[i], sink);
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
      if (sink.full) yield;
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
