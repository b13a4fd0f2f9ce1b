import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, openFixture, waitForDiagnostics } from './util';

suite('code actions (vscode.executeCodeActionProvider)', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  for (const file of ['phs-failures.csv', 'phs-failures.txt', 'phs-failures.xml']) {
    test(`${file}: the 611 has quick fixes`, async () => {
      const doc = await openFixture(file);
      const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error));
      const d611 = diags.find((d) => /\b611\b/.test(codeOf(d))) ?? diags.find((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.ok(d611);
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        d611.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fixes = (actions ?? []).filter((a): a is vscode.CodeAction => 'kind' in a && a.kind !== undefined && vscode.CodeActionKind.QuickFix.contains(a.kind));
      assert.ok(fixes.length > 0, `no quick fix; got: ${(actions ?? []).map((a) => a.title).join(' | ') || '(none)'}`);
      assert.ok(fixes.every((f) => f.title.trim().length > 0));
    });
  }
});
