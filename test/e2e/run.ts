/**
 * Runs the end-to-end flows in a real VS Code (code-server) driven through Chromium.
 *
 *   node --import tsx test/e2e/run.ts [--smoke] [--grep REGEX] [--verbose] [--vsix FILE]
 *
 * Default: every flow in flows/*.flow.ts that is not a smoke flow, with adsync-doctor.vsix installed.
 * --smoke: only the harness's own smoke flows (no extension needed).
 * Prints `✓`/`✗` per check and ends with `N passed, M failed`; exits 1 on any failure.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clip, type Flow, type FlowContext } from './flow';
import { Harness, ROOT } from './harness';

interface Args {
  smoke: boolean;
  grep: RegExp | null;
  verbose: boolean;
  vsix: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { smoke: false, grep: null, verbose: false, vsix: process.env.E2E_VSIX ?? join(ROOT, 'adsync-doctor.vsix') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--smoke') args.smoke = true;
    else if (a === '--verbose') args.verbose = true;
    else if (a === '--grep') args.grep = new RegExp(argv[++i] ?? '', 'i');
    else if (a === '--vsix') args.vsix = resolve(argv[++i] ?? '');
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

async function loadFlows(): Promise<Flow[]> {
  const dir = join(__dirname, 'flows');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.flow.ts'))
    .sort();
  const flows: Flow[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { flows?: Flow[]; default?: { flows?: Flow[] } };
    const list = mod.flows ?? mod.default?.flows;
    if (!Array.isArray(list)) throw new Error(`${f} exports no \`flows\` array`);
    flows.push(...list);
  }
  return flows;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
    }),
  ]);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const all = await loadFlows();
  const flows = all.filter((f) => (args.smoke ? f.smoke === true : f.smoke !== true) && (!args.grep || args.grep.test(f.name)));
  let passed = 0;
  let failed = 0;
  const t0 = Date.now();
  if (flows.length === 0) {
    console.log('no flow matched');
    console.log('0 passed, 1 failed');
    return 1;
  }
  const needsVsix = flows.some((f) => f.needsExtension);
  if (needsVsix && !existsSync(args.vsix)) {
    console.log(`✗ setup › ${args.vsix} not found (run \`npm run package\` first)`);
    console.log('0 passed, 1 failed');
    return 1;
  }

  // Flows that open the same folder share one code-server; each flow gets a fresh workbench page.
  const groups = new Map<string, Flow[]>();
  for (const f of flows) {
    const ws = typeof f.workspace === 'function' ? f.workspace() : (f.workspace ?? join(__dirname, 'workspace'));
    groups.set(ws, [...(groups.get(ws) ?? []), f]);
  }

  let h: Harness | undefined;
  let groupIndex = 0;
  try {
    for (const [workspace, group] of groups) {
      groupIndex++;
      const label = `workbench ${groupIndex}`;
      try {
        h = await Harness.start({
          workspace,
          vsix: group.some((f) => f.needsExtension) ? args.vsix : undefined,
          disableWorkspaceTrust: group.some((f) => f.trustWorkspace === true),
          name: args.smoke ? `smoke${groupIndex}` : `run${groupIndex}`,
          verbose: args.verbose,
        });
      } catch (e) {
        failed++;
        console.log(`✗ ${label} › starts: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      let first = true;
      for (const flow of group) {
        console.log(`\n${flow.name}`);
        const harness = h;
        const ctx: FlowContext = {
          h: harness,
          note: (m) => console.log(`    ${m}`),
          check: async (name, fn) => {
            const t = Date.now();
            try {
              await fn();
              passed++;
              console.log(`  ✓ ${flow.name} › ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
              return true;
            } catch (e) {
              failed++;
              console.log(`  ✗ ${flow.name} › ${name}: ${clip(e instanceof Error ? e.message : String(e), 600)}`);
              await harness.screenshot(`FAIL-${flow.name}-${name}`).catch(() => undefined);
              await harness.escape(2).catch(() => undefined);
              return false;
            }
          },
        };
        try {
          if (!first) await harness.openWorkbench();
          first = false;
          await withTimeout(flow.run(ctx), flow.timeoutMs ?? 180_000, flow.name);
        } catch (e) {
          failed++;
          console.log(`  ✗ ${flow.name}: ${clip(e instanceof Error ? e.message : String(e), 600)}`);
          await harness.screenshot(`FAIL-${flow.name}`).catch(() => undefined);
        }
      }
      await h.close();
      h = undefined;
    }
  } finally {
    if (h) await h.close();
  }
  console.log(`\n(e2e took ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
