// A loaded operator kept between runs: at 1M subscribers the import, the scoring run, the staff and
// the campaigns take many minutes, so the stopped cluster (and the app's data directory) is copied to
// .bench/proof/ once and copied back on later runs. The name carries a hash of everything the copy
// depends on (the migrations, the PostgreSQL version, the setup's own version and sizes): when one
// changes, the old copy is removed and a new one made.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Cluster, ClusterSnapshot } from './console-setup';

const snapshotsDir = resolve('.bench/proof');
const migrationsDir = resolve('src/db/migrations');
const pgScript = resolve('scripts/throwaway-postgres.sh');

/** The newest installed pg_ctl (as scripts/throwaway-postgres.sh finds it). */
function pgCtl(): string {
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((v) => existsSync(join('/usr/lib/postgresql', v, 'bin/pg_ctl')))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  return newest ? join('/usr/lib/postgresql', newest, 'bin/pg_ctl') : 'pg_ctl';
}

/** Runs a PostgreSQL binary as the cluster's owner (postgres, when we are root). */
function asOwner(command: string, args: string[]): string {
  const asRoot = process.getuid?.() === 0;
  return execFileSync(
    asRoot ? 'runuser' : command,
    asRoot ? ['-u', 'postgres', '--', command, ...args] : args,
    {
      encoding: 'utf8',
    },
  );
}

/** The snapshot directory name for a setup: `<prefix>-<hash of its inputs>`. */
export function snapshotName(prefix: string, inputs: Record<string, string | number>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(inputs));
  hash.update(asOwner(pgCtl(), ['--version']));
  for (const file of readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(file);
    hash.update(readFileSync(join(migrationsDir, file)));
  }
  return `${prefix}-${hash.digest('hex').slice(0, 12)}`;
}

export function findSnapshot(name: string): ClusterSnapshot | null {
  const dir = join(snapshotsDir, name);
  const snapshot = { clusterDir: join(dir, 'cluster'), dataDir: join(dir, 'data') };
  return existsSync(snapshot.clusterDir) && existsSync(snapshot.dataDir) ? snapshot : null;
}

/** Stops a throwaway cluster cleanly and leaves its files (the script's `stop` removes them). */
export function stopClusterKeeping(pgDir: string): void {
  asOwner(pgCtl(), ['-D', join(pgDir, 'cluster'), '-m', 'fast', '-w', 'stop']);
}

/**
 * Stops the cluster cleanly, copies it aside under `name` (replacing older snapshots with the same
 * prefix) and starts it again. The caller must hold no connections across this.
 */
export function saveSnapshot(cluster: Cluster, name: string, prefix: string): void {
  const clusterDir = join(cluster.pgDir, 'cluster');
  stopClusterKeeping(cluster.pgDir);
  const target = join(snapshotsDir, name);
  const staging = `${target}.tmp-${process.pid}`;
  try {
    mkdirSync(staging, { recursive: true });
    execFileSync('cp', ['-a', clusterDir, join(staging, 'cluster')]);
    mkdirSync(cluster.dataDir, { recursive: true });
    execFileSync('cp', ['-a', cluster.dataDir, join(staging, 'data')]);
    const older = readdirSync(snapshotsDir).filter(
      (d) => d.startsWith(`${prefix}-`) && join(snapshotsDir, d) !== staging,
    );
    for (const old of older) {
      rmSync(join(snapshotsDir, old), { recursive: true, force: true });
    }
    renameSync(staging, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    execFileSync(pgScript, ['restart', cluster.pgDir]);
  }
}
