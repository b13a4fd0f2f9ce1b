/**
 * Reading aids in an export: the inline annotation after each event ID (inlay hints), the Outline
 * (severity → event → occurrence), Go to Symbol in Editor, and "Go to Next Finding" (Alt+F8).
 * Fixture: test/e2e/workspace/phs-week.csv — events on lines 2–8, the 611 on line 6.
 */
import { clip, expect, type Flow } from '../flow';
import { escapeRegExp, waitUntil, type CursorPosition, type Harness } from '../harness';

const LOG = 'phs-week.csv';
const LINE_611 = 6;
/** Every event line has a finding (information, warning or error), in order. */
const FINDING_LINES = [2, 3, 4, 5, 6, 7, 8];
const OUTLINE = 'Outline';

/** Whether the marker navigation ("Go to Next Problem", VS Code's own Alt+F8) is showing. */
async function markerPeek(h: Harness): Promise<boolean> {
  return h.activeEditor().locator('.marker-widget').isVisible().catch(() => false);
}

const at = (c: CursorPosition): string => `Ln ${c.line}, Col ${c.column}${c.selected ? ` (${c.selected} selected)` : ''}`;

export const flows: Flow[] = [
  {
    name: 'reading aids',
    needsExtension: true,
    timeoutMs: 180_000,
    async run({ h, check, note }) {
      const opened = await check(`${LOG} shows the annotation "DC replication refused" after the 611`, async () => {
        await h.openFile(LOG);
        await h.waitForSquiggles('error', 60_000);
        // Inlay hints are text the editor injects into the line's DOM; the document does not have it.
        const line = h.activeEditor().locator('.view-line', { hasText: ',611' }).first();
        const hint = await waitUntil('the inlay hint after 611', async () => {
          const spans = await line.locator('span span').evaluateAll((els) =>
            els.map((e) => ({ text: (e.textContent ?? '').replace(/\u00a0/g, ' '), cls: e.className })),
          );
          const i = spans.findIndex((s) => s.text === '611');
          const after = spans.slice(i + 1).find((s) => s.text.trim().length > 0);
          return i >= 0 && after && /DC replication refused/.test(after.text) ? after : undefined;
        }, 20_000);
        note(`hint: "${hint.text}" (class ${hint.cls})`);
        expect((await h.countMatches('DC replication refused')) === 0, 'the annotation is in the document text');
        await h.screenshot('reading-aids-inlay-hints');
      });
      if (!opened) return;

      await check(`the Outline lists Errors → 611 · … and an occurrence moves the cursor to line ${LINE_611}`, async () => {
        await h.focusEditor();
        await h.press('Mod+Home');
        await h.waitForCursorLine(1);
        await h.showExplorer();
        await h.expandView(OUTLINE);
        await h.waitForTreeRow(OUTLINE, /^611 · |^(Errors|Warnings|Information)$/, 20_000);
        // The outline follows the document (Information first) and starts expanded: collapsed, its
        // three groups fit in the small pane under the folders.
        await h.clickViewAction(OUTLINE, 'Collapse All');
        const top = await waitUntil('the outline collapsed to its groups', async () => {
          const r = await h.treeRows(OUTLINE);
          return r.length > 0 && r.every((x) => x.level === 1) ? r : undefined;
        }, 10_000);
        note(`outline: ${top.map((r) => r.label).join(' | ')}`);
        expect(top.map((r) => r.label).join(',') === 'Information,Warnings,Errors', `the outline's groups are ${top.map((r) => r.label).join(', ')}`);
        const errors = await h.treeChildren(OUTLINE, /^Errors$/);
        note(`Errors: ${errors.children.map((r) => r.label).join(' | ')}`);
        const { parent, children } = await h.treeChildren(OUTLINE, /^611 · /);
        const occurrence = children[0];
        note(`611: ${parent.label}; occurrence: ${occurrence.label}`);
        expect(/^611 · DC replication refused/.test(parent.label), `the 611 row is ${parent.label}`);
        await h.screenshot('reading-aids-outline');
        await h.treeRow(OUTLINE, new RegExp(`^${escapeRegExp(occurrence.label)}$`)).click();
        const c = await h.waitForCursorLine(LINE_611);
        note(`cursor: ${at(c)}`);
      });

      await check('Go to Symbol in Editor (Ctrl+Shift+O) lists the event groups', async () => {
        await h.focusEditor();
        await h.press('Mod+Shift+O');
        let rows: string[] = [];
        await waitUntil('the symbols', async () => {
          rows = await h.quickInputRows();
          return rows.some((r) => /^611 · /.test(r)) ? rows : undefined;
        }, 15_000).catch(() => undefined);
        note(`symbols: ${clip(rows.join(' | '), 400)}`);
        await h.screenshot('reading-aids-go-to-symbol');
        await h.escape();
        for (const want of [/^Errors\b/, /^Warnings\b/, /^611 · DC replication refused/, /^657 · Password not synced/]) {
          expect(rows.some((r) => want.test(r)), `no symbol ${String(want)}`);
        }
      });

      await check('Alt+F8 ("ADSync: Go to Next Finding") selects each finding in turn, then wraps', async () => {
        await h.focusEditor();
        await h.press('Mod+Home');
        await h.waitForCursorLine(1);
        const seen: string[] = [];
        for (const line of FINDING_LINES.slice(0, 4)) {
          await h.press('Alt+F8');
          const c = await h.waitForCursorLine(line);
          seen.push(at(c));
          expect(c.selected === 3, `Alt+F8 to line ${line} did not select the event ID: ${at(c)}`);
          expect(!(await markerPeek(h)), 'Alt+F8 ran VS Code\'s "Go to Next Problem" (its peek is open), not ADSync Doctor\'s');
        }
        note(`Alt+F8 from Ln 1: ${seen.join(' → ')}`);
        await h.screenshot('reading-aids-next-finding');
        // From the last line the palette command wraps to the first finding.
        await h.press('Mod+End');
        await h.waitForCursorLine(FINDING_LINES[FINDING_LINES.length - 1] + 1);
        await h.runCommand('ADSync: Go to Next Finding');
        const wrapped = await h.waitForCursorLine(FINDING_LINES[0]);
        note(`palette from the end: ${at(wrapped)}`);
      });
    },
  },
];
