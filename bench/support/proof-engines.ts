// The databases the in-process proof parts run on: PGlite (the embedded default) and, when the
// PostgreSQL server binaries are installed, a throwaway PostgreSQL cluster. Outside vitest, so
// the test harness's provided template databases are not available; each engine is migrated here.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type DbHandle, openDatabase } from '#src/db/client';
import { migrateDatabase } from '#src/db/migrate';

export type ProofEngine = { name: 'pglite' | 'postgres'; handle: DbHandle; close(): Promise<void> };

const pgScript = resolve('scripts/throwaway-postgres.sh');

function postgresInstalled(): boolean {
  try {
    execFileSync('bash', ['-c', 'command -v initdb || ls /usr/lib/postgresql/*/bin/initdb'], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

async function openPglite(): Promise<ProofEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'vipdesk-proof-pglite-'));
  const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
  await migrateDatabase(handle.engine);
  return {
    name: 'pglite',
    handle,
    close: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<ProofEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'vipdesk-proof-pg-'));
  chmodSync(dir, 0o755);
  const clusterDir = join(dir, 'pg');
  const url = execFileSync(pgScript, ['start', clusterDir], { encoding: 'utf8' }).trim();
  const handle = await openDatabase({ kind: 'postgres', url });
  await migrateDatabase(handle.engine);
  return {
    name: 'postgres',
    handle,
    close: async () => {
      await handle.close();
      execFileSync(pgScript, ['stop', clusterDir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `body` once per available engine, each on a fresh migrated database. */
export async function onEachEngine<T>(body: (engine: ProofEngine) => Promise<T>): Promise<T[]> {
  const openers = postgresInstalled() ? [openPglite, openPostgres] : [openPglite];
  const results: T[] = [];
  for (const open of openers) {
    const engine = await open();
    try {
      results.push(await body(engine));
    } finally {
      await engine.close();
    }
  }
  return results;
}
