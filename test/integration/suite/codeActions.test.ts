import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, openLog, waitForDiagnostics } from './util';

suite('code actions (vscode.executeCodeActionProvider)', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  for (const file of ['phs-failures.csv', 'phs-failures.txt', 'phs-failures.xml']) {
    test(`${file}: the 611 has quick fixes`, async () => {
      const doc = await openLog(file);
      const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error));
      const d611 = diags.find((d) => /\b611\b/.test(codeOf(d))) ?? diags.find((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.ok(d611);
      const ask = async () => {
        const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          d611.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        return { actions: actions ?? [], fixes: (actions ?? []).filter((a): a is vscode.CodeAction => 'kind' in a && a.kind !== undefined && vscode.CodeActionKind.QuickFix.contains(a.kind)) };
      };
      // Asked again for up to 5 s, as a user pressing Ctrl+. again would: one CI run and 1 of 10 local
      // runs got no action at the first ask, with the 611 already in getDiagnostics (cause not found).
      let answer = await ask();
      for (let tries = 1; answer.fixes.length === 0 && tries < 10; tries++) {
        await new Promise((r) => setTimeout(r, 500));
        answer = await ask();
      }
      const fixes = answer.fixes;
      assert.ok(fixes.length > 0, `no quick fix for ${doc.languageId} ${file} v${doc.version} within 5 s (VS Code has ${vscode.languages.getDiagnostics(doc.uri).length} diagnostics for it); got: ${answer.actions.map((a) => a.title).join(' | ') || '(none)'}`);
      assert.ok(fixes.every((f) => f.title.trim().length > 0));
    });
  }
});
