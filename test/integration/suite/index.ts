/**
 * Mocha entry the extension host loads (`extensionTestsPath`, or the code-server runner extension).
 * Runs every compiled *.test.js beside this file. When ADSYNC_IT_RESULT names a file, also writes a
 * JSON summary there (the code-server runner reads it; the extension host's console is not ours).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export interface SuiteResult {
  passed: number;
  failed: number;
  lines: string[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000 });
  for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, f));
  const result: SuiteResult = { passed: 0, failed: 0, lines: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env.ADSYNC_IT_RESULT;
      if (out) writeFileSync(out, JSON.stringify(result));
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => {
      result.passed++;
      result.lines.push(`✓ ${t.fullTitle()}`);
    });
    runner.on('fail', (t, err: unknown) => {
      result.failed++;
      const msg = err instanceof Error ? err.message : String(err);
      result.lines.push(`✗ ${t.fullTitle()}: ${msg.split('\n').slice(0, 8).join('\n    ')}`);
    });
  });
}
