/**
 * Answers and notifications encoded to JSON ahead of time, a piece per step. vscode-jsonrpc encodes
 * each message with one JSON.stringify: for a big log's outline (~2 MB) that held every other request
 * up for 10–30 ms, and editors ask for the outline again after every change. Encoded in steps, and
 * once per value, the message only has to be written out, piece by piece (PreEncodedWriter).
 */
import { AbstractMessageWriter, type Message, type MessageWriter, type NotificationMessage, type ResponseMessage } from 'vscode-languageserver/node';
import type { Steps } from './service/steps';
import { isPlain } from './prettyJson';

/** A value with its JSON bytes, in pieces. JSON.stringify still sees the value (toJSON), for transports that encode on their own. */
class PreEncoded {
  constructor(readonly value: unknown, readonly pieces: readonly Buffer[]) {}
  toJSON(): unknown {
    return this.value;
  }
}

/** Text is turned into bytes every this many characters, so no step copies a whole answer. */
const FLUSH_CHARS = 1 << 16;

class Sink {
  private text = '';
  private readonly buffers: Buffer[] = [];
  push(s: string): void {
    this.text += s;
    if (this.text.length >= FLUSH_CHARS) this.flush();
  }
  flush(): void {
    if (this.text.length > 0) this.buffers.push(Buffer.from(this.text, 'utf8'));
    this.text = '';
  }
  pieces(): Buffer[] {
    this.flush();
    return this.buffers;
  }
}

/** Values already encoded, by identity: a cached outline is answered many times. They must not change afterwards. */
const encoded = new WeakMap<object, PreEncoded>();

/**
 * The answer `value` with its JSON (exactly as JSON.stringify writes it) made in steps, one per array
 * element. Typed as the value because that is what every transport sends: ours copies the bytes, the
 * others encode the value again.
 */
export function* preEncodeSteps<T extends unknown[] | Record<string, unknown>>(value: T): Steps<T> {
  let known = encoded.get(value);
  if (!known) {
    const sink = new Sink();
    yield* encode(value, sink);
    encoded.set(value, (known = new PreEncoded(value, sink.pieces())));
  }
  return known as unknown as T;
}

function isFiniteNumber(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Worth walking in steps: an array, or a plain object holding a non-empty array. Anything else is one JSON.stringify. */
function isNested(v: unknown): v is unknown[] | Record<string, unknown> {
  return Array.isArray(v) || (isPlain(v) && Object.values(v).some((m) => Array.isArray(m) && m.length > 0));
}

/** Numbers written in one step: a big log's colours are millions of them, five per token. */
const NUMBERS_STEP = 1 << 14;

function* encode(value: unknown[] | Record<string, unknown>, sink: Sink): Steps<void> {
  if (Array.isArray(value)) {
    sink.push('[');
    for (let i = 0; i < value.length; ) {
      if (i > 0) sink.push(',');
      // A run of finite numbers is joined, a step's worth at a time: JSON writes them as String does.
      let end = i;
      while (end < value.length && end - i < NUMBERS_STEP && isFiniteNumber(value[end])) end++;
      if (end > i) {
        sink.push(value.slice(i, end).join(','));
        i = end;
        yield;
        continue;
      }
      const item = value[i++];
      // In an array JSON writes null for what it cannot encode (undefined, functions).
      if (isNested(item)) yield* encode(item, sink);
      else sink.push(JSON.stringify(item) ?? 'null');
      yield;
    }
    sink.push(']');
    return;
  }
  sink.push('{');
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    const long = typeof member === 'string' && member.length > STRING_STEP;
    const text = long || isNested(member) ? null : (JSON.stringify(member) as string | undefined);
    // In an object JSON leaves out members it cannot encode.
    if (text === undefined) continue;
    sink.push(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (long) yield* encodeString(member, sink);
    else if (text === null) yield* encode(member as unknown[] | Record<string, unknown>, sink);
    else sink.push(text);
  }
  sink.push('}');
}

/** Characters of a long string (an .evtx's view, millions of them) escaped in one step. */
const STRING_STEP = 1 << 18;

/**
 * A long string's JSON, a piece per step: JSON escapes each character on its own, except that a
 * surrogate pair stays whole where a lone surrogate is escaped, so no piece ends between the two.
 */
function* encodeString(text: string, sink: Sink): Steps<void> {
  sink.push('"');
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + STRING_STEP);
    if (to < text.length && isHighSurrogate(text.charCodeAt(to - 1))) to++;
    sink.push(JSON.stringify(text.slice(from, to)).slice(1, -1));
    from = to;
    yield;
  }
  sink.push('"');
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

const CLOSE = Buffer.from('}');

/**
 * A message's JSON, exactly as JSON.stringify writes it, in pieces: a pre-encoded answer (a response's
 * result, a notification's params) is its pieces, between the members the library puts before it
 * and the closing brace.
 */
function messagePieces(msg: Message): Buffer[] {
  const m = msg as Partial<ResponseMessage & NotificationMessage>;
  const head = m.result instanceof PreEncoded ? `"id":${JSON.stringify(m.id)},"result":` : m.params instanceof PreEncoded && !('id' in m) ? `"method":${JSON.stringify(m.method)},"params":` : null;
  if (head === null) return [Buffer.from(JSON.stringify(msg), 'utf8')];
  const raw = (m.result ?? m.params) as PreEncoded;
  return [Buffer.from(`{"jsonrpc":${JSON.stringify(msg.jsonrpc)},${head}`, 'utf8'), ...raw.pieces, CLOSE];
}

/**
 * vscode-jsonrpc's stream writer (the same header and JSON), except that a message's pieces are written
 * as they are: joined into one buffer first, a big log's outline (~2 MB) was copied at every answer,
 * and that copy held hovers up for 1-5 ms. The stream keeps the pieces in order.
 */
export class PreEncodedWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (error: Error) => this.fireError(error));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    return new Promise((resolve, reject) => {
      const failed = (error: unknown) => {
        this.fireError(error, msg, ++this.errorCount);
        reject(error);
      };
      try {
        const pieces = messagePieces(msg);
        let length = 0;
        for (const piece of pieces) length += piece.length;
        this.out.write(`Content-Length: ${length}\r\n\r\n`, 'ascii');
        for (let i = 0; i < pieces.length - 1; i++) this.out.write(pieces[i]);
        this.out.write(pieces[pieces.length - 1], (error?: Error | null) => (error ? failed(error) : resolve()));
      } catch (error) {
        failed(error);
      }
    });
  }

  end(): void {
    this.out.end();
  }
}
