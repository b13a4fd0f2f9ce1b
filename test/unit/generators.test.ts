/** Every generated script parses, uses only cmdlets the knowledge base knows, and passes its own rules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scripts, renderScript } from '../../server/src/service/generators';
import { checkScript } from '../../server/src/service/script';
import { findCmdlet } from '../../server/src/service/script/catalog';
import { parseScript } from '../../server/src/service/script/commands';

for (const template of scripts) {
  test(`generated script "${template.title}" is well formed and clean`, () => {
    const text = renderScript(template.id, { dn: "CN=O'Brien\r\nx,OU=Staff,DC=contoso,DC=com" });
    const parsed = parseScript(text);
    for (const t of parsed.tokens) {
      if (t.kind === 'open' || t.kind === 'close') assert.notEqual(t.match, -1, `unbalanced ${t.value} at ${t.start}`);
      if (t.kind === 'string') assert.match(text.slice(t.end - 1, t.end), /['"]/, `unterminated string at ${t.start}`);
    }
    const adsync = parsed.commands.filter((c) => /-ADSync|ADSync/i.test(c.name));
    assert.ok(adsync.length > 0 || template.id === 'collectLogs');
    for (const c of adsync) assert.ok(findCmdlet(c.name), `${c.name} is in the knowledge base`);
    assert.deepEqual(checkScript(text), [], 'no ADSync Doctor finding on its own script');
    assert.match(text, /^# ADSync Doctor: /, 'starts with a comment saying what it does');
  });
}

test('a DN from a log is quoted safely into the one-user script', () => {
  const text = renderScript('checkUserPasswordSync', { dn: "CN=O'Brien; Remove-Item C:\\ -Recurse,DC=x" });
  assert.match(text, /^\$dn = 'CN=O''Brien; Remove-Item C:\\ -Recurse,DC=x'$/m);
});
