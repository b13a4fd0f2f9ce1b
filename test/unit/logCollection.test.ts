/** The log collection script: every catalogue provider, the right filters, and PowerShell that parses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderScript, scripts } from '../../server/src/service/generators';
import { collectionDays, DEFAULT_COLLECTION_DAYS } from '../../server/src/service/generators/logCollection';
import { knownProviders } from '../../server/src/service/knowledge/events';
import { tokenize } from '../../server/src/service/script/tokenize';

/**
 * Checks that PowerShell text is balanced: brackets (including `$(`, `@(`, `@{`), single- and
 * double-quoted strings, `$( … )` inside double quotes, here-strings and block comments all close.
 * Returns the first problem, or null.
 */
function balanceProblem(script: string): string | null {
  // A `$(` inside a string opens code that ends when its own `)` closes (its bracket depth is `base`).
  type Frame = { kind: 'code'; base: number } | { kind: 'string' };
  const stack: Frame[] = [{ kind: 'code', base: -1 }];
  const brackets: string[] = [];
  const closers: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  let i = 0;
  while (i < script.length) {
    const c = script[i];
    const frame = stack[stack.length - 1];
    if (frame.kind === 'string') {
      if (c === '`') i += 2;
      else if (c === '"' && script[i + 1] === '"') i += 2;
      else if (c === '"') { stack.pop(); i++; }
      else if (c === '$' && script[i + 1] === '(') { stack.push({ kind: 'code', base: brackets.length }); brackets.push(')'); i += 2; }
      else i++;
      continue;
    }
    if (script.startsWith("@'\n", i) || script.startsWith("@'\r\n", i)) {
      const end = script.indexOf("\n'@", i);
      if (end === -1) return `single-quoted here-string at ${i} never closes`;
      i = end + 3;
    } else if (script.startsWith('@"\n', i) || script.startsWith('@"\r\n', i)) {
      const end = script.indexOf('\n"@', i);
      if (end === -1) return `double-quoted here-string at ${i} never closes`;
      i = end + 3;
    } else if (script.startsWith('<#', i)) {
      const end = script.indexOf('#>', i + 2);
      if (end === -1) return `block comment at ${i} never closes`;
      i = end + 2;
    } else if (c === '#') {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end + 1;
    } else if (c === "'") {
      let j = i + 1;
      for (;;) {
        j = script.indexOf("'", j);
        if (j === -1) return `single-quoted string at ${i} never closes`;
        if (script[j + 1] === "'") j += 2;
        else break;
      }
      i = j + 1;
    } else if (c === '"') {
      stack.push({ kind: 'string' });
      i++;
    } else if (c === '`') {
      i += 2;
    } else if (c in closers) {
      brackets.push(closers[c]);
      i++;
    } else if (c === ')' || c === '}' || c === ']') {
      const expected = brackets.pop();
      if (expected !== c) return `unexpected ${c} at ${i} (expected ${expected ?? 'nothing'})`;
      if (brackets.length === frame.base) stack.pop();
      i++;
    } else {
      i++;
    }
  }
  if (stack.length > 1) return 'a string or subexpression never closes';
  if (brackets.length > 0) return `unclosed brackets: ${brackets.join(' ')}`;
  return null;
}

test('the balance check itself catches what it should', () => {
  assert.equal(balanceProblem(`$a = @{ x = '}' }; "$($a.x) )"; "$((1 + 2) * 3) ("; # (\n@'\n{\n'@\n`), null);
  assert.match(balanceProblem(`if ($x) { 'a' `)!, /unclosed/);
  assert.match(balanceProblem(`'it''s`)!, /never closes/);
  assert.match(balanceProblem(`"$(1 + 2"`)!, /never closes|unclosed/);
  assert.match(balanceProblem(`@'\nno end\n`)!, /here-string/);
});

test('the collection script is registered with its command and title', () => {
  const template = scripts.find((s) => s.id === 'collectLogs');
  assert.ok(template);
  assert.equal(template.command, 'adsyncDoctor.generateCollectLogsScript');
  assert.equal(template.title, 'Collect the right log');
});

test('the collection script names every provider of the catalogue, in PowerShell and in the XPath filter', () => {
  const script = renderScript('collectLogs');
  assert.ok(knownProviders.length >= 3);
  const list = /\$providers = @\(\n([\s\S]*?)\n\)/.exec(script);
  assert.ok(list, 'a $providers list');
  const listed = list[1].split('\n').map((l) => l.trim().replace(/^'|'$/g, '').replace(/''/g, "'"));
  assert.deepEqual(listed, [...knownProviders]);
  for (const provider of knownProviders) assert.ok(script.includes(`@Name='${provider}'`), provider);
});

test('the collection script filters the Application log by provider and time, to CSV and to .evtx', () => {
  const script = renderScript('collectLogs', { days: 30 });
  assert.match(script, /Get-WinEvent -FilterHashtable \$filter/);
  assert.match(script, /\$filter = @\{ LogName = 'Application'; ProviderName = \$present; StartTime = \$since \}/);
  assert.match(script, /\$since = \(Get-Date\)\.AddDays\(-\$days\)/);
  assert.match(script, /^\$days = 30$/m);
  assert.match(script, /Export-Csv -Path \$csv -NoTypeInformation/);
  assert.match(script, /wevtutil epl Application \$evtx "\/q:\$query"/);
  // 30 days in milliseconds, as wevtutil's timediff counts.
  assert.ok(script.includes('timediff(@SystemTime) <= 2592000000'));
  assert.match(script, /elevated PowerShell/);
  assert.match(script, /Send this file/);
});

test('the number of days is whole and bounded', () => {
  assert.equal(collectionDays(undefined), DEFAULT_COLLECTION_DAYS);
  assert.equal(collectionDays(Number.NaN), DEFAULT_COLLECTION_DAYS);
  assert.equal(collectionDays(0), 1);
  assert.equal(collectionDays(-5), 1);
  assert.equal(collectionDays(2.6), 3);
  assert.equal(collectionDays(1e9), 366);
  assert.match(renderScript('collectLogs', { days: Number.POSITIVE_INFINITY }), new RegExp(`^\\$days = ${DEFAULT_COLLECTION_DAYS}$`, 'm'));
});

test('the collection script parses: brackets, quotes and here-strings all close', () => {
  for (const days of [undefined, 1, 30, 366]) {
    const script = renderScript('collectLogs', { days });
    assert.equal(balanceProblem(script), null);
    // The project's own PowerShell tokenizer agrees: every bracket has its partner.
    const brackets = tokenize(script).tokens.filter((t) => t.kind === 'open' || t.kind === 'close');
    assert.ok(brackets.length > 10 && brackets.every((t) => t.match !== -1));
    assert.doesNotMatch(script, /\$\{/, 'no template placeholder left behind');
  }
});
