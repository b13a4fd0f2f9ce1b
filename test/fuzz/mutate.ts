/** A seeded mutation engine: the same seed gives the same inputs, so any crash can be replayed. */
import { prng } from '../fixtures/hostile';

/** Fragments that matter to the readers: delimiters, quotes, tags, labels, encodings. */
const dictionary = [
  '"', '""', ',', '\t', '\r\n', '\n', '\r', '<', '>', '&', '&amp;', '&#x41;', '&#1114112;', ']]>', '<![CDATA[', '<Event>', '</Event>',
  '<EventID>611</EventID>', '<Data>', '</Data>', "Name='", '<!--', '-->', '<!DOCTYPE x [<!ENTITY a "&a;">]>', 'Event ID:', 'Id :',
  'Message :', '    ', 'ProviderName: ', '----', 'Event[0]:', 'Description:', 'Event Xml:', '#TYPE ', 'Level,Date and Time,Source,Event ID,Task Category',
  'Directory Synchronization', 'Password synchronization failed for domain: ', 'RPC Error 8439', 'Dn : ', 'Anchor: ', 'Result: Failed.',
  '-PolicyType', 'Full', "@'", "'@", '@"', '"@', '`', '$(', '@{', '| %', '<#', '#>', '\u0000', '\uFEFF', '\uD800', '\u2013',
  '9'.repeat(30), '-1', 'ElfFile\u0000', 'ElfChnk\u0000', '**\u0000\u0000',
].map((s) => Buffer.from(s, 'utf8'));

export function mutator(seed: number): (seeds: readonly Uint8Array[]) => Uint8Array {
  const r = prng(seed);
  const int = (n: number) => Math.floor(r() * n);
  return (seeds) => {
    let b = Buffer.from(seeds[int(seeds.length)]);
    const rounds = 1 + int(4);
    for (let k = 0; k < rounds; k++) {
      const at = int(b.length + 1);
      switch (int(9)) {
        case 0: // flip bits
          for (let i = 0; i < 1 + int(8) && b.length; i++) b[int(b.length)] ^= 1 << int(8);
          break;
        case 1: // set interesting bytes
          for (let i = 0; i < 1 + int(4) && b.length; i++) b[int(b.length)] = [0, 0xff, 0x7f, 0x80, 0x22, 0x3c, 0x0a, 0x0d][int(8)];
          break;
        case 2: // insert a dictionary fragment
          b = Buffer.concat([b.subarray(0, at), dictionary[int(dictionary.length)], b.subarray(at)]);
          break;
        case 3: // delete a run
          b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + int(64)))]);
          break;
        case 4: // duplicate a run
          b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + int(256)), b.subarray(at)]);
          break;
        case 5: // truncate
          b = b.subarray(0, at);
          break;
        case 6: { // splice with another seed
          const other = seeds[int(seeds.length)];
          const from = int(other.length + 1);
          b = Buffer.concat([b.subarray(0, at), other.subarray(from, from + int(4096))]);
          break;
        }
        case 7: // overwrite a little-endian integer (lengths, offsets, counts in EVTX)
          if (b.length >= 4) b.writeUInt32LE([0, 1, 0xffff, 0x7fffffff, 0xffffffff, b.length, 65536][int(7)] >>> 0, int(b.length - 3));
          break;
        default: // repeat a fragment many times
          b = Buffer.concat([b.subarray(0, at), Buffer.concat(Array.from({ length: 2 + int(200) }, () => dictionary[int(dictionary.length)])), b.subarray(at)]);
      }
    }
    return b;
  };
}
