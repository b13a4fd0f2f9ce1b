/**
 * The harness's own checks, against VS Code's built-in TypeScript support (no ADSync Doctor needed):
 * every helper the extension flows use — open a file, status bar language, squiggles, hover,
 * Problems, quick fix by keyboard and by palette, command palette, screenshot. Run with --smoke.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clip, expect, type Flow } from '../flow';
import { CACHE, waitUntil } from '../harness';

function smokeWorkspace(): string {
  const dir = join(CACHE, 'e2e-smoke-workspace');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'spelling.ts'),
    ["const greeting = 'hello';", 'console.log(greetin);', "export const count: number = 'three';", ''].join('\n'),
  );
  writeFileSync(join(dir, 'notes.txt'), 'A plain text file.\n');
  writeFileSync(join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strict": true, "noEmit": true } }\n');
  return dir;
}

export const flows: Flow[] = [
  {
    name: 'smoke: workbench',
    smoke: true,
    needsExtension: false,
    // VS Code's TypeScript support reports no errors in Restricted Mode.
    trustWorkspace: true,
    workspace: smokeWorkspace,
    async run({ h, check }) {
      await check('the workbench renders with the explorer', async () => {
        await h.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'spelling.ts' }).first().waitFor({ timeout: 20_000 });
        await h.screenshot('smoke-workbench');
      });
      await check('a file opens through Quick Open as Plain Text', async () => {
        await h.openFile('notes.txt');
        const lang = await h.languageIndicator();
        expect(/plain ?text/i.test(lang), `status bar language is "${lang}"`);
      });
      await check('the command palette runs a command', async () => {
        await h.runCommand('View: Toggle Word Wrap');
        await h.runCommand('View: Toggle Word Wrap');
      });
    },
  },
  {
    name: 'smoke: typescript',
    smoke: true,
    needsExtension: false,
    // VS Code's TypeScript support reports no errors in Restricted Mode.
    trustWorkspace: true,
    workspace: smokeWorkspace,
    async run({ h, check, note }) {
      if (
        !(await check('spelling.ts opens as TypeScript with error squiggles', async () => {
          await h.openFile('spelling.ts');
          const lang = await h.languageIndicator();
          expect(/typescript/i.test(lang), `status bar language is "${lang}"`);
          const n = await h.waitForSquiggles('error', 60_000);
          note(`${n} error squiggle(s)`);
        }))
      )
        return;
      await check('hover over greeting shows its type', async () => {
        const hover = await h.hoverOnText('greeting', { expect: /greeting/ });
        note(`hover: ${clip(hover.text)}`);
        expect(/const greeting/.test(hover.text), `hover text: ${clip(hover.text)}`);
      });
      await check('Problems lists the errors with severity', async () => {
        const rows = await h.openProblems({ minRows: 2 });
        for (const r of rows) note(`${r.severity} [${r.line}:${r.column}] ${clip(r.text, 100)}`);
        expect(rows.some((r) => r.severity === 'error' && /greetin/.test(r.text) && r.line === 2), 'no error row for greetin on line 2');
        await h.screenshot('smoke-problems');
        await h.closePanel();
      });
      await check('quick fix with Ctrl+. applies "Change spelling"', async () => {
        const r = await h.quickFix('greetin)', { via: 'keyboard', choose: /spelling/i });
        note(`offered: ${r.offered.join(' | ')}`);
        await waitUntil('the fix in the text', async () => /console\.log\(greeting\)/.test(await h.visibleText()), 10_000);
        expect(await h.isDirty(), 'the editor is not dirty after the fix');
      });
      await check('File: Revert File undoes it', async () => {
        await h.runCommand('File: Revert File');
        await waitUntil('the original text', async () => /console\.log\(greetin\)/.test(await h.visibleText()), 10_000);
      });
      await check('quick fix through the palette "Quick Fix..." applies it', async () => {
        const r = await h.quickFix('greetin)', { via: 'palette', choose: /spelling/i });
        note(`offered: ${r.offered.join(' | ')}`);
        await waitUntil('the fix in the text', async () => /console\.log\(greeting\)/.test(await h.visibleText()), 10_000);
        await h.screenshot('smoke-after-quickfix');
      });
    },
  },
];
