/**
 * ADSync PowerShell scripts: a `-PolicyType Full` (not a policy type) is an error with a quick fix to
 * `Initial`; the palette generates a full password sync script into a new PowerShell editor.
 * Fixture: test/e2e/workspace/sync-after-scope-change.ps1. PowerShell is VS Code's built-in
 * language (extension "vscode.powershell", id `powershell`), which the extension's client selects.
 */
import { clip, expect, type Flow } from '../flow';
import { waitUntil } from '../harness';

const FILE = 'sync-after-scope-change.ps1';
const WRONG = 'Start-ADSyncSyncCycle -PolicyType Full';
const FIXED = 'Start-ADSyncSyncCycle -PolicyType Initial';

export const flows: Flow[] = [
  {
    name: 'scripts',
    needsExtension: true,
    timeoutMs: 180_000,
    async run({ h, check, note }) {
      const opened = await check(`${FILE} opens as PowerShell (language id powershell)`, async () => {
        await h.openFile(FILE);
        const lang = await h.languageIndicator();
        note(`status bar language: ${lang}`);
        expect(lang === 'PowerShell', `status bar language is ${lang}`);
        // The language picker names each language with its id and marks the current one.
        await h.runCommand('Change Language Mode');
        await h.fillQuickInput('powershell');
        let rows: string[] = [];
        const current = await waitUntil('the PowerShell row of the language picker', async () => {
          rows = await h.quickInputRows();
          return rows.find((r) => /\(powershell\)/.test(r));
        }, 10_000).catch(() => undefined);
        note(`language picker: ${current ?? '(no row with the id powershell)'}`);
        await h.escape();
        expect(current, `no language with the id powershell; rows: ${clip(rows.join(' | '))}`);
        expect(/^PowerShell\b.*\(powershell\).*Configured Language/.test(current), `PowerShell is not the current language: ${current}`);
      });
      if (!opened) return;

      const squiggle = await check(`"${WRONG}" gets an error squiggle`, async () => {
        await h.waitForSquiggles('error', 60_000);
        const n = await h.squiggleCounts();
        note(`squiggles: ${n.error} error, ${n.warning} warning, ${n.info} info`);
        expect(n.error === 1, `${n.error} error squiggles`);
        const hover = await h.hoverOnText('Full', { expect: /policy type/i, timeoutMs: 20_000 });
        note(`hover: ${clip(hover.text, 200)}`);
        await h.escape();
        await h.screenshot('scripts-policytype-squiggle');
      });

      if (squiggle) {
        await check('Ctrl+. fixes it to Initial and the squiggle goes', async () => {
          const r = await h.quickFix('Full', { via: 'keyboard', choose: /Initial/, timeoutMs: 20_000 });
          note(`offered: ${r.offered.join(' | ')}; applied: ${r.applied}`);
          await waitUntil('the fixed line', async () => (await h.countMatches(FIXED)) === 1, 10_000);
          expect((await h.countMatches('-PolicyType Full')) === 0, `"${WRONG}" is still there`);
          await waitUntil('the error squiggle to go', async () => (await h.squiggleCounts()).error === 0, 20_000);
          expect(await h.isDirty(), 'the editor is not dirty after the fix');
          await h.screenshot('scripts-policytype-fixed');
        });
        // Leave the file as it is on disk for the other flows in this workbench.
        if (await h.isDirty()) await h.runCommand('File: Revert File');
      }

      await check('"ADSync: Generate Full Password Sync Script" opens a new PowerShell editor with the script', async () => {
        const before = await h.activeTabTitle();
        await h.runCommand('ADSync: Generate Full Password Sync Script');
        const tab = await waitUntil('a new editor', async () => {
          const t = await h.activeTabTitle();
          return t && t !== before ? t : undefined;
        }, 20_000);
        const lang = await h.languageIndicator();
        const resource = await h.activeTabResourceName();
        note(`tab: "${tab}" (${resource}); language: ${lang}`);
        expect(/^Untitled-\d+$/.test(resource), `the new editor is ${resource}, not an untitled one`);
        expect(lang === 'PowerShell', `its language is ${lang}`);
        const sets = await h.countMatches('Set-ADSyncAADPasswordSyncConfiguration');
        const wheres = await h.countMatches('Where-Object');
        note(`Set-ADSyncAADPasswordSyncConfiguration ×${sets}, Where-Object ×${wheres}`);
        expect(sets > 0, 'no Set-ADSyncAADPasswordSyncConfiguration');
        expect(wheres > 0, 'no Where-Object');
        await h.screenshot('scripts-generated');
        // A dirty untitled editor left open would stop "Close All Editors" in later flows: make sure it went.
        await waitUntil('the generated script closed', async () => {
          if ((await h.activeTabResourceName()) !== resource) return true;
          await h.runCommand('View: Revert and Close Editor').catch(() => undefined);
          return false;
        }, 20_000, 1_000);
      });
    },
  },
];
