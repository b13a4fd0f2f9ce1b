import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, openLog, waitForDiagnostics } from './util';

// Each fixture holds a 611 (RPC 8439) and a failed 657; the CSV and TXT have them on lines 2 and 3.
const CASES = [
  { file: 'phs-failures.csv', line611: 1, line657: 2 },
  { file: 'phs-failures.txt', line611: 1, line657: 2 },
  { file: 'phs-failures.xml', line611: undefined, line657: undefined },
];

suite('diagnostics (vscode.languages.getDiagnostics)', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  for (const c of CASES) {
    test(`${c.file}: 611 is an error, the failed 657 a warning`, async () => {
      const doc = await openLog(c.file);
      const diags = await waitForDiagnostics(doc.uri, (d) => d.length >= 2);
      const d611 = diags.find((d) => /\b611\b/.test(codeOf(d)) || (c.line611 !== undefined && d.range.start.line === c.line611));
      const d657 = diags.find((d) => /\b657\b/.test(codeOf(d)) || (c.line657 !== undefined && d.range.start.line === c.line657));
      const dump = diags.map((d) => `${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)} L${d.range.start.line}: ${d.message}`).join('\n');
      assert.ok(d611, `no 611 diagnostic:\n${dump}`);
      assert.ok(d657, `no 657 diagnostic:\n${dump}`);
      assert.equal(d611.severity, vscode.DiagnosticSeverity.Error, dump);
      assert.equal(d657.severity, vscode.DiagnosticSeverity.Warning, dump);
    });
  }
});
