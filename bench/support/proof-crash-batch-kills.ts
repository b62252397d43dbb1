// kill -9 of the batch jobs at random points: `vipdesk score` (in each of its stages, the write
// transaction included) and `vipdesk import` of subscribers (PostgreSQL) and of bills and usage
// (Parquet). Each job's progress is watched from outside through its own run row (scoring_runs.stage,
// import_runs), and the plug is pulled a random time after the chosen point. Afterwards the state
// on show must be whole: the previous one untouched, or — when the job got past its commit or its
// manifest swap before the kill — the new one complete. Never a mix.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Random } from '#src/ml/random';
import { type Env, log, vipdeskBin } from './console-setup';
import type { CrashCluster } from './proof-crash-cluster';
import { vipdesk } from './proof-crash-operator';

export type KillTally = {
  /** Kills that landed while the job was running. */
  kills: number;
  /** Of those, how many left a whole state (the previous, or the new one complete). */
  intact: number;
  /** Of the intact ones, how many had got past their commit or swap (the new state on show). */
  newStateOnShow: number;
  /** Jobs that finished before the planned kill (not counted as kills). */
  finishedFirst: number;
  problems: string[];
};

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

type Job = { child: ChildProcess; done(): boolean; exited: Promise<void> };

function spawnJob(env: Env, args: string[]): Job {
  const child = spawn('node', [vipdeskBin, ...args], { env, stdio: 'ignore' });
  let finished = false;
  const exited = new Promise<void>((resolveExit) => {
    child.once('exit', () => {
      finished = true;
      resolveExit();
    });
  });
  return { child, done: () => finished, exited };
}

/** Waits until `reached()` says the job is at the chosen point, or it ends; false if it ended first. */
async function waitUntil(job: Job, reached: () => Promise<boolean>, timeoutMs = 300_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!job.done() && Date.now() < deadline) {
    if (await reached()) return !job.done();
    await sleep(20);
  }
  return false;
}

/** kill -9 after `delayMs`, unless the job ended first; true when the kill landed. */
async function killAfter(job: Job, delayMs: number): Promise<boolean> {
  await sleep(delayMs);
  if (job.done()) return false;
  job.child.kill('SIGKILL');
  await job.exited;
  return job.child.signalCode === 'SIGKILL';
}

function stageIndex(stage: string): number {
  return RUN_ORDER.indexOf(stage);
}

/**
 * Waits until no statement of the killed process is still running in PostgreSQL. A backend notices
 * its client is gone only when it next talks to it: a COMMIT already received still completes, so
 * the state is read only once the killed job's backends have finished either way.
 */
async function settle(cluster: CrashCluster, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await cluster.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where backend_type = 'client backend' and pid <> pg_backend_pid() and state <> 'idle'`,
    );
    if ((row?.n ?? 0) === 0) return;
    await sleep(50);
  }
}

function emptyTally(): KillTally {
  return { kills: 0, intact: 0, newStateOnShow: 0, finishedFirst: 0, problems: [] };
}

// ---- scoring ----

// In the order kills take them: the publishing transaction first, so even a short run kills there.
const SCORING_STAGES: readonly string[] = ['writing', 'scoring', 'features', 'model'];
/** The order a run goes through them, to tell whether a run has reached a stage. */
const RUN_ORDER: readonly string[] = ['model', 'features', 'scoring', 'writing', 'checking', 'done'];

type PublishedScores = { runId: number | null; count: number; fingerprint: string | null };

/** The run the screens show (latest succeeded) and a fingerprint of all its scores. */
export async function publishedScores(cluster: CrashCluster): Promise<PublishedScores> {
  const [run] = await cluster.query<{ id: number }>(
    "select id from scoring_runs where status = 'succeeded' order by id desc limit 1",
  );
  if (!run) return { runId: null, count: 0, fingerprint: null };
  const [scores] = await cluster.query<{ n: number; fp: string | null }>(
    `select count(*)::int as n, md5(string_agg(s::text, '|' order by s.subscriber_id)) as fp
       from subscriber_scores s where s.run_id = $1`,
    [run.id],
  );
  return { runId: run.id, count: scores?.n ?? 0, fingerprint: scores?.fp ?? null };
}

/**
 * `count` scoring runs killed, each in a stage taken in turn (writing, scoring, features, model) at a
 * random moment within that stage's length in the last complete run. `readsWork` is asked after
 * each kill whether the screens still read scores.
 */
export async function killScoringRuns(
  cluster: CrashCluster,
  env: Env,
  count: number,
  random: Random,
  readsWork: () => Promise<boolean>,
): Promise<KillTally & { readsFailed: number }> {
  const tally = { ...emptyTally(), readsFailed: 0 };
  const [last] = await cluster.query<{ timings: Record<string, number> | null }>(
    "select timings from scoring_runs where status = 'succeeded' order by id desc limit 1",
  );
  const stageSeconds = (stage: string) => Math.max(last?.timings?.[stage] ?? 1, 0.05);
  // A kill planned too late finds the job done; it is not counted, and another is tried.
  for (let attempt = 0; tally.kills < count && attempt < count * 2; attempt++) {
    const before = await publishedScores(cluster);
    const [top] = await cluster.query<{ id: number }>(
      'select coalesce(max(id), 0)::int as id from scoring_runs',
    );
    const stage = SCORING_STAGES[tally.kills % SCORING_STAGES.length] ?? 'scoring';
    const job = spawnJob(env, ['score']);
    let runId: number | null = null;
    const reached = await waitUntil(job, async () => {
      const [row] = await cluster.query<{ id: number; stage: string }>(
        'select id, stage from scoring_runs where id > $1 order by id desc limit 1',
        [top?.id ?? 0],
      );
      runId = row?.id ?? null;
      if (!row) return false;
      return stageIndex(row.stage) >= stageIndex(stage);
    });
    const landed = reached && (await killAfter(job, random() * 0.8 * stageSeconds(stage) * 1000));
    if (!landed) {
      await job.exited;
      tally.finishedFirst += 1;
      continue;
    }
    tally.kills += 1;
    await settle(cluster);
    const after = await publishedScores(cluster);
    const [killed] = await cluster.query<{ status: string; subscribers: number | null }>(
      'select status, subscribers from scoring_runs where id = $1',
      [runId],
    );
    const unchanged =
      after.runId === before.runId &&
      after.count === before.count &&
      after.fingerprint === before.fingerprint;
    // Killed after its commit: the new run is on show, and it must be complete.
    const newWhole =
      killed?.status === 'succeeded' && after.runId === runId && after.count === (killed.subscribers ?? -1);
    if (unchanged || newWhole) tally.intact += 1;
    else
      tally.problems.push(
        `scoring kill in ${stage}: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`,
      );
    if (newWhole) tally.newStateOnShow += 1;
    if (!(await readsWork())) tally.readsFailed += 1;
    log(
      `crash  scoring run ${runId} killed in ${stage}: ${unchanged ? 'previous run intact' : newWhole ? 'new run whole' : 'BROKEN'}`,
    );
  }
  return tally;
}

// ---- subscriber import ----

/** The subscribers' content, timestamps aside (an import that changed nothing still touches them). */
export async function subscriberFingerprint(cluster: CrashCluster): Promise<string> {
  const [row] = await cluster.query<{ n: number; fp: string }>(
    `select count(*)::int as n,
            md5(string_agg((to_jsonb(s) - 'created_at' - 'updated_at')::text, '|' order by s.id)) as fp
       from subscribers s`,
  );
  return `${row?.n ?? 0}:${row?.fp ?? ''}`;
}

async function latestImportId(cluster: CrashCluster): Promise<number> {
  const [row] = await cluster.query<{ id: number }>(
    'select coalesce(max(id), 0)::int as id from import_runs',
  );
  return row?.id ?? 0;
}

/** One complete import, timed from its run row's start to its finish (the part worth killing). */
async function timedImport(cluster: CrashCluster, env: Env, kind: string, file: string): Promise<number> {
  await vipdesk(env, 'import', kind, file);
  const [row] = await cluster.query<{ seconds: number }>(
    `select extract(epoch from finished_at - started_at)::float8 as seconds
       from import_runs where kind = $1 order by id desc limit 1`,
    [kind],
  );
  return Math.max(row?.seconds ?? 0.5, 0.05);
}

/** Starts an import, waits for its run row, kills it a random time into its expected length. */
async function killImport(
  cluster: CrashCluster,
  env: Env,
  kind: string,
  file: string,
  seconds: number,
  random: Random,
): Promise<{ landed: boolean; runId: number }> {
  const top = await latestImportId(cluster);
  const job = spawnJob(env, ['import', kind, file]);
  let runId = 0;
  const reached = await waitUntil(job, async () => {
    runId = await latestImportId(cluster);
    return runId > top;
  });
  const landed = reached && (await killAfter(job, random() * 0.9 * seconds * 1000));
  if (!landed) await job.exited;
  await settle(cluster);
  return { landed, runId };
}

/**
 * Subscriber imports killed `count` times, alternating two files that differ on every row (the
 * operator's file and its altered copy). After each kill the table must hold exactly one file's
 * state: the one before, or — killed after the commit — the other one whole.
 */
export async function killSubscriberImports(
  cluster: CrashCluster,
  env: Env,
  files: { original: string; altered: string },
  count: number,
  random: Random,
): Promise<KillTally> {
  const tally = emptyTally();
  const seconds = await timedImport(cluster, env, 'subscribers', files.altered);
  const alteredState = await subscriberFingerprint(cluster);
  await timedImport(cluster, env, 'subscribers', files.original);
  const originalState = await subscriberFingerprint(cluster);
  let current: 'original' | 'altered' = 'original';
  for (let attempt = 0; tally.kills < count && attempt < count * 2; attempt++) {
    const next: 'original' | 'altered' = current === 'original' ? 'altered' : 'original';
    const { landed, runId } = await killImport(cluster, env, 'subscribers', files[next], seconds, random);
    const state = await subscriberFingerprint(cluster);
    const expected = { original: originalState, altered: alteredState };
    if (!landed) {
      tally.finishedFirst += 1;
      if (state === expected[next]) current = next;
      continue;
    }
    tally.kills += 1;
    if (state === expected[current]) tally.intact += 1;
    else if (state === expected[next]) {
      tally.intact += 1;
      tally.newStateOnShow += 1;
      current = next;
    } else tally.problems.push(`subscriber import run ${runId} killed: the table matches neither file`);
    log(`crash  subscriber import ${runId} killed: ${state === expected[current] ? 'whole' : 'BROKEN'}`);
  }
  return tally;
}

// ---- bills and usage imports (Parquet) ----

type UsageState = { manifest: string; files: Map<string, string> };

/** The manifest's text and a hash of every file it lists. */
async function usageState(usageDir: string): Promise<UsageState> {
  const manifest = await readFile(join(usageDir, 'manifest.json'), 'utf8');
  const files = new Map<string, string>();
  for (const file of listedFiles(manifest)) {
    files.set(
      file,
      createHash('sha256')
        .update(await readFile(join(usageDir, file)))
        .digest('hex'),
    );
  }
  return { manifest, files };
}

function listedFiles(manifestText: string): string[] {
  const parsed: unknown = JSON.parse(manifestText);
  const datasets: unknown = Reflect.get(Object(parsed), 'datasets');
  const files: string[] = [];
  for (const months of Object.values(Object(datasets))) {
    for (const list of Object.values(Object(months))) {
      if (Array.isArray(list)) for (const f of list) if (typeof f === 'string') files.push(f);
    }
  }
  return files.sort();
}

/** Rows in the listed files of one dataset (each file must be a readable Parquet file). */
async function datasetRows(usageDir: string, manifestText: string, dataset: string): Promise<number> {
  const files = listedFiles(manifestText).filter((f) => f.startsWith(`${dataset}/`));
  if (files.length === 0) return 0;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const list = files.map((f) => `'${join(usageDir, f).replaceAll("'", "''")}'`).join(', ');
    const reader = await connection.runAndReadAll(`select count(*)::BIGINT from read_parquet([${list}])`);
    return Number(reader.getRowsJS()[0]?.[0] ?? -1);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Files under the store that the manifest does not list (DuckDB's spill folders aside). */
export async function strayUsageFiles(usageDir: string): Promise<string[]> {
  const listed = new Set(listedFiles(await readFile(join(usageDir, 'manifest.json'), 'utf8')));
  const stray: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    for (const entry of await readdir(join(usageDir, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (path === '.duckdb-tmp' || path === 'manifest.json') continue;
      if (entry.isDirectory()) await walk(path);
      else if (!listed.has(path)) stray.push(path);
    }
  };
  await walk('');
  return stray;
}

/**
 * Imports of a usage kind (bills or usage) killed `count` times, re-importing the same file. The
 * store must show the manifest and files it had, byte for byte — or, killed after the manifest
 * swap, the new files complete (the same number of rows, every file readable).
 */
export async function killUsageImports(
  cluster: CrashCluster,
  env: Env,
  kind: 'bills' | 'usage',
  file: string,
  count: number,
  random: Random,
): Promise<KillTally> {
  const tally = emptyTally();
  const usageDir = join(cluster.dataDir, 'usage');
  const seconds = await timedImport(cluster, env, kind, file);
  for (let attempt = 0; tally.kills < count && attempt < count * 2; attempt++) {
    const before = await usageState(usageDir);
    const rowsBefore = await datasetRows(usageDir, before.manifest, kind);
    const { landed, runId } = await killImport(cluster, env, kind, file, seconds, random);
    if (!landed) {
      tally.finishedFirst += 1;
      continue;
    }
    tally.kills += 1;
    const after = await usageState(usageDir);
    const unchanged =
      after.manifest === before.manifest &&
      [...before.files].every(([f, hash]) => after.files.get(f) === hash);
    let swappedWhole = false;
    if (!unchanged) {
      swappedWhole = (await datasetRows(usageDir, after.manifest, kind).catch(() => -1)) === rowsBefore;
    }
    if (unchanged || swappedWhole) tally.intact += 1;
    else
      tally.problems.push(
        `${kind} import run ${runId} killed: the store is neither the old nor a whole new state`,
      );
    if (swappedWhole) tally.newStateOnShow += 1;
    log(
      `crash  ${kind} import ${runId} killed: ${unchanged ? 'store unchanged' : swappedWhole ? 'new files whole' : 'BROKEN'}`,
    );
  }
  return tally;
}
