/** The manifest and the code agree: every contributed command is registered, every setting is read. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { scripts } from '../../server/src/service/generators';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

function sources(dir: string): string {
  return readdirSync(dir).map((f) => path.join(dir, f)).map((p) => (statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? readFileSync(p, 'utf8') : '')).join('\n');
}
const code = sources(path.join(root, 'client/src')) + sources(path.join(root, 'server/src'));

test('every contributed command has a handler, and every command has the ADSync category', () => {
  for (const c of manifest.contributes.commands) {
    assert.equal(c.category, 'ADSync', c.command);
    const id = c.command as string;
    const generated = scripts.some((s) => s.command === id);
    assert.ok(generated || code.includes(`'${id}'`) || code.includes(`"${id}"`) || code.includes(`${id.split('.')[1]}:`), `${id} is handled`);
  }
});

test('every script generator has a palette command', () => {
  const ids = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
  for (const s of scripts) assert.ok(ids.has(s.command), s.command);
});

test('every setting has an explicit scope and is read by the code', () => {
  for (const [key, value] of Object.entries<{ scope?: string }>(manifest.contributes.configuration.properties)) {
    assert.ok(value.scope, `${key} has a scope`);
    assert.ok(code.includes(key.split('.')[1]), `${key} is read`);
  }
});

test('the extension says truthfully that it runs nothing from the workspace', () => {
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  assert.ok(manifest.capabilities.virtualWorkspaces);
});

test('the README and CHANGELOG, which the package ships, link only to absolute URLs or their own headings (vsce refuses a relative link without a repository URL)', () => {
  for (const file of ['README.md', 'CHANGELOG.md']) {
    const text = readFileSync(path.join(root, file), 'utf8');
    // Markdown links and images: ](target) — code spans are left out, as they are not links.
    const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
    for (const m of prose.matchAll(/\]\(([^)\s]+)/g)) assert.match(m[1], /^(https?:\/\/|#)/, `${file}: ${m[1]}`);
  }
});
