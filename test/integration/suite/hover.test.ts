import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, hoverText, openLog, positionOf, waitForDiagnostics } from './util';

const CASES = [
  { file: 'phs-failures.csv', at: ',611,', delta: 2 },
  { file: 'phs-failures.txt', at: '\t611\t', delta: 2 },
  { file: 'phs-failures.xml', at: '>611<', delta: 2 },
];

suite('hover (vscode.executeHoverProvider)', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  for (const c of CASES) {
    test(`${c.file}: hovering the 611 explains the cause and links to learn.microsoft.com`, async () => {
      const doc = await openLog(c.file);
      await waitForDiagnostics(doc.uri);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, c.at, c.delta));
      const text = hoverText(hovers ?? []);
      assert.match(text, /8439|distinguished name|\bDN\b/i);
      assert.match(text, /https:\/\/learn\.microsoft\.com\//);
    });
  }
});
