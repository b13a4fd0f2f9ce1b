/**
 * Bundles the working tree's server, CLI and the bench's in-process driver into bench/out/dist with
 * the options of esbuild.mjs, so the bench measures the sources as they are now without rewriting
 * the shared dist/ that tests of other people read.
 */
import * as esbuild from 'esbuild';
import * as path from 'node:path';

export interface Bundles {
  cli: string;
  server: string;
  inproc: string;
  /** A bare language server that only receives documents: the memory floor. */
  floor: string;
}

export async function buildBundles(root: string, outDir: string): Promise<Bundles> {
  const out: Bundles = { cli: path.join(outDir, 'cli.js'), server: path.join(outDir, 'server.js'), inproc: path.join(outDir, 'inproc.js'), floor: path.join(outDir, 'floorServer.js') };
  const common: esbuild.BuildOptions = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', sourcemap: true, logLevel: 'warning', absWorkingDir: root };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['server/src/node/main.ts'], outfile: out.server }),
    esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: out.cli, banner: { js: '#!/usr/bin/env node' } }),
    esbuild.build({ ...common, entryPoints: ['bench/inproc.ts'], outfile: out.inproc }),
    esbuild.build({ ...common, entryPoints: ['bench/floorServer.ts'], outfile: out.floor }),
  ]);
  return out;
}
