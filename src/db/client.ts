import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Config } from '#src/config/config';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** The Drizzle database both engines share; code above the db layer never knows which it has. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** Raw engine access, for the few things Drizzle does not do (COPY, health). */
export type Engine = { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; pool: pg.Pool };

/** The little of a logger the pool needs; pino and Fastify's logger both fit. */
export type WarnLogger = { warn(details: object, message: string): void };

export type DbHandle = {
  db: Database;
  engine: Engine;
  close(): Promise<void>;
};

export async function openDatabase(config: Config['database'], logger?: WarnLogger): Promise<DbHandle> {
  if (config.kind === 'pglite') {
    mkdirSync(config.dataDir, { recursive: true });
    return wrapPglite(await PGlite.create({ dataDir: config.dataDir }));
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 10 });
  survivesConnectionLoss(pool, logger);
  return {
    db: drizzlePostgres(pool, { schema }),
    engine: { kind: 'postgres', pool },
    close: () => pool.end(),
  };
}

/**
 * Keeps the process alive when PostgreSQL goes away (a restart, a crash, `pg_ctl stop -m immediate`,
 * a terminated backend). An idle client's 'error' reaches the pool, which drops it. A checked-out
 * client — inside a transaction, a COPY, the scoring run's lock — emits 'error' on itself, where
 * pg-pool listens to nothing: unhandled, that error would kill the server along with every request
 * in it. Its query has already failed with the same error (the caller's catch answers it), and the
 * client, no longer queryable, is destroyed on release; so one listener per client, only to log,
 * is all it needs. The next checkout opens a fresh connection: the pool reconnects by itself.
 */
export function survivesConnectionLoss(pool: pg.Pool, logger: WarnLogger | undefined): void {
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      logger?.warn({ err: error }, 'PostgreSQL connection lost; the pool will reconnect');
    });
  });
  // An idle client's error reaches the pool too; the client's own listener has logged it already.
  pool.on('error', () => undefined);
}

export function wrapPglite(client: PGlite): DbHandle {
  return {
    db: drizzlePglite(client, { schema }),
    engine: { kind: 'pglite', client },
    close: () => client.close(),
  };
}

/** Runs a read-only probe so the health endpoint can report the store's state. */
export async function pingDatabase(engine: Engine): Promise<void> {
  if (engine.kind === 'pglite') {
    await engine.client.query('SELECT 1');
    return;
  }
  await engine.pool.query('SELECT 1');
}
