import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, openFixture, waitForLanguage } from './util';

suite('activation', () => {
  test('ADSync Doctor is installed and activates', async () => {
    const ext = await activateExtension();
    assert.equal(ext.id.toLowerCase(), EXTENSION_ID);
    assert.equal(ext.isActive, true);
  });

  for (const file of ['phs-failures.csv', 'phs-failures.txt', 'phs-failures.xml']) {
    test(`${file} opens as adsync-log`, async () => {
      const opened = await openFixture(file);
      const doc = await waitForLanguage(opened.uri, 'adsync-log');
      assert.equal(doc.languageId, 'adsync-log');
    });
  }

  test('the workspace is trusted or the extension supports Restricted Mode', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const caps = (ext?.packageJSON as { capabilities?: { untrustedWorkspaces?: { supported?: unknown } } } | undefined)?.capabilities;
    assert.ok(vscode.workspace.isTrusted || caps?.untrustedWorkspaces?.supported !== undefined);
  });
});
