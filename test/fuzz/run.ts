/**
 * `npm run fuzz -- [--inputs N] [--seconds S] [--seed K] [--target NAME]`: every target, N inputs each
 * (default 1,000,000). Findings are saved to test/fixtures/fuzz-regressions/; exit 1 when any.
 */
import { fuzz } from './fuzz';
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const targetAt = process.argv.indexOf('--target');
void main();

async function main(): Promise<void> {
  const results = await fuzz({
  inputs: arg('inputs', 1_000_000),
  seconds: arg('seconds', 3600),
  seed: arg('seed', 1),
  target: targetAt === -1 ? undefined : process.argv[targetAt + 1],
  save: true,
});
let found = 0;
for (const r of results) {
  found += r.crashes.length + r.slow.length;
  console.log(`${r.target.padEnd(40)} ${String(r.inputs).padStart(9)} inputs  ${r.crashes.length} crashes  ${r.slow.length} over 1 s  slowest ${r.slowestMs.toFixed(1)} ms`);
  for (const c of [...r.crashes, ...r.slow].slice(0, 5)) console.log(`    ${c}`);
}
process.exitCode = found > 0 ? 1 : 0;
}
