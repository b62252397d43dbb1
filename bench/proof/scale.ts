// Issue 8, part 6 — scale: 10M subscribers (6 months of bills, 30 days of daily usage) imported and
// scored end to end on one 2-core machine; `vipdesk score` within 5 minutes, its memory bounded
// (flat from 1M to 10M), next to DuckDB's bare feature query over the same Parquet files.
//
// Full: the figures of `npm run bench:scale` (bench/scale.bench.ts), read from
// .bench/scale/last-run.json when that run has a 10M operator and the code it measured is unchanged
// (see MEASURED_PATHS), else measured now the same way (1M then 10M: about an hour on this machine,
// most of it generating and importing the files).
// Short (CI): the same pipeline at 20k subscribers with the signal prior as the model (no demo
// model to train), scored twice: only what does not depend on the machine counts — every
// subscriber on the books scored, nobody else, and the second run's scores equal to the first's.
//
//   node bin/run-ts.js bench/proof/scale.ts [--short]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LAST_RUN_FILE, SCALE_TARGET_SECONDS } from '../support/scale-files';
import { type ScaleRun, scaleOperator } from '../support/scale-operator';
import { atMost, exactly, type Figure, formatFigures, type ProofPart, timing } from './figures';

const PART = 'scale';
const FULL_SIZES = [1_000_000, 10_000_000];
const SHORT_SIZE = 20_000;
/** Peak RSS of `vipdesk score` may not grow more than this from 1M to 10M (linear would be ×10). */
const MAX_MEMORY_GROWTH = 2;

type LastRun = { at: string; commit: string | null; runs: ScaleRun[] };

export const runScaleProof: ProofPart = async ({ short }) => {
  if (short) {
    const run = await scaleOperator(SHORT_SIZE, { scoreRuns: 2, model: 'prior', log: console.log });
    return [...correctness(run), ...timings(run)];
  }
  const runs = freshLastRun() ?? (await measureNow());
  const big = runs.find((r) => r.subscribers >= 10_000_000) ?? runs.at(-1);
  if (!big) throw new Error('no scale run to report');
  const small = runs.find((r) => r.subscribers < big.subscribers);
  const figures: Figure[] = [
    timing(
      atMost(
        PART,
        `vipdesk score wall time, ${millions(big)} subscribers`,
        round1(big.score.seconds),
        's',
        SCALE_TARGET_SECONDS,
      ),
    ),
    ...correctness(big),
    ...timings(big),
  ];
  if (small) {
    figures.push(
      atMost(
        PART,
        `vipdesk score peak RSS growth ${millions(small)} → ${millions(big)} (${small.score.peakRssMb} → ${big.score.peakRssMb} MB)`,
        round2(big.score.peakRssMb / small.score.peakRssMb),
        '×',
        MAX_MEMORY_GROWTH,
      ),
    );
  }
  return figures;
};

/** What holds on any machine: everyone scored once, nobody else, and a rescore changes nothing. */
function correctness(run: ScaleRun): Figure[] {
  const size = millions(run);
  const figures = [
    exactly(PART, `subscribers on the books not scored, ${size}`, run.checks.unscored, '', 0),
    exactly(PART, `scores of subscribers not on the books, ${size}`, run.checks.unexpected, '', 0),
  ];
  run.checks.differingOnRescore.forEach((differing, i) => {
    figures.push(exactly(PART, `scores differing in run ${i + 2} from run 1, ${size}`, differing, '', 0));
  });
  return figures;
}

/** Times and memory, printed beside their references: held to no target of their own. */
function timings(run: ScaleRun): Figure[] {
  const size = millions(run);
  const info = (name: string, value: number, unit: string, reference: string): Figure =>
    timing({ part: PART, name, value, unit, target: reference, pass: true });
  const figures: Figure[] = [
    info(
      `vipdesk score peak RSS, ${size}`,
      run.score.peakRssMb,
      'MB',
      `DuckDB bare query: ${run.ceiling.peakRssMb} MB`,
    ),
    info(
      `DuckDB bare feature query, ${size}`,
      round1(run.ceiling.querySeconds ?? run.ceiling.seconds),
      's',
      `process ${round1(run.ceiling.seconds)} s (the ceiling)`,
    ),
    info(
      `subscribers scored per second, ${size}`,
      Math.round(run.scored / run.score.seconds),
      '/s',
      'reference',
    ),
  ];
  for (const [stage, seconds] of Object.entries(run.score.stages))
    figures.push(info(`score stage ${stage}, ${size}`, seconds, 's', 'part of vipdesk score'));
  for (const stage of run.setup)
    figures.push(
      info(`setup ${stage.label}, ${size}`, round1(stage.seconds), 's', `peak RSS ${stage.peakRssMb} MB`),
    );
  return figures;
}

/**
 * What the scale figures depend on: the product, the bench that drives it and the installed
 * packages. A later commit that touches none of these (a test, the docs, this reader) leaves the
 * bench's figures standing.
 */
const MEASURED_PATHS = [
  'src',
  'bin',
  'bench/support',
  'bench/scale.bench.ts',
  'package.json',
  'package-lock.json',
];

/**
 * The bench's last figures when they have a 10M run and measured the code as it is now: nothing
 * under MEASURED_PATHS differs between the commit they were measured at and the working tree (or,
 * for figures that name no commit, they are younger than the current commit).
 */
function freshLastRun(): ScaleRun[] | null {
  if (!existsSync(LAST_RUN_FILE)) return null;
  const last: LastRun = JSON.parse(readFileSync(LAST_RUN_FILE, 'utf8'));
  if (!last.runs.some((r) => r.subscribers >= 10_000_000)) return null;
  if (last.commit ? !unchangedSince(last.commit) : !youngerThanHead(last.at)) return null;
  console.log(
    `scale: the figures of bench:scale at ${last.at} (commit ${last.commit ?? 'unknown'}; measured code unchanged since)`,
  );
  return last.runs;
}

function unchangedSince(commit: string): boolean {
  try {
    execFileSync('git', ['diff', '--quiet', commit, '--', ...MEASURED_PATHS], { stdio: 'ignore' });
    return true;
  } catch {
    return false; // differences (exit 1) or an unknown commit: measure again
  }
}

function youngerThanHead(at: string): boolean {
  const committed = commitTime();
  return committed !== null && Date.parse(at) >= committed;
}

async function measureNow(): Promise<ScaleRun[]> {
  console.log('scale: no bench:scale figures of the code as it is now; measuring now (about an hour)');
  const runs: ScaleRun[] = [];
  for (const size of FULL_SIZES) runs.push(await scaleOperator(size, { log: console.log }));
  mkdirSync(dirname(LAST_RUN_FILE), { recursive: true });
  writeFileSync(
    LAST_RUN_FILE,
    `${JSON.stringify({ at: new Date().toISOString(), commit: headCommit(), runs }, null, 2)}\n`,
  );
  return runs;
}

function commitTime(): number | null {
  try {
    return Date.parse(execFileSync('git', ['log', '-1', '--format=%cI'], { encoding: 'utf8' }).trim());
  } catch {
    return null;
  }
}

function headCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

const millions = (run: ScaleRun) =>
  run.subscribers >= 1_000_000 ? `${run.subscribers / 1_000_000}M` : `${run.subscribers / 1000}k`;
const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const figures = await runScaleProof({ short: process.argv.includes('--short') });
  console.log(formatFigures(figures));
  const short = process.argv.includes('--short');
  process.exitCode = figures.some((f) => !f.pass && !(short && f.timing)) ? 1 : 0;
}
