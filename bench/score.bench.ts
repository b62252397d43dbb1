// npm run bench:score — end-to-end scoring next to its ceiling, in one run:
//   1M subscribers (6 months of bills, 30 days of daily usage) on a throwaway PostgreSQL
//   100k subscribers on PGlite
// For each: generate the six CSV kinds (DuckDB SQL, reused when present) → `vipdesk migrate` →
// `vipdesk import` each kind (setup, not the target) → `vipdesk model train` (own line, not the
// target) → `vipdesk score` (twice on PostgreSQL: the second run is the steady state) → the
// ceiling, DuckDB's bare feature query over the same Parquet files (bench/support/scale-ceiling.ts).
// Every stage is the real command in its own process, so its peak RSS is its own.
// Target: a whole `vipdesk score` run ≤ 60 s at 1M on this machine, memory flat in subscriber count.
//
//   npm run bench:score                    1M on PostgreSQL, 100k on PGlite
//   npm run bench:score -- 200000          200k on PostgreSQL, 20k on PGlite
//   npm run bench:score -- 200000 0        200k on PostgreSQL only (0 skips a configuration)
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monthEnd } from '#src/lib/months';
import { generateScoringFiles, type ScoringFiles } from './support/generate-scoring-files';
import { type ChildMeasurement, lastJsonLine, measureChild } from './support/measure-child';

const AS_OF_MONTH = '2026-09';
const TARGET_SECONDS = 60;
const IMPORT_ORDER = ['plans', 'subscribers', 'contracts', 'complaints', 'bills', 'usage'] as const;

type Engine = 'postgres' | 'pglite';
type Configuration = { name: string; engine: Engine; subscribers: number; scoreRuns: number };

type StageResult = { label: string; seconds: number; peakRssMb: number; note?: string };
type ScoreRun = {
  label: string;
  ok: boolean;
  seconds: number;
  peakRssMb: number;
  scored: number | null;
  stages: Record<string, number>;
  error?: string;
};
type Ceiling = {
  ok: boolean;
  seconds: number;
  peakRssMb: number;
  featureQuerySeconds: number | null;
  rows: number | null;
  error?: string;
};
type Outcome = {
  config: Configuration;
  setup: StageResult[];
  train: StageResult | { label: string; error: string };
  scores: ScoreRun[];
  ceiling: Ceiling;
};

const root = resolve('.');
const filesDir = resolve('.bench/score');
const vipdeskBin = join(root, 'bin/vipdesk.js');
const pgScript = join(root, 'scripts/throwaway-postgres.sh');

function configurations(): Configuration[] {
  const [first, second] = process.argv.slice(2).map((arg) => {
    const n = Number(arg.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < 0) throw new Error(`not a subscriber count: ${arg}`);
    return n;
  });
  const pgN = first ?? 1_000_000;
  const pgliteN = second ?? Math.max(1, Math.round(pgN / 10));
  const list: Configuration[] = [];
  if (pgN > 0) list.push({ name: 'PostgreSQL', engine: 'postgres', subscribers: pgN, scoreRuns: 2 });
  if (pgliteN > 0) list.push({ name: 'PGlite', engine: 'pglite', subscribers: pgliteN, scoreRuns: 1 });
  return list;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const fmtSeconds = (s: number) => s.toFixed(1);
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

async function runConfiguration(config: Configuration): Promise<Outcome> {
  console.log(
    `\n=== ${config.name}: ${fmtInt(config.subscribers)} subscribers, as of ${monthEnd(AS_OF_MONTH)} ===`,
  );
  const began = performance.now();
  const { files, generated } = await generateScoringFiles({
    subscribers: config.subscribers,
    asOfMonth: AS_OF_MONTH,
    dir: filesDir,
  });
  console.log(
    `input files ${generated ? 'generated' : 'reused'} in ${fmtSeconds((performance.now() - began) / 1000)}s (${filesDir})`,
  );

  const scratch = mkdtempSync(join(tmpdir(), 'vipdesk-score-bench-'));
  chmodSync(scratch, 0o755);
  const pgDir = join(scratch, 'pg');
  try {
    const url =
      config.engine === 'postgres'
        ? execFileSync(pgScript, ['start', pgDir], { encoding: 'utf8' }).trim()
        : undefined;
    const env: Record<string, string | undefined> = {
      ...process.env,
      VIPDESK_DATA_DIR: join(scratch, 'data'),
      LOG_LEVEL: 'silent',
      CI: 'true',
    };
    if (url) env.DATABASE_URL = url;
    else delete env.DATABASE_URL;
    const vipdesk = (...args: string[]) => measureChild('node', [vipdeskBin, ...args], env);
    return await measureStages(config, files, vipdesk, env, join(scratch, 'data'), scratch);
  } finally {
    if (config.engine === 'postgres') execFileSync(pgScript, ['stop', pgDir]);
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function measureStages(
  config: Configuration,
  files: ScoringFiles,
  vipdesk: (...args: string[]) => Promise<ChildMeasurement>,
  env: Record<string, string | undefined>,
  dataDir: string,
  scratch: string,
): Promise<Outcome> {
  const setup: StageResult[] = [];
  const report = (stage: StageResult) => {
    setup.push(stage);
    console.log(
      `  setup  ${stage.label.padEnd(22)} ${fmtSeconds(stage.seconds).padStart(7)}s  peak RSS ${String(stage.peakRssMb).padStart(5)} MB${stage.note ? `  ${stage.note}` : ''}`,
    );
  };
  // Setup must succeed completely: a failure here ends the configuration with the command's stderr.
  const migrate = await vipdesk('migrate');
  report({ label: 'migrate', seconds: migrate.seconds, peakRssMb: migrate.peakRssMb });
  for (const kind of IMPORT_ORDER) {
    const result = await vipdesk('import', kind, files[kind]);
    if (/bad row/.test(result.stdout)) throw new Error(`import ${kind} rejected rows:\n${result.stdout}`);
    const summary = result.stdout.trim().split('\n').at(-1) ?? '';
    const own = /(\d+) row\(s\) imported in ([\d.]+)s/.exec(summary);
    report({
      label: `import ${kind}`,
      seconds: result.seconds,
      peakRssMb: result.peakRssMb,
      note: own ? `${fmtInt(Number(own[1]))} rows, ${own[2]}s inside the importer` : summary,
    });
  }

  let train: Outcome['train'];
  try {
    const result = await vipdesk('model', 'train');
    train = { label: 'model train', seconds: result.seconds, peakRssMb: result.peakRssMb };
    const last = result.stdout.trim().split('\n').at(-1) ?? '';
    console.log(
      `  model train            ${fmtSeconds(result.seconds).padStart(7)}s  peak RSS ${String(result.peakRssMb).padStart(5)} MB  ${last.slice(0, 200)}`,
    );
  } catch (error) {
    train = { label: 'model train', error: errorText(error) };
    console.log(
      `  model train: ${
        errorText(error)
          .split('\n')
          .find((l) => l.startsWith('vipdesk:')) ?? 'failed'
      }`,
    );
    const install = await measureChild(
      'node',
      [runTs, demoModelScript, 'install', await demoModelFile()],
      env,
    );
    console.log(`  ${install.stdout.trim()} (trained on the demo operator; see bench/support/demo-model.ts)`);
  }

  const scores: ScoreRun[] = [];
  for (let run = 1; run <= config.scoreRuns; run += 1) {
    const label = config.scoreRuns > 1 ? `score #${run}` : 'score';
    try {
      const result = await vipdesk('score');
      const json = lastJsonLine(result.stdout);
      const seconds = json?.seconds;
      const stages: Record<string, number> = {};
      if (typeof seconds === 'object' && seconds !== null) {
        for (const [key, value] of Object.entries(seconds))
          if (typeof value === 'number') stages[key] = value;
      }
      const scored = typeof json?.subscribers === 'number' ? json.subscribers : null;
      scores.push({ label, ok: true, seconds: result.seconds, peakRssMb: result.peakRssMb, scored, stages });
      console.log(
        `  ${label.padEnd(22)} ${fmtSeconds(result.seconds).padStart(7)}s  peak RSS ${String(result.peakRssMb).padStart(5)} MB  ` +
          (json
            ? JSON.stringify(json)
            : `(no JSON summary line; stdout: ${result.stdout.trim().slice(-300)})`),
      );
    } catch (error) {
      scores.push({
        label,
        ok: false,
        seconds: 0,
        peakRssMb: 0,
        scored: null,
        stages: {},
        error: errorText(error),
      });
      console.log(`  ${label} FAILED:\n${indent(errorText(error))}`);
    }
  }

  let ceiling: Ceiling;
  try {
    const result = await measureChild(
      'node',
      [
        join(root, 'bin/run-ts.js'),
        join(root, 'bench/support/scale-ceiling.ts'),
        join(dataDir, 'usage'),
        monthEnd(AS_OF_MONTH),
        join(scratch, 'duckdb-ceiling-tmp'),
      ],
      env,
    );
    const json = lastJsonLine(result.stdout);
    const query = json?.featureQuerySeconds;
    const rows = json?.rows;
    ceiling = {
      ok: true,
      seconds: result.seconds,
      peakRssMb: result.peakRssMb,
      featureQuerySeconds: typeof query === 'number' ? query : null,
      rows: typeof rows === 'number' ? rows : null,
    };
    console.log(
      `  DuckDB bare features   ${fmtSeconds(result.seconds).padStart(7)}s  peak RSS ${String(result.peakRssMb).padStart(5)} MB  ` +
        `${json ? JSON.stringify(json) : result.stdout.trim().slice(-300)}`,
    );
  } catch (error) {
    ceiling = {
      ok: false,
      seconds: 0,
      peakRssMb: 0,
      featureQuerySeconds: null,
      rows: null,
      error: errorText(error),
    };
    console.log(`  DuckDB bare features FAILED:\n${indent(errorText(error))}`);
  }
  return { config, setup, train, scores, ceiling };
}

function indent(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

function printTable(outcomes: Outcome[]): void {
  const stageKeys: string[] = [];
  for (const o of outcomes)
    for (const s of o.scores)
      for (const key of Object.keys(s.stages)) if (!stageKeys.includes(key)) stageKeys.push(key);
  console.log(
    `\nEnd-to-end scoring vs DuckDB's bare feature query (${cpus().length} cores; ceiling = featureQuerySql over the ` +
      `same Parquet with a stand-in relational-facts table, see bench/support/scale-ceiling.ts)`,
  );
  const header = [
    'configuration',
    'subscribers',
    'vipdesk score s',
    'subscribers/s',
    'peak RSS MB',
    ...stageKeys.map((key) => `${key} s`),
    'DuckDB bare query s (process s)',
    'DuckDB RSS MB',
    'ratio',
    `target ≤ ${TARGET_SECONDS} s`,
  ];
  console.log(header.join(' | '));
  console.log(header.map((_, i) => (i === 0 ? '---' : '---:')).join('|'));
  const summary = [];
  for (const o of outcomes) {
    const { config, ceiling } = o;
    for (const s of o.scores) {
      const name = `${config.name} ${s.label}`;
      const ceilingCells = ceiling.ok
        ? [
            `${ceiling.featureQuerySeconds ?? '?'} (${fmtSeconds(ceiling.seconds)})`,
            String(ceiling.peakRssMb),
            ceiling.featureQuerySeconds ? `${(s.seconds / ceiling.featureQuerySeconds).toFixed(1)}×` : '–',
          ]
        : ['failed', '–', '–'];
      if (!s.ok) {
        console.log(
          [
            name,
            fmtInt(config.subscribers),
            'FAILED',
            '–',
            '–',
            ...stageKeys.map(() => '–'),
            ...ceilingCells,
            'MISS',
          ].join(' | '),
        );
        continue;
      }
      const scored = s.scored ?? config.subscribers;
      console.log(
        [
          name,
          fmtInt(scored),
          fmtSeconds(s.seconds),
          fmtInt(scored / s.seconds),
          String(s.peakRssMb),
          ...stageKeys.map((key) => (s.stages[key] === undefined ? '–' : String(s.stages[key]))),
          ...ceilingCells,
          s.seconds <= TARGET_SECONDS ? 'PASS' : 'MISS',
        ].join(' | '),
      );
      summary.push({
        configuration: name,
        generated: config.subscribers,
        scored,
        seconds: Number(s.seconds.toFixed(2)),
        subscribersPerSecond: Math.round(scored / s.seconds),
        peakRssMb: s.peakRssMb,
        stages: s.stages,
        ceilingFeatureQuerySeconds: ceiling.featureQuerySeconds,
        ceilingProcessSeconds: Number(ceiling.seconds.toFixed(2)),
        ceilingPeakRssMb: ceiling.peakRssMb,
        ceilingRows: ceiling.rows,
        target: s.seconds <= TARGET_SECONDS ? 'PASS' : 'MISS',
      });
    }
  }
  for (const o of outcomes) {
    if ('error' in o.train) continue;
    console.log(
      `${o.config.name} model train (not in the target): ${fmtSeconds(o.train.seconds)}s, peak RSS ${o.train.peakRssMb} MB`,
    );
  }
  printMemoryComparison(outcomes);
  console.log(JSON.stringify({ bench: 'score', results: summary }));
}

function printMemoryComparison(outcomes: Outcome[]): void {
  // The last run of each configuration is the steady state (the first may train a model inside).
  const steady = (o: Outcome) => o.scores.filter((s) => s.ok).at(-1)?.peakRssMb ?? 0;
  const usable = outcomes.filter((o) => steady(o) > 0);
  if (usable.length < 2) return;
  const [small, big] = [...usable].sort((a, b) => a.config.subscribers - b.config.subscribers);
  if (!small || !big || small.config.subscribers === big.config.subscribers) return;
  const growth = steady(big) / steady(small);
  const scale = big.config.subscribers / small.config.subscribers;
  const verdict =
    growth <= 1.5 ? 'flat' : growth < scale / 2 ? 'grows, but well below linear' : 'GROWS ~linearly';
  console.log(
    `Memory (last score run of each): peak RSS ${steady(small)} MB at ${fmtInt(small.config.subscribers)} ` +
      `(${small.config.name}) vs ${steady(big)} MB at ${fmtInt(big.config.subscribers)} (${big.config.name}): ` +
      `×${growth.toFixed(2)} for ×${scale.toFixed(0)} subscribers — ${verdict}` +
      ' (different engines: PGlite runs inside the score process, PostgreSQL does not)',
  );
}

const runTs = join(root, 'bin/run-ts.js');
const demoModelScript = join(root, 'bench/support/demo-model.ts');
let demoModel: string | undefined;

/** A churn model learned on a 20k demo operator (6 months of daily usage), made once per bench run. */
async function demoModelFile(): Promise<string> {
  if (demoModel) return demoModel;
  const scratch = mkdtempSync(join(tmpdir(), 'vipdesk-demo-model-'));
  const env: Record<string, string | undefined> = {
    ...process.env,
    VIPDESK_DATA_DIR: scratch,
    LOG_LEVEL: 'silent',
    CI: 'true',
  };
  delete env.DATABASE_URL;
  const file = join(filesDir, 'demo-model.json');
  try {
    await measureChild('node', [vipdeskBin, 'demo', '--subscribers', '20000', '--as-of', AS_OF_MONTH], env);
    const trained = await measureChild('node', [vipdeskBin, 'model', 'train'], env);
    console.log(
      `  demo model trained in ${fmtSeconds(trained.seconds)}s: ${trained.stdout.trim().split('\n').at(-1)?.slice(0, 120)}`,
    );
    await measureChild('node', [runTs, demoModelScript, 'export', file], env);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  demoModel = file;
  return file;
}

async function main(): Promise<void> {
  const outcomes: Outcome[] = [];
  let failed = false;
  for (const config of configurations()) {
    try {
      outcomes.push(await runConfiguration(config));
    } catch (error) {
      failed = true;
      console.error(`\n${config.name} setup FAILED:\n${indent(errorText(error))}`);
    }
  }
  printTable(outcomes);
  if (failed || outcomes.some((o) => o.scores.some((s) => !s.ok))) process.exitCode = 1;
}

await main();
