// npm run bench:scale — issue 8's scale proof: an operator of 10M subscribers (6 months of bills,
// 30 days of daily usage) on this 2-core machine, end to end, each stage in its own process with its
// own time and peak RSS, next to DuckDB's bare feature query over the same Parquet files:
//   generate the six CSV kinds with DuckDB SQL (cached in .bench/scale/, or .bench/score/ for sizes
//   bench:score made) → throwaway PostgreSQL → `vipdesk migrate` → `vipdesk import` each kind (setup:
//   printed, not the target) → the demo-trained churn model (bench/support/demo-model.ts) →
//   `vipdesk score` (the target: ≤ 5 minutes for the process, memory bounded) → the ceiling.
// A smaller operator runs first (1M by default) so the peak RSS of scoring can be compared: memory
// must not grow with subscribers.
//
//   npm run bench:scale                           1M, then 10M
//   npm run bench:scale -- 10000000               10M only
//   npm run bench:scale -- 20000 100000           any sizes, in order
//
// The figures are also written to .bench/scale/last-run.json (bench/proof/scale.ts reads them).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LAST_RUN_FILE, SCALE_TARGET_SECONDS as TARGET_SECONDS } from './support/scale-files';
import { type ScaleRun, scaleOperator } from './support/scale-operator';

function sizes(argv: readonly string[]): number[] {
  const counts = argv.map((arg) => {
    const n = Number(arg.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`not a subscriber count: ${arg}`);
    return n;
  });
  return counts.length > 0 ? counts : [1_000_000, 10_000_000];
}

const fmt = (s: number) => s.toFixed(1);
const int = (n: number) => Math.round(n).toLocaleString('en-US');

function printRun(run: ScaleRun): void {
  console.log(`\n${int(run.subscribers)} subscribers (${int(run.scored)} scored), as of ${run.asOf}`);
  const line = (label: string, seconds: number, rss: number | null, note = '') =>
    console.log(
      `  ${label.padEnd(26)} ${fmt(seconds).padStart(8)} s  ${rss === null ? '' : `peak RSS ${String(rss).padStart(6)} MB`}  ${note}`,
    );
  for (const stage of run.setup) line(stage.label, stage.seconds, stage.peakRssMb, stage.note);
  line('vipdesk score', run.score.seconds, run.score.peakRssMb, `target ≤ ${TARGET_SECONDS} s`);
  for (const [key, seconds] of Object.entries(run.score.stages)) line(`  · ${key}`, seconds, null);
  for (const [i, rescore] of run.rescores.entries())
    line(`vipdesk score (run ${i + 2})`, rescore.seconds, rescore.peakRssMb);
  line(
    'DuckDB bare feature query',
    run.ceiling.seconds,
    run.ceiling.peakRssMb,
    `query ${run.ceiling.querySeconds ?? '?'} s, ${int(run.ceiling.rows ?? 0)} rows`,
  );
}

function printSummary(runs: ScaleRun[]): void {
  console.log(
    '\nsubscribers | scored | vipdesk score s | subscribers/s | peak RSS MB | DuckDB bare query s (process s) | DuckDB peak RSS MB | target ≤ 300 s',
  );
  console.log('---:|---:|---:|---:|---:|---:|---:|---');
  for (const run of runs) {
    console.log(
      [
        int(run.subscribers),
        int(run.scored),
        fmt(run.score.seconds),
        int(run.scored / run.score.seconds),
        run.score.peakRssMb,
        `${run.ceiling.querySeconds ?? '?'} (${fmt(run.ceiling.seconds)})`,
        run.ceiling.peakRssMb,
        run.score.seconds <= TARGET_SECONDS ? 'PASS' : 'MISS',
      ].join(' | '),
    );
  }
  const ordered = [...runs].sort((a, b) => a.subscribers - b.subscribers);
  const small = ordered[0];
  const big = ordered.at(-1);
  if (small && big && small !== big) {
    const growth = big.score.peakRssMb / small.score.peakRssMb;
    const scale = big.subscribers / small.subscribers;
    console.log(
      `memory: vipdesk score peak RSS ${small.score.peakRssMb} MB at ${int(small.subscribers)} vs ` +
        `${big.score.peakRssMb} MB at ${int(big.subscribers)}: ×${growth.toFixed(2)} for ×${scale.toFixed(0)} subscribers` +
        ` (${growth <= 1.5 ? 'flat' : growth < scale / 2 ? 'grows well below linear' : 'GROWS ~linearly'})`,
    );
  }
}

async function main(): Promise<void> {
  const runs: ScaleRun[] = [];
  let failed = false;
  for (const subscribers of sizes(process.argv.slice(2))) {
    try {
      const run = await scaleOperator(subscribers, { log: (line) => console.log(line) });
      printRun(run);
      runs.push(run);
    } catch (error) {
      failed = true;
      console.error(`\n${int(subscribers)} FAILED:`, error instanceof Error ? error.message : error);
    }
  }
  printSummary(runs);
  mkdirSync(resolve('.bench/scale'), { recursive: true });
  writeFileSync(
    LAST_RUN_FILE,
    `${JSON.stringify({ at: new Date().toISOString(), commit: headCommit(), targetSeconds: TARGET_SECONDS, runs }, null, 2)}\n`,
  );
  console.log(JSON.stringify({ bench: 'scale', runs: runs.map(({ setup: _setup, ...run }) => run) }));
  if (failed) process.exitCode = 1;
}

function headCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

await main();
