// The crash proof's PostgreSQL: a throwaway cluster (scripts/throwaway-postgres.sh) initialised with
// data checksums and run with fsync ON, so what survives a crash is what PostgreSQL made durable,
// not what happened to be in the page cache. The proof stops it with `pg_ctl stop -m immediate`
// (no shutdown checkpoint: the next start replays the WAL, as after a power cut), starts it again,
// and at the end checks every relation with pg_amcheck and counts checksum failures.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { type Env, scratchCluster } from './console-setup';

const pgScript = resolve('scripts/throwaway-postgres.sh');
// Asynchronous where the proof's own clients keep running meanwhile: a synchronous exec would
// freeze their event loop for the whole stop or start.
const run = promisify(execFile);

export type CrashCluster = {
  url: string;
  /** The vipdesk data directory (usage store, scoring work files) of the processes under test. */
  dataDir: string;
  /** The environment of every vipdesk process: this database, this data directory, quiet logs. */
  env: Env;
  /** `pg_ctl stop -m immediate`: every backend killed, no checkpoint. */
  stopImmediately(): Promise<void>;
  /** Starts the stopped (or crashed) cluster again and resolves once it accepts connections. */
  restart(): Promise<void>;
  /** One statement on a short-lived connection of its own (the proof's view from outside the app). */
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  /** pg_amcheck over every database, heap and index (with --heapallindexed): what it reported. */
  amcheck(): { findings: number; output: string };
  /**
   * Stops the cluster cleanly and runs `pg_checksums --check` over every data page, offline: the
   * pages PostgreSQL never read back during the run are verified too. Returns the bad pages.
   */
  offlineChecksums(): { badPages: number; output: string };
  /** Idempotent and synchronous, so it can run from a signal handler as well as from `finally`. */
  destroy(): void;
};

/** A PostgreSQL server binary: on PATH, else the newest under /usr/lib/postgresql/<version>/bin. */
export function postgresBinary(name: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  const root = '/usr/lib/postgresql';
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  if (!newest) throw new Error(`PostgreSQL binary ${name} not found (apt-get install postgresql)`);
  return join(root, newest, 'bin', name);
}

/** PostgreSQL refuses to run as root: as root, its tools run as the cluster's owner `postgres`. */
function asOwner(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export async function startCrashCluster(): Promise<CrashCluster> {
  const { pgDir, dataDir, stop: destroy } = scratchCluster('vipdesk-crash-proof-');
  const scriptEnv = { ...process.env, VIPDESK_PG_FSYNC: 'on' };
  let url: string;
  try {
    url = execFileSync(pgScript, ['start', pgDir], { encoding: 'utf8', env: scriptEnv }).trim();
  } catch (error) {
    destroy();
    throw error;
  }
  const env: Env = {
    ...process.env,
    DATABASE_URL: url,
    VIPDESK_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    CI: 'true',
    TZ: 'UTC',
  };

  const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end().catch(() => undefined);
    }
  };

  const cluster: CrashCluster = {
    url,
    dataDir,
    env,
    stopImmediately: async () => {
      const [command, args] = asOwner(postgresBinary('pg_ctl'), [
        '-D',
        join(pgDir, 'cluster'),
        '-m',
        'immediate',
        'stop',
      ]);
      await run(command, args);
    },
    restart: async () => {
      await run(pgScript, ['restart', pgDir], { env: scriptEnv });
    },
    query,
    amcheck: () => {
      const [command, args] = asOwner(postgresBinary('pg_amcheck'), [
        '--all',
        '--heapallindexed',
        '--install-missing',
        '--host',
        pgDir,
        '--username',
        'postgres',
      ]);
      const result = spawnSync(command, args, { encoding: 'utf8' });
      const output = `${result.stdout}${result.stderr}`.trim();
      // pg_amcheck prints one block per corruption it finds and exits non-zero; silence and 0 is clean.
      const findings = output === '' && result.status === 0 ? 0 : Math.max(1, countReports(output));
      return { findings, output };
    },
    offlineChecksums: () => {
      const clusterDir = join(pgDir, 'cluster');
      const [stop, stopArgs] = asOwner(postgresBinary('pg_ctl'), [
        '-D',
        clusterDir,
        '-m',
        'fast',
        '-w',
        'stop',
      ]);
      execFileSync(stop, stopArgs, { stdio: 'ignore' });
      const [check, checkArgs] = asOwner(postgresBinary('pg_checksums'), ['--check', '-D', clusterDir]);
      const result = spawnSync(check, checkArgs, { encoding: 'utf8' });
      const output = `${result.stdout}${result.stderr}`.trim();
      const bad = /Bad checksums:\s+(\d+)/.exec(output);
      // No summary line means the check itself could not run: count it as a failure, never as clean.
      const counted = bad?.[1] === undefined ? 0 : Number(bad[1]);
      return { badPages: result.status === 0 && bad ? counted : Math.max(counted, 1), output };
    },
    destroy,
  };

  // A crash proof on a cluster that may lose committed work or miss torn pages proves nothing.
  const [settings] = await query<{ fsync: string; checksums: string }>(
    "select current_setting('fsync') as fsync, current_setting('data_checksums') as checksums",
  );
  if (settings?.fsync !== 'on' || settings.checksums !== 'on') {
    destroy();
    throw new Error(`crash proof cluster needs fsync and data checksums on, got ${JSON.stringify(settings)}`);
  }
  return cluster;
}

/** pg_amcheck starts each finding with a line like `heap table "db.schema.t", block 3, offset 2:`. */
function countReports(output: string): number {
  return output.split('\n').filter((line) => /^(heap table|btree index|index|error|pg_amcheck:)/i.test(line))
    .length;
}

/** Checksum failures PostgreSQL counted while reading pages, over every database. */
export async function checksumFailures(cluster: CrashCluster): Promise<number> {
  const [row] = await cluster.query<{ n: string }>(
    'select coalesce(sum(checksum_failures), 0)::bigint as n from pg_stat_database',
  );
  return Number(row?.n ?? 0);
}
