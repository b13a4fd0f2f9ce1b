/**
 * A binary .evtx as a user meets it: double-click it in the Explorer and get a read-only ADSync Log
 * view, one event per line, with squiggles and hovers; typing is refused.
 *
 * The .evtx is the real sample in ../shared/samples/evtx (beside the repository; CI has it). It is
 * copied into this run's workspace copy at run time: no .evtx is ever committed to the repository.
 */
import { join } from 'node:path';
import { clip, expect, type Flow } from '../flow';
import { ROOT, waitUntil } from '../harness';

const SAMPLE = join(ROOT, '..', 'shared', 'samples', 'evtx', 'adsync-phs-sample.evtx');
const FILE = 'adsync-phs-sample.evtx';
const LEARN_LINK = /^https:\/\/learn\.microsoft\.com\//;

export const flows: Flow[] = [
  {
    name: 'evtx',
    needsExtension: true,
    timeoutMs: 180_000,
    async run({ h, check, note }) {
      const added = await check(`${FILE} is in the Explorer (copied from ../shared)`, async () => {
        // Double-clicking before the extension's custom editor is registered opens the binary in the text editor.
        await h.waitForActivation('ADSync Doctor', 'Troubleshooting guide');
        await h.addWorkspaceFile(SAMPLE, FILE);
        await h.screenshot('evtx-explorer');
      });
      if (!added) return;

      const opened = await check('double-clicking it opens a read-only ADSync Log view', async () => {
        await h.explorerRow(FILE).dblclick();
        const tab = await waitUntil('a tab for the .evtx view', async () => {
          const t = await h.activeTabTitle();
          return t.startsWith(FILE) && t !== FILE ? t : undefined;
        }, 30_000).catch(async () => {
          throw new Error(`the active tab is "${await h.activeTabTitle()}"; editor says: ${clip(await h.page.locator('.editor-group-container.active .editor-container').innerText().catch(() => ''))}`);
        });
        note(`tab: ${tab}`);
        expect(/\.evtx\.adsynclog$/.test(tab), `tab title ${tab}`);
        const lang = await waitUntil('the ADSync Log language', async () => {
          const l = await h.languageIndicator();
          return l === 'ADSync Log' ? l : undefined;
        }, 20_000).catch(async () => `"${await h.languageIndicator()}"`);
        expect(lang === 'ADSync Log', `status bar language is ${lang}`);
      });
      if (!opened) return;

      await check('one event per line, with squiggles', async () => {
        const errors = await h.waitForSquiggles('error', 60_000);
        const first = (await h.activeEditor().locator('.view-line').first().innerText()).replace(/\u00a0/g, ' ');
        note(`first line: ${clip(first, 120)}`);
        expect(/read-only view of adsync-phs-sample\.evtx: 30 events/.test(first), `first line: ${clip(first)}`);
        // 30 lines that each hold one whole event, and nothing but the header besides.
        const whole = await h.countMatches('^<Event>[^\\n]*</Event>$', { regex: true });
        const opened = await h.countMatches('<Event>');
        note(`${whole} lines hold one whole event; ${opened} events in all`);
        expect(whole === 30 && opened === 30, `${whole} whole-event lines, ${opened} events`);
        // The header, 30 event lines and the empty line after the final newline.
        await h.focusEditor();
        await h.press('Mod+End');
        await h.waitForCursorLine(32);
        await h.press('Mod+Home');
        const n = await h.squiggleCounts();
        note(`squiggles in view: ${n.error} error, ${n.warning} warning, ${n.info} info (${errors} error when first seen)`);
        expect(n.warning > 0 && n.info > 0, 'warnings and information squiggles too');
        await h.screenshot('evtx-view');
      });

      await check('hovering 611 explains the cause (a domain controller) and links to learn.microsoft.com', async () => {
        const hover = await h.hoverOnText('611', { expect: /domain controller/i, timeoutMs: 20_000 });
        note(`hover: ${clip(hover.text, 240)}`);
        note(`links: ${hover.links.join(' ') || '(none)'}`);
        expect(hover.links.some((l) => LEARN_LINK.test(l)), `no learn.microsoft.com link; links: ${hover.links.join(' ') || '(none)'}`);
        await h.screenshot('evtx-hover');
        await h.escape();
      });

      await check('typing is refused (read-only)', async () => {
        await h.moveCursorTo('611');
        const before = await h.countMatches('611');
        await h.focusEditor();
        await h.page.keyboard.type('xyz');
        await h.page.keyboard.press('Enter');
        const message = h.page.locator('.monaco-editor-overlaymessage').filter({ visible: true }).first();
        const said = await message.waitFor({ state: 'visible', timeout: 5_000 }).then(() => message.innerText(), () => '');
        note(`editor says: ${said.trim() || '(nothing)'}`);
        await h.screenshot('evtx-readonly');
        expect(!(await h.isDirty()), 'the view became dirty');
        expect((await h.countMatches('xyz')) === 0, 'the typed text is in the document');
        expect((await h.countMatches('611')) === before, 'the 611s changed');
        expect(/read-only|cannot edit/i.test(said), `no read-only message (got "${said.trim()}")`);
      });
    },
  },
];
