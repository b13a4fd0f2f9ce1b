/**
 * The language server dies (SIGKILL) under an open log: the client (vscode-languageclient's default
 * error handler) starts it again and the log gets its diagnostics back, from the new server.
 * Only a process under this harness's own code-server is ever killed.
 * Fixture: test/e2e/workspace/phs-week.csv (one 611 error, one failed-657 warning).
 */
import { clip, expect, type Flow } from '../flow';
import { descendantProcesses, waitUntil, type Harness, type ProcessInfo } from '../harness';

const LOG = 'phs-week.csv';

/** The ADSync Doctor language servers running under this harness's code-server, newest first. */
function servers(h: Harness): ProcessInfo[] {
  return descendantProcesses(h.server.pid)
    .filter((p) => /\bnode\b/.test(p.args) && p.args.includes('adsync-doctor') && p.args.includes('dist/server.js'))
    .sort((a, b) => a.ageSeconds - b.ageSeconds);
}

export const flows: Flow[] = [
  {
    name: 'crash recovery',
    needsExtension: true,
    timeoutMs: 180_000,
    async run({ h, check, note }) {
      let victim: ProcessInfo | undefined;
      const ready = await check(`${LOG} has squiggles; its language server runs under this code-server`, async () => {
        await h.openFile(LOG);
        await h.waitForSquiggles('error', 60_000);
        await h.waitForSquiggles('warning', 10_000);
        const list = servers(h);
        for (const p of list) note(`server pid ${p.pid} (parent ${p.ppid}, ${p.ageSeconds} s old): ${clip(p.args, 160)}`);
        expect(list.length > 0, `no ADSync Doctor server under code-server (pid ${h.server.pid})`);
        // Windows opened earlier in this code-server may keep their extension hosts (and servers) a while: this window's is the newest.
        victim = list[0];
        await h.screenshot('crash-before');
      });
      if (!ready || !victim) return;
      const old = victim;

      let restarted: ProcessInfo | undefined;
      let killedAt = 0;
      await check('after SIGKILL the client starts a new server', async () => {
        expect(descendantProcesses(h.server.pid).some((p) => p.pid === old.pid), `pid ${old.pid} is not under code-server`);
        process.kill(old.pid, 'SIGKILL');
        killedAt = Date.now();
        await waitUntil(`pid ${old.pid} to end`, async () => !servers(h).some((p) => p.pid === old.pid), 10_000);
        restarted = await waitUntil('a new server', async () => servers(h).find((p) => p.pid !== old.pid && p.ppid === old.ppid), 30_000).catch(() => undefined);
        const n = await h.squiggleCounts();
        note(`squiggles right after the kill: ${n.error} error, ${n.warning} warning, ${n.info} info`);
        const toasts = await h.notifications();
        if (toasts.length) note(`notifications: ${clip(toasts.join(' | '), 300)}`);
        expect(restarted, `no new server under the extension host (pid ${old.ppid}) within 30 s; servers now: ${servers(h).map((p) => p.pid).join(', ') || 'none'}`);
        note(`new server pid ${restarted.pid} ${Date.now() - killedAt} ms after the kill`);
      });

      await check('diagnostics come back, from the new server (an edit gets a new squiggle)', async () => {
        await h.waitForSquiggles('error', 30_000);
        const before = await h.squiggleCounts();
        note(`${Date.now() - killedAt} ms after the kill, squiggles: ${before.error} error, ${before.warning} warning, ${before.info} info`);
        // Duplicate the failed 657's line: a second warning only a live server can report.
        await h.moveCursorTo('Result: Failed');
        await h.runCommand('Copy Line Down');
        const after = await waitUntil('a second warning squiggle', async () => {
          const n = await h.squiggleCounts();
          return n.warning > before.warning ? n : undefined;
        }, 30_000).catch(async () => {
          throw new Error(`the squiggles did not follow the edit: ${JSON.stringify(await h.squiggleCounts())}`);
        });
        note(`after the edit: ${after.error} error, ${after.warning} warning, ${after.info} info`);
        const hover = await h.hoverOnText('611', { expect: /DC replication refused|domain controller/i, timeoutMs: 20_000 });
        note(`hover: ${clip(hover.text, 120)}`);
        await h.escape();
        await h.screenshot('crash-after');
      });
      if (await h.isDirty()) await h.runCommand('File: Revert File');
    },
  },
];
