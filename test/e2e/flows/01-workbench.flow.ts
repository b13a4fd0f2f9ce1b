/** The extension installs and the workbench comes up with the fixture workspace (no log opened yet). */
import { expect, type Flow } from '../flow';

export const flows: Flow[] = [
  {
    name: 'workbench',
    needsExtension: true,
    async run({ h, check, note }) {
      await check('the workbench renders with the fixture logs in the explorer', async () => {
        await h.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'phs-failures.csv' }).first().waitFor({ timeout: 20_000 });
        await h.screenshot('workbench');
      });
      await check('ADSync Doctor is installed and enabled', async () => {
        await h.runCommand('Extensions: Show Installed Extensions');
        const item = h.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'ADSync Doctor' }).first();
        await item.waitFor({ state: 'visible', timeout: 20_000 });
        const text = await item.innerText();
        note(text.replace(/\s+/g, ' ').slice(0, 160));
        expect(!/disabled/i.test(text), 'the extension is shown as disabled (Restricted Mode? capabilities.untrustedWorkspaces)');
      });
    },
  },
];
