import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type DbHandle, survivesConnectionLoss, wrapPglite } from '#src/db/client';
import * as schema from '#src/db/schema/index';
import { TEMPLATE_DATABASE, withDatabase } from './global-setup';

export type TestEngineName = 'pglite' | 'postgres';

export function availableEngines(): TestEngineName[] {
  return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, migrated, empty database on the given engine; dropped by `close()`. */
export async function createTestDatabase(engine: TestEngineName): Promise<DbHandle> {
  if (engine === 'pglite') {
    const tarball = readFileSync(inject('pgliteSnapshotPath'));
    const client = await PGlite.create({ loadDataDir: new Blob([tarball]) });
    return wrapPglite(client);
  }
  const database = await createPostgresDatabaseUrl();
  if (!database) throw new Error('PostgreSQL is not available in this test run');
  const pool = new pg.Pool({ connectionString: database.url, max: 5 });
  // As the server's pool does: a test that cuts a connection must not take the worker down.
  survivesConnectionLoss(pool, undefined);
  return {
    db: drizzle(pool, { schema }),
    engine: { kind: 'postgres', pool },
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}

/**
 * A fresh, migrated PostgreSQL database for child processes (CLI tests): its URL, and a drop.
 * Undefined when the run has no PostgreSQL.
 */
export async function createPostgresDatabaseUrl(): Promise<
  { url: string; drop(): Promise<void> } | undefined
> {
  const url = inject('postgresUrl');
  if (!url) return undefined;
  const name = `vipdesk_t_${randomUUID().replaceAll('-', '')}`;
  await adminQuery(url, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  return {
    url: withDatabase(url, name),
    drop: () => adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Declares the same suite once per available engine, each with its own fresh database, so every
 * database test proves itself on PGlite and on real PostgreSQL. `getDb()` is valid inside tests.
 */
export function describeEachEngine(
  title: string,
  body: (getDb: () => DbHandle, engine: TestEngineName) => void,
): void {
  for (const engine of availableEngines()) {
    describe(`${title} [${engine}]`, () => {
      let handle: DbHandle | undefined;
      beforeAll(async () => {
        handle = await createTestDatabase(engine);
      });
      afterAll(async () => {
        await handle?.close();
      });
      body(() => {
        if (!handle) throw new Error('database not ready: use getDb() inside a test or hook');
        return handle;
      }, engine);
    });
  }
}
