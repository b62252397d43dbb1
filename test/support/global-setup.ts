import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '#src/db/migrate';

const SCRIPT = resolve('scripts/throwaway-postgres.sh');
export const TEMPLATE_DATABASE = 'vipdesk_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshotPath: string;
    postgresUrl: string | null;
  }
}

/**
 * Prepares both engines once for the whole run:
 * - PGlite: a migrated data directory dumped to a tarball; each test file loads it (much faster
 *   than initialising a fresh WASM cluster per file).
 * - PostgreSQL: VIPDESK_TEST_DATABASE_URL if given (CI starts a throwaway cluster), otherwise a
 *   throwaway cluster from the installed binaries if there are any; a migrated template database
 *   that each test file clones. Without PostgreSQL the suite runs the PGlite half and says so.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workDir = mkdtempSync(join(tmpdir(), 'vipdesk-test-'));
  chmodSync(workDir, 0o755);

  const pglite = await PGlite.create();
  await migrateDatabase({ kind: 'pglite', client: pglite });
  const snapshot = await pglite.dumpDataDir('none');
  await pglite.close();
  const snapshotPath = join(workDir, 'pglite-migrated.tar');
  writeFileSync(snapshotPath, Buffer.from(await snapshot.arrayBuffer()));
  project.provide('pgliteSnapshotPath', snapshotPath);

  let clusterDir: string | null = null;
  let url = process.env.VIPDESK_TEST_DATABASE_URL ?? null;
  if (!url && process.env.VIPDESK_TEST_PGLITE_ONLY !== '1') {
    clusterDir = join(workDir, 'pg');
    try {
      url = execFileSync(SCRIPT, ['start', clusterDir], { encoding: 'utf8' }).trim();
    } catch {
      clusterDir = null;
    }
  }
  if (url) {
    await prepareTemplate(url);
    console.log('[vipdesk tests] database tests run on both engines: PGlite and PostgreSQL');
  } else {
    console.log(
      '[vipdesk tests] PostgreSQL not available: database tests run on PGlite only ' +
        '(set VIPDESK_TEST_DATABASE_URL or install the postgresql server package for both engines)',
    );
  }
  project.provide('postgresUrl', url);

  return async () => {
    if (clusterDir) execFileSync(SCRIPT, ['stop', clusterDir]);
    rmSync(workDir, { recursive: true, force: true });
  };
}

async function prepareTemplate(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const pool = new pg.Pool({ connectionString: withDatabase(url, TEMPLATE_DATABASE) });
  try {
    await migrateDatabase({ kind: 'postgres', pool });
  } finally {
    await pool.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
