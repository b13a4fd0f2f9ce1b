/**
 * Answers and notifications encoded to JSON ahead of time, a piece per step. vscode-jsonrpc encodes
 * each message with one JSON.stringify: for a big log's outline (~2 MB) that held every other request
 * up for 10–30 ms, and editors ask for the outline again after every change. Encoded in steps, and
 * once per value, the message only has to be copied out.
 */
import type { ContentTypeEncoder, Message, NotificationMessage, ResponseMessage } from 'vscode-languageserver/node';
import type { Steps } from './service/steps';

/** A value with its JSON bytes. JSON.stringify still sees the value (toJSON), for transports that encode on their own. */
class PreEncoded {
  constructor(readonly value: unknown, readonly bytes: Buffer) {}
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
    this.buffers.push(Buffer.from(this.text, 'utf8'));
    this.text = '';
  }
  bytes(): Buffer {
    this.flush();
    return Buffer.concat(this.buffers);
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
    encoded.set(value, (known = new PreEncoded(value, sink.bytes())));
  }
  return known as unknown as T;
}

/** An object JSON.stringify writes member by member: no toJSON, no class of its own. */
export function isPlain(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && !('toJSON' in v);
}

/** Worth walking in steps: an array, or a plain object holding a non-empty array. Anything else is one JSON.stringify. */
function isNested(v: unknown): v is unknown[] | Record<string, unknown> {
  return Array.isArray(v) || (isPlain(v) && Object.values(v).some((m) => Array.isArray(m) && m.length > 0));
}

function* encode(value: unknown[] | Record<string, unknown>, sink: Sink): Steps<void> {
  if (Array.isArray(value)) {
    sink.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) sink.push(',');
      const item = value[i];
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
    const text = isNested(member) ? null : (JSON.stringify(member) as string | undefined);
    // In an object JSON leaves out members it cannot encode.
    if (text === undefined) continue;
    sink.push(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (text === null) yield* encode(member as unknown[] | Record<string, unknown>, sink);
    else sink.push(text);
  }
  sink.push('}');
}

const CLOSE = Buffer.from('}');

/**
 * vscode-jsonrpc's JSON encoding, except that a PreEncoded answer (a response's result, a notification's
 * params) is copied in instead of encoded again. The members are written in the order the library
 * gives them.
 */
export const preEncodedJson: ContentTypeEncoder = {
  name: 'application/json',
  encode(msg: Message, options) {
    try {
      const m = msg as Partial<ResponseMessage & NotificationMessage>;
      const head = m.result instanceof PreEncoded ? `"id":${JSON.stringify(m.id)},"result":` : m.params instanceof PreEncoded && !('id' in m) ? `"method":${JSON.stringify(m.method)},"params":` : null;
      if (head === null) return Promise.resolve(Buffer.from(JSON.stringify(msg), options.charset));
      const raw = (m.result ?? m.params) as PreEncoded;
      return Promise.resolve(Buffer.concat([Buffer.from(`{"jsonrpc":${JSON.stringify(msg.jsonrpc)},${head}`, 'utf8'), raw.bytes, CLOSE]));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};
