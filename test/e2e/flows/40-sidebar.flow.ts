/**
 * The ADSync Doctor side bar: with an export open the Findings view shows the verdict and the
 * findings by severity, whose occurrences take the cursor to their event; the guide lists the
 * scenarios; the findings export as a Markdown report; with no log open the view offers the sample.
 * Fixture: test/e2e/workspace/phs-week.csv (the 611 is on line 6, the failed 657 on line 5).
 *
 * The sample is opened last: a document an extension opens (openSample) stays open for VS Code's
 * extension host for up to 3 minutes after its editor closes, and with it its findings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clip, expect, type Flow } from '../flow';
import { escapeRegExp, waitUntil, type Harness, type TreeRow } from '../harness';

const CONTAINER = 'ADSync Doctor';
const FINDINGS = 'Findings';
const GUIDE = 'Troubleshooting guide';
const LOG = 'phs-week.csv';
const LINE_611 = 6;
const SAMPLE = 'password-sync-failing.csv';
const REPORT = 'findings-report.md';

const show = (rows: TreeRow[]): string => rows.map((r) => `${'  '.repeat(r.level - 1)}${r.label}${r.description ? ` (${r.description})` : ''}`).join(' | ');


/**
 * Waits until the Findings view shows what `want` accepts. When it does not by itself within 15 s,
 * runs "ADSync: Refresh Findings" (its title-bar button) so later checks can go on, and throws: the
 * view must follow the open logs without it.
 */
async function findingsShow<T>(h: Harness, what: string, want: () => Promise<T | undefined>): Promise<T> {
  const seen = await waitUntil(`Findings to show ${what}`, want, 15_000).catch(() => undefined);
  if (seen !== undefined) return seen;
  const before = show(await h.treeRows(FINDINGS)) || ((await h.viewWelcome(FINDINGS)) ? '(the welcome)' : '(nothing)');
  await h.runCommand('ADSync: Refresh Findings');
  const after = await waitUntil(`Findings to show ${what} after a refresh`, want, 10_000).catch(() => undefined);
  throw new Error(
    `Findings did not show ${what} within 15 s; it showed: ${clip(before, 200)}. ` +
      (after !== undefined ? 'It did after "ADSync: Refresh Findings": the view is not refreshed when the findings change.' : `Not after "ADSync: Refresh Findings" either: ${clip(show(await h.treeRows(FINDINGS)), 200)}`),
  );
}

/** The rows of Findings when they are one log's (verdict first, then severity groups). */
async function oneLog(h: Harness): Promise<TreeRow[] | undefined> {
  const r = await h.treeRows(FINDINGS);
  return r.length > 0 && /^(Broken|Degraded|Healthy)\b/.test(r[0].label) && r.some((x) => x.level === 1 && /^(Errors|Warnings|Information)$/.test(x.label)) ? r : undefined;
}

export const flows: Flow[] = [
  {
    name: 'sidebar',
    needsExtension: true,
    timeoutMs: 240_000,
    async run({ h, check, note }) {
      await check('the ADSync Doctor icon opens the side bar; with no log open Findings shows its welcome', async () => {
        await h.openViewContainer(CONTAINER);
        const w = await waitUntil('the Findings welcome', () => h.viewWelcome(FINDINGS), 20_000);
        note(`welcome: ${clip(w.text, 200)}`);
        note(`actions: ${w.actions.join(' | ')}`);
        expect(w.actions.includes('Open a Sample Log'), `no "Open a Sample Log" in ${w.actions.join(' | ')}`);
        await h.screenshot('sidebar-welcome');
      });

      const opened = await check(`with ${LOG} open, Findings shows a "Broken" verdict and the severity groups`, async () => {
        await h.openFile(LOG);
        await h.waitForSquiggles('error', 60_000);
        await h.openViewContainer(CONTAINER);
        try {
          const rows = await findingsShow(h, `the findings of ${LOG}`, () => oneLog(h));
          note(`findings: ${clip(show(rows), 400)}`);
        } finally {
          await h.screenshot('sidebar-findings');
        }
      });
      const rows = await oneLog(h);
      if (rows) {
        await check('the verdict row starts with "Broken"; Errors and Warnings groups', async () => {
          expect(/^Broken\b/.test(rows[0].label), `the verdict row is "${rows[0].label}"`);
          const groups = rows.filter((r) => r.level === 1).map((r) => `${r.label} (${r.description})`);
          note(`verdict: ${rows[0].label} (${rows[0].description}); groups: ${groups.join(', ')}`);
          expect(groups.includes('Errors (1)') && groups.includes('Warnings (1)'), `severity groups: ${groups.join(', ')}`);
        });
      }

      await check('the Troubleshooting guide lists "Some users can\'t sign in"', async () => {
        await h.expandView(GUIDE);
        const guide = await h.waitForTreeRow(GUIDE, /^Some users can't sign in$/, 20_000);
        note(`guide: ${clip(guide.filter((r) => r.level === 1).map((r) => r.label).join(' | '), 300)}`);
        await h.screenshot('sidebar-guide');
      });

      if (rows) {
        await check(`Errors → 611 → an occurrence takes the cursor to line ${LINE_611}`, async () => {
          await h.focusEditor();
          await h.press('Mod+Home');
          await h.waitForCursorLine(1);
          await h.treeChildren(FINDINGS, /^Errors$/);
          const { parent, children } = await h.treeChildren(FINDINGS, /^611 · /);
          const occurrence = children[0];
          note(`611: ${parent.label} (${parent.description}); first occurrence: ${occurrence.label} (${occurrence.description})`);
          await h.treeRow(FINDINGS, new RegExp(`^${escapeRegExp(occurrence.label)}$`)).click();
          const at = await h.waitForCursorLine(LINE_611);
          note(`cursor: Ln ${at.line}, Col ${at.column}${at.selected ? ` (${at.selected} selected)` : ''}`);
          expect(await h.activeEditor().evaluate((el) => el.classList.contains('focused')), 'the editor did not get the focus');
          await h.screenshot('sidebar-reveal');
        });
      }

      if (rows) {
        // Findings come without their occurrences; revealing an event's node (as this guide step does) must fetch them.
        await check('Guide → Event ID messages → event 611 → "Show matching findings" selects a 611 in Findings and lists its occurrences', async () => {
          await h.treeChildren(GUIDE, /^Event ID messages$/);
          const step = await h.treeChildren(GUIDE, /^Password sync fails for a domain \(event 611\)$/);
          note(`guide step: ${step.children.map((c) => c.label).join(' | ')}`);
          const guideRows = h.viewPane(GUIDE).locator('.pane-body .monaco-list-row');
          const labels = await guideRows.evaluateAll((els) => els.map((e) => (e as unknown as { querySelector(s: string): { textContent: string | null } | null }).querySelector('.label-name')?.textContent ?? ''));
          const at = labels.findIndex((l) => /^Password sync fails for a domain \(event 611\)/.test(l));
          const show = labels.findIndex((l, i) => i > at && /^Show matching findings/.test(l));
          expect(at >= 0 && show > at, `guide rows: ${clip(labels.join(' | '), 300)}`);
          await guideRows.nth(show).click();
          const selected = h.viewPane(FINDINGS).locator('.pane-body .monaco-list-row[aria-selected="true"]').first();
          // The row selected before (the occurrence clicked above) stays selected until the reveal lands.
          let label = '';
          await waitUntil('a 611 selected in Findings', async () => {
            label = await selected.locator('.label-name').innerText({ timeout: 1_000 }).catch(() => '');
            return /^611 · /.test(label) || undefined;
          }, 10_000).catch(() => expect(false, `the selected row is "${label}"`));
          note(`selected: ${clip(label, 120)}`);
          const { children } = await h.treeChildren(FINDINGS, new RegExp(`^${escapeRegExp(label)}$`));
          note(`its occurrences: ${clip(children.map((c) => `${c.label} (${c.description})`).join(' | '), 200)}`);
          expect(children.length > 0, 'no occurrence under the revealed node');
          await h.screenshot('sidebar-guide-reveals-findings');
        });
      }

      if (opened || rows) {
        await check('"ADSync: Export Findings Report" → Markdown → saved and opened with "# ADSync Doctor report"', async () => {
          const target = join(h.workspace, REPORT);
          await h.runCommand('ADSync: Export Findings Report');
          const picked = await h.pickQuickInput(/^Markdown\b/);
          note(`picked: ${picked}`);
          await h.screenshot('sidebar-report-save-dialog');
          await h.answerSaveDialog(target);
          const tab = await waitUntil('the report in an editor', async () => {
            const t = await h.activeTabTitle();
            return t === REPORT ? t : undefined;
          }, 20_000).catch(async () => `"${await h.activeTabTitle()}"`);
          expect(tab === REPORT, `the active tab is ${tab}`);
          expect(existsSync(target), `${target} was not written`);
          const text = readFileSync(target, 'utf8');
          note(`${target}: ${text.split('\n')[0]} (${text.length} chars)`);
          expect(text.startsWith('# ADSync Doctor report'), `the report begins "${clip(text, 60)}"`);
          expect(text.includes(LOG), `the report does not name ${LOG}`);
          expect((await h.countMatches('# ADSync Doctor report')) === 1, 'the editor does not show the heading');
          await h.screenshot('sidebar-report');
        });
      }

      const welcome = await check('with every log closed, Findings shows the welcome again', async () => {
        await h.runCommand('View: Close All Editors');
        const w = await findingsShow(h, 'the welcome', () => h.viewWelcome(FINDINGS).then((x) => x ?? undefined));
        expect(w.actions.includes('Open a Sample Log'), `actions: ${w.actions.join(' | ')}`);
        await h.screenshot('sidebar-welcome-again');
      });

      if (welcome || (await h.viewWelcome(FINDINGS))) {
        await check('"Open a Sample Log" opens the sample, and Findings shows it', async () => {
          await h.viewPane(FINDINGS).locator('.welcome-view-content .monaco-button', { hasText: 'Open a Sample Log' }).first().click();
          const tab = await waitUntil('the sample in an editor', async () => {
            const t = await h.activeTabTitle();
            return t === SAMPLE ? t : undefined;
          }, 20_000).catch(async () => `"${await h.activeTabTitle()}"`);
          note(`tab: ${tab}; language: ${await h.languageIndicator()}`);
          expect(tab === SAMPLE, `the active tab is ${tab}`);
          try {
            const sample = await findingsShow(h, 'the sample\'s findings', () => oneLog(h));
            note(`findings: ${clip(show(sample), 300)}`);
          } finally {
            await h.screenshot('sidebar-sample');
          }
        });
      }
    },
  },
];
