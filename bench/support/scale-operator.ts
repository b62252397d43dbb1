// One synthetic operator through the real commands, each stage its own process (so its peak RSS is
// its own): files → throwaway PostgreSQL → migrate → import ×6 → demo-trained model → `vipdesk
// score` (once or more) → DuckDB's bare feature query over the same Parquet. Used by
// bench/scale.bench.ts (1M, 10M) and bench/proof/scale.ts (its short version at ~20k).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { monthEnd } from '#src/lib/months';
import { type ScoringFiles, scoringFilePaths } from './generate-scoring-files';
import { lastJsonLine, measureChild } from './measure-child';
import { stopClusterKeeping } from './proof-load-cache';
import { SCALE_AS_OF_MONTH, scaleFiles } from './scale-files';
import { dropEarlierScores, keptOperator, saveSetup } from './scale-operator-cache';

export type StageFigure = { label: string; seconds: number; peakRssMb: number; note?: string };

export type ScoreFigure = {
  seconds: number;
  peakRssMb: number;
  runId: number | null;
  scored: number | null;
  /** The run's own stage timings (vipdesk score's JSON line). */
  stages: Record<string, number>;
};

export type ScaleRun = {
  subscribers: number;
  scored: number;
  asOf: string;
  setup: StageFigure[];
  /** The first `vipdesk score`: the figure held to the target. */
  score: ScoreFigure;
  /** Further runs on the same data, when asked for. */
  rescores: ScoreFigure[];
  ceiling: { seconds: number; peakRssMb: number; querySeconds: number | null; rows: number | null };
  checks: {
    /** Subscribers active or suspended on the as-of day without a score in the first run. */
    unscored: number;
    /** Scores of subscribers who should not have one. */
    unexpected: number;
    /** Rows that differ between the first run and each later run (every column but run_id). */
    differingOnRescore: number[];
  };
};

export type ScaleOptions = {
  log?: (line: string) => void;
  /** `vipdesk score` runs on the same data (the first is the one timed against the target). */
  scoreRuns?: number;
  /** 'demo' (default): the model bench:score learned on a 20k demo operator; 'prior': none, so
   * the run falls back to the settings' signal prior (no demo operator to make first). */
  model?: 'demo' | 'prior';
  /** Keep the imported operator in .bench/scale/ and start from it next time (scale-operator-cache.ts).
   * Default: from 1M subscribers on. */
  keep?: boolean;
};

const root = resolve('.');
const vipdeskBin = join(root, 'bin/vipdesk.js');
const runTs = join(root, 'bin/run-ts.js');
const pgScript = join(root, 'scripts/throwaway-postgres.sh');
const scoreDir = resolve('.bench/score');
const IMPORT_ORDER = ['plans', 'subscribers', 'contracts', 'complaints', 'bills', 'usage'] as const;
/** Below this much free disk after the import, the two big CSV files are deleted (the usage store
 * keeps its own Parquet; the files are generated again next time). */
const KEEP_CSV_FREE_BYTES = 25 * 2 ** 30;

function freeBytes(path: string): number {
  const stats = statfsSync(path);
  return Number(stats.bavail) * Number(stats.bsize);
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

/** The files bench:score made when they are there, else the scale cache (generated when missing). */
async function inputFiles(subscribers: number): Promise<{ files: ScoringFiles; generated: boolean }> {
  const cached = scoringFilePaths(scoreDir, subscribers, SCALE_AS_OF_MONTH);
  if (Object.values(cached).every((path) => existsSync(path))) return { files: cached, generated: false };
  return scaleFiles(subscribers);
}

/** migrate, then each kind's `vipdesk import`, each stage printed and recorded. */
async function importOperator(
  env: Record<string, string | undefined>,
  files: ScoringFiles,
  stage: (figure: StageFigure) => void,
  say: (line: string) => void,
): Promise<void> {
  const vipdesk = (...args: string[]) => measureChild('node', [vipdeskBin, ...args], env);
  const migrate = await vipdesk('migrate');
  stage({ label: 'migrate', seconds: migrate.seconds, peakRssMb: migrate.peakRssMb });
  for (const kind of IMPORT_ORDER) {
    const result = await vipdesk('import', kind, files[kind]);
    if (/bad row/.test(result.stdout)) throw new Error(`import ${kind} rejected rows:\n${result.stdout}`);
    const own = /(\d+) row\(s\) imported in ([\d.]+)s/.exec(result.stdout);
    const rows = own ? Number(own[1]) : null;
    stage({
      label: `import ${kind}`,
      seconds: result.seconds,
      peakRssMb: result.peakRssMb,
      note:
        rows === null
          ? ''
          : `${rows.toLocaleString('en-US')} rows, ${Math.round(rows / result.seconds).toLocaleString('en-US')} rows/s`,
    });
  }
  const free = freeBytes(root);
  if (free < KEEP_CSV_FREE_BYTES && files.usage.startsWith(resolve('.bench/scale'))) {
    for (const kind of ['usage', 'bills'] as const) rmSync(files[kind], { force: true });
    say(`only ${gib(free)} free: deleted the usage and bills CSV files (they are generated again next time)`);
  }
}

export async function scaleOperator(subscribers: number, options: ScaleOptions = {}): Promise<ScaleRun> {
  const log = options.log ?? (() => {});
  const stamp = () => new Date().toISOString().slice(11, 19);
  const say = (line: string) => log(`[${stamp()}] ${line}`);
  const asOf = monthEnd(SCALE_AS_OF_MONTH);
  const setup: StageFigure[] = [];
  const stage = (figure: StageFigure) => {
    setup.push(figure);
    say(
      `${figure.label}: ${figure.seconds.toFixed(1)} s, peak RSS ${figure.peakRssMb} MB ${figure.note ?? ''}`,
    );
  };

  say(`${subscribers.toLocaleString('en-US')} subscribers: ${gib(freeBytes(root))} free disk`);
  const began = performance.now();
  const { files, generated } = await inputFiles(subscribers);
  stage({
    label: generated ? 'generate files' : 'reuse files',
    seconds: (performance.now() - began) / 1000,
    peakRssMb: 0,
    note: `(${files.usage.replace(/\/[^/]*$/, '')}; ${gib(freeBytes(root))} free)`,
  });

  const scratch = mkdtempSync(join(tmpdir(), 'vipdesk-scale-'));
  chmodSync(scratch, 0o755);
  const model = options.model ?? 'demo';
  const kept = (options.keep ?? subscribers >= 1_000_000) ? keptOperator(subscribers, model) : null;
  const pgDir = kept?.pgDir ?? join(scratch, 'pg');
  const dataDir = kept?.dataDir ?? join(scratch, 'data');
  try {
    const url = execFileSync(pgScript, [kept?.setup ? 'restart' : 'start', pgDir], {
      encoding: 'utf8',
    }).trim();
    const env: Record<string, string | undefined> = {
      ...process.env,
      DATABASE_URL: url,
      VIPDESK_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      CI: 'true',
    };
    if (kept?.setup) {
      for (const figure of kept.setup.stages)
        setup.push({ ...figure, note: `${figure.note ?? ''} (kept import of ${kept.setup.at})`.trim() });
      const dropped = await dropEarlierScores(url);
      say(
        `kept operator ${kept.dir} (imported ${kept.setup.at}); dropped ${dropped} earlier score partition(s)`,
      );
    } else {
      await importOperator(env, files, stage, say);
      if (model === 'demo') {
        const installed = await installDemoModel(env);
        stage({ label: 'install demo model', seconds: installed.seconds, peakRssMb: installed.peakRssMb });
      }
      // The files' stage is this run's own, not the import's.
      if (kept) saveSetup(kept, setup.slice(1));
    }
    const vipdesk = (...args: string[]) => measureChild('node', [vipdeskBin, ...args], env);

    const scores: ScoreFigure[] = [];
    for (let run = 0; run < Math.max(1, options.scoreRuns ?? 1); run += 1) {
      say(`vipdesk score${run > 0 ? ` (run ${run + 1})` : ''} …`);
      const result = await vipdesk('score');
      const json = lastJsonLine(result.stdout);
      const stages: Record<string, number> = {};
      const seconds = json?.seconds;
      if (typeof seconds === 'object' && seconds !== null)
        for (const [key, value] of Object.entries(seconds))
          if (typeof value === 'number') stages[key] = value;
      const figure: ScoreFigure = {
        seconds: result.seconds,
        peakRssMb: result.peakRssMb,
        runId: typeof json?.runId === 'number' ? json.runId : null,
        scored: typeof json?.subscribers === 'number' ? json.subscribers : null,
        stages,
      };
      say(
        `vipdesk score: ${result.seconds.toFixed(1)} s, peak RSS ${result.peakRssMb} MB ${JSON.stringify(stages)}`,
      );
      scores.push(figure);
    }
    const [first, ...rescores] = scores;
    if (!first) throw new Error('no score run');
    const checks = await checkScores(url, first, rescores);

    say('DuckDB bare feature query …');
    const ceiling = await measureChild(
      'node',
      [
        runTs,
        join(root, 'bench/support/scale-ceiling.ts'),
        join(dataDir, 'usage'),
        asOf,
        join(scratch, 'duckdb-ceiling-tmp'),
      ],
      env,
    );
    const ceilingJson = lastJsonLine(ceiling.stdout);
    const figure = {
      seconds: ceiling.seconds,
      peakRssMb: ceiling.peakRssMb,
      querySeconds:
        typeof ceilingJson?.featureQuerySeconds === 'number' ? ceilingJson.featureQuerySeconds : null,
      rows: typeof ceilingJson?.rows === 'number' ? ceilingJson.rows : null,
    };
    say(
      `DuckDB bare feature query: ${ceiling.seconds.toFixed(1)} s, peak RSS ${ceiling.peakRssMb} MB ${ceiling.stdout.trim()}`,
    );
    return {
      subscribers,
      scored: first.scored ?? 0,
      asOf,
      setup,
      score: first,
      rescores,
      ceiling: figure,
      checks,
    };
  } finally {
    if (process.env.VIPDESK_BENCH_KEEP) {
      // For looking into a run afterwards: the cluster keeps running and the data stays.
      say(
        `kept: DATABASE_URL='postgresql://postgres@localhost/postgres?host=${pgDir}' VIPDESK_DATA_DIR=${dataDir}`,
      );
    } else {
      if (kept) stopClusterKeeping(pgDir);
      else execFileSync(pgScript, ['stop', pgDir]);
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}

/** Every subscriber on the books on the as-of day scored once, and later runs equal to the first. */
async function checkScores(
  url: string,
  first: ScoreFigure,
  rescores: ScoreFigure[],
): Promise<ScaleRun['checks']> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const count = async (sql: string, params: unknown[]) =>
      Number((await client.query<{ n: string }>(sql, params)).rows[0]?.n ?? Number.NaN);
    // The generated operator: everyone not churned joined before the as-of day and is active or
    // suspended on it, so those are exactly the subscribers a run must score.
    const unscored = await count(
      `SELECT count(*) AS n FROM subscribers s WHERE s.status <> 'churned'
          AND NOT EXISTS (SELECT 1 FROM subscriber_scores c WHERE c.run_id = $1 AND c.subscriber_id = s.id)`,
      [first.runId],
    );
    const unexpected = await count(
      `SELECT count(*) AS n FROM subscriber_scores c WHERE c.run_id = $1
          AND NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.id = c.subscriber_id AND s.status <> 'churned')`,
      [first.runId],
    );
    const differingOnRescore: number[] = [];
    for (const rescore of rescores) {
      differingOnRescore.push(
        await count(
          `SELECT count(*) AS n
             FROM (SELECT * FROM subscriber_scores WHERE run_id = $1) a
             FULL JOIN (SELECT * FROM subscriber_scores WHERE run_id = $2) b USING (subscriber_id)
            WHERE a.subscriber_id IS NULL OR b.subscriber_id IS NULL
               OR (a.model_id, a.probability, a.risk_band, a.tier, a.tier_reason, a.lifecycle_stage, a.vip_kind,
                   a.contribution_class, a.in_target_pool, a.segments, a.signal_codes, a.signals::text,
                   a.reasons::text, a.key_moments::text, a.arpu3_fen, a.revenue_at_risk_fen, a.series::text, a.city)
                  IS DISTINCT FROM
                  (b.model_id, b.probability, b.risk_band, b.tier, b.tier_reason, b.lifecycle_stage, b.vip_kind,
                   b.contribution_class, b.in_target_pool, b.segments, b.signal_codes, b.signals::text,
                   b.reasons::text, b.key_moments::text, b.arpu3_fen, b.revenue_at_risk_fen, b.series::text, b.city)`,
          [first.runId, rescore.runId],
        ),
      );
    }
    return { unscored, unexpected, differingOnRescore };
  } finally {
    await client.end();
  }
}

/**
 * The benchmark's operator has 30 days of usage, too little history to train on: the model
 * bench:score learned on a 20k demo operator (same feature columns) is installed, made the same
 * way when it is missing.
 */
async function installDemoModel(env: Record<string, string | undefined>) {
  const file = join(scoreDir, 'demo-model.json');
  if (!existsSync(file)) {
    const scratch = mkdtempSync(join(tmpdir(), 'vipdesk-demo-model-'));
    const demoEnv: Record<string, string | undefined> = { ...env, VIPDESK_DATA_DIR: scratch };
    delete demoEnv.DATABASE_URL;
    try {
      await measureChild(
        'node',
        [vipdeskBin, 'demo', '--subscribers', '20000', '--as-of', SCALE_AS_OF_MONTH],
        demoEnv,
      );
      await measureChild('node', [vipdeskBin, 'model', 'train'], demoEnv);
      await measureChild('node', [runTs, join(root, 'bench/support/demo-model.ts'), 'export', file], demoEnv);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return measureChild('node', [runTs, join(root, 'bench/support/demo-model.ts'), 'install', file], env);
}
