/**
 * escapeMarkdown (server/src/service/features/markdown.ts): log text put into the Markdown report renders
 * as the very same text, whatever it holds, and stays readable where nothing in it needs escaping.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { escapeMarkdown } from '../../server/src/service/features/markdown';

/**
 * As VS Code's Markdown preview renders (links found in plain text), with HTML allowed, as a ticket
 * system may, and finding links wherever linkify-it can: bare domains (`www.x.com`, `x.com`, as GitHub
 * links the first), e-mail addresses and IP addresses.
 */
const fuzzy = new MarkdownIt({ html: true, linkify: true });
fuzzy.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true });
const renderers = [new MarkdownIt({ html: false, linkify: true }), new MarkdownIt({ html: true, linkify: true }), fuzzy];

/** Pieces that start Markdown constructs, alone or together, and plain text between them. */
const PIECES = [
  '\\', '`', '```', '*', '**', '_', '~', '~~', '[', ']', '(', ')', '<', '>', '&', '|', '$', '#', '.', ':', '/', '//', '-', '+', '=',
  '!', '"', "'", '@', '{', '}', '^', ' ', '  ', '    ', '\t', '\n', '\r\n', '\r', '\n\n', 'a', 'Z', '1', '42', '1.', '2)', '---',
  '***', '===', 'http', 'https://', 'http://localhost', '//localhost', 'www', 'www.', 'mailto:', 'a@b.co', 'x.com', 'contoso.local',
  'evil.example', '10.0.0.1', '192.168.1.20:8080', '2026-05-04T08:09:00.0000000Z', 'localhost', 'пример.рф', '&amp;', '&#x41;', '&copy', '<b>', '<http://x.y>', '<a@b.co>',
  '[x](command:y)', '![i](x.png)', '[x]: http://y', 'javascript:alert(1)', '<img src=x onerror=alert(1)>', '$x$', '$$', 'CN=Ada Park,DC=x',
];

/** A deterministic generator (mulberry32), so a failure names an input that can be run again. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The text a browser would show for `html`, with the tags it uses. */
function shown(html: string): { text: string; tags: string[] } {
  const tags = [...html.matchAll(/<\/?([a-z0-9]+)[^>]*>/g)].map((m) => m[1]);
  const text = html.replace(/<[^>]*>/g, '').replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
  return { text, tags };
}

/** Whitespace as a reader sees it: any run of it is one space. */
const squeezed = (s: string): string => s.replace(/\s+/g, ' ').trim();

function assertLiteral(value: string): void {
  const escaped = escapeMarkdown(value);
  for (const [i, md] of renderers.entries()) {
    // As the report places it: after a severity in a list item, and after a label in a paragraph.
    for (const [before, reads, allowed] of [['- **Error** — ', 'Error — ', ['ul', 'li', 'strong', 'br']], ['**Broken.** ', 'Broken. ', ['p', 'strong', 'br']]] as const) {
      const { text, tags } = shown(md.render(`${before}${escaped}\n`));
      const label = `${JSON.stringify(value)} (escaped ${JSON.stringify(escaped)}, renderer ${i})`;
      assert.deepEqual(tags.filter((t) => !(allowed as readonly string[]).includes(t)), [], `markup from ${label}`);
      assert.equal(squeezed(text), squeezed(`${reads}${value}`), `text of ${label}`);
    }
  }
}

test('log text renders as itself: every hostile piece, alone and in 20,000 random strings of them', () => {
  for (const piece of PIECES) assertLiteral(piece);
  const next = random(2855271);
  for (let n = 0; n < 20_000; n++) {
    let value = '';
    for (let k = Math.floor(next() * 12); k >= 0; k--) value += PIECES[Math.floor(next() * PIECES.length)];
    assertLiteral(value);
  }
});

test('what a password-sync finding says is left as it is, but for the dots of its domains and addresses', () => {
  const plain = 'Password sync for domain fabrikam failed 2 times over 1 h 00 min, from 11/24/2026 1:32:14 PM to 11/24/2026 2:32:14 PM (RPC Error 8453); CN=Viola Hanson,OU=Cloud Objects,DC=contoso,DC=local (anchor H552hI9GwEykZwosf74JeOQ==).';
  assert.equal(escapeMarkdown(plain), plain);
  assert.equal(escapeMarkdown('domain fabrikam.com failed.'), 'domain fabrikam\\.com failed.');
  assert.equal(escapeMarkdown('from 2026-05-04T08:09:00.0000000Z, DC 10.0.0.1'), 'from 2026-05-04T08:09:00.0000000Z, DC 10.0.0\\.1');
  assert.equal(escapeMarkdown('see https://evil.example'), 'see https:/\\/evil\\.example');
  // VS Code's preview renders $…$ as math, which markdown-it alone does not.
  assert.equal(escapeMarkdown('costs $5 or $6'), 'costs \\$5 or \\$6');
});

test('a line of log text never starts a heading, list, quote or rule, and blank lines go', () => {
  assert.equal(escapeMarkdown('retry:\r\n\r\n- CN=A\r\n1. CN=B\r# x\n+ y\n=='), 'retry:  \n\\- CN=A  \n1\\. CN=B  \n\\# x  \n\\+ y  \n\\==');
});
