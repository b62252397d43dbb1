// The console benchmark's operator: a throwaway PostgreSQL cluster loaded with the scoring
// benchmark's synthetic files (bench/support/generate-scoring-files.ts, cached in .bench/score/)
// through the real `vipdesk migrate | import | score` commands, each in its own process.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateScoringFiles } from './generate-scoring-files';
import { lastJsonLine, measureChild } from './measure-child';

export const AS_OF_MONTH = '2026-09';
const IMPORT_ORDER = ['plans', 'subscribers', 'contracts', 'complaints', 'bills', 'usage'] as const;

const root = resolve('.');
export const filesDir = resolve('.bench/score');
export const vipdeskBin = join(root, 'bin/vipdesk.js');
const runTs = join(root, 'bin/run-ts.js');
const pgScript = join(root, 'scripts/throwaway-postgres.sh');
const demoModelScript = join(root, 'bench/support/demo-model.ts');

export type Env = Record<string, string | undefined>;

export type Cluster = {
  url: string;
  dataDir: string;
  /** The throwaway-postgres.sh directory (the data directory is its `cluster/`). */
  pgDir: string;
  env: Env;
  stop(): void;
};

/** A stopped cluster's data directory and the app's data directory, copied aside to start again. */
export type ClusterSnapshot = { clusterDir: string; dataDir: string };

const fmt = (s: number) => s.toFixed(1);

export function log(line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

/**
 * A fresh scratch directory for a throwaway cluster (`pg/`) and the app's data (`data/`), and an
 * idempotent, synchronous stop that stops the cluster and removes the directory (it may run from
 * a signal handler as well as from `finally`).
 */
export function scratchCluster(prefix: string): { pgDir: string; dataDir: string; stop: () => void } {
  const scratch = mkdtempSync(join(tmpdir(), prefix));
  execFileSync('chmod', ['755', scratch]);
  const pgDir = join(scratch, 'pg');
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      execFileSync(pgScript, ['stop', pgDir]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  };
  return { pgDir, dataDir: join(scratch, 'data'), stop };
}

/**
 * Starts a throwaway cluster in a fresh scratch directory: a new one, or a copy of a snapshot.
 * stop() is idempotent and synchronous, so it can run from a signal handler as well as from `finally`.
 */
export function startCluster(snapshot?: ClusterSnapshot): Cluster {
  const { pgDir, dataDir, stop } = scratchCluster('vipdesk-console-bench-');
  let url: string;
  try {
    if (snapshot) {
      // cp -a keeps the owner (postgres, when the benchmark runs as root) and the modes initdb set.
      mkdirSync(pgDir);
      execFileSync('cp', ['-a', snapshot.clusterDir, join(pgDir, 'cluster')]);
      execFileSync('cp', ['-a', snapshot.dataDir, dataDir]);
      if (process.getuid?.() === 0) execFileSync('chown', ['postgres:', pgDir]);
    }
    url = execFileSync(pgScript, [snapshot ? 'restart' : 'start', pgDir], { encoding: 'utf8' }).trim();
  } catch (error) {
    stop();
    throw error;
  }
  const env: Env = {
    ...process.env,
    DATABASE_URL: url,
    VIPDESK_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    CI: 'true',
  };
  return { url, dataDir, pgDir, env, stop };
}

export type LoadReport = { stages: { label: string; seconds: number }[]; scored: number | null };

/** Generate (or reuse) the files, migrate, import the six kinds, install a model and score. */
export async function loadOperator(subscribers: number, env: Env): Promise<LoadReport> {
  const began = performance.now();
  const { files, generated } = await generateScoringFiles({
    subscribers,
    asOfMonth: AS_OF_MONTH,
    dir: filesDir,
  });
  const stages: LoadReport['stages'] = [];
  const stage = (label: string, seconds: number, note = '') => {
    stages.push({ label, seconds });
    log(`setup  ${label.padEnd(20)} ${fmt(seconds).padStart(6)}s  ${note}`);
  };
  stage(generated ? 'generate files' : 'reuse files', (performance.now() - began) / 1000, filesDir);
  const vipdesk = (...args: string[]) => measureChild('node', [vipdeskBin, ...args], env);

  const migrate = await vipdesk('migrate');
  stage('migrate', migrate.seconds);
  for (const kind of IMPORT_ORDER) {
    const result = await vipdesk('import', kind, files[kind]);
    if (/bad row/.test(result.stdout)) throw new Error(`import ${kind} rejected rows:\n${result.stdout}`);
    stage(`import ${kind}`, result.seconds, result.stdout.trim().split('\n').at(-1)?.slice(0, 100) ?? '');
  }

  // Thirty days of usage is too little history to train on (see bench/score.bench.ts): install the
  // model the scoring benchmark learned on a 20k demo operator, so the 360 shows real reasons.
  const model = await demoModelFile();
  const install = await measureChild('node', [runTs, demoModelScript, 'install', model], env);
  stage('install demo model', install.seconds, install.stdout.trim());

  const score = await vipdesk('score');
  const json = lastJsonLine(score.stdout);
  const scored = typeof json?.subscribers === 'number' ? json.subscribers : null;
  stage('vipdesk score', score.seconds, `${scored ?? '?'} subscribers scored`);
  return { stages, scored };
}

/** The demo-trained model file of bench/score.bench.ts; made the same way when it is missing. */
async function demoModelFile(): Promise<string> {
  const file = join(filesDir, 'demo-model.json');
  if (existsSync(file)) return file;
  const scratch = mkdtempSync(join(tmpdir(), 'vipdesk-demo-model-'));
  const env: Env = { ...process.env, VIPDESK_DATA_DIR: scratch, LOG_LEVEL: 'silent', CI: 'true' };
  delete env.DATABASE_URL;
  try {
    await measureChild('node', [vipdeskBin, 'demo', '--subscribers', '20000', '--as-of', AS_OF_MONTH], env);
    await measureChild('node', [vipdeskBin, 'model', 'train'], env);
    await measureChild('node', [runTs, demoModelScript, 'export', file], env);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return file;
}
