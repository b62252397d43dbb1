import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresDatabaseUrl } from '#test/support/database';
import { openDatabase } from './client';

/**
 * PostgreSQL going away (a restart, `pg_ctl stop -m immediate`, a terminated backend) while a
 * connection is checked out of the pool — a transaction, a COPY, the scoring run's lock — must fail
 * that work, not the process: an 'error' event nobody listens to would end the server. The
 * PostgreSQL half only; PGlite runs in the process and has no connection to lose.
 */
const database = await createPostgresDatabaseUrl();

describe.skipIf(!database)('the PostgreSQL pool when the server ends a connection', () => {
  afterAll(async () => {
    await database?.drop();
  });

  async function terminate(pids: number[]): Promise<void> {
    const admin = new pg.Client({ connectionString: database?.url });
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend(pid, 5000) from unnest($1::int[]) pid', [pids]);
    } finally {
      await admin.end();
    }
  }

  it('fails the work on checked-out connections, keeps the process alive and reconnects', async () => {
    const warnings: string[] = [];
    const handle = await openDatabase(
      { kind: 'postgres', url: database?.url ?? '' },
      { warn: (_details, message) => warnings.push(message) },
    );
    try {
      if (handle.engine.kind !== 'postgres') throw new Error('expected the PostgreSQL engine');
      const pool = handle.engine.pool;
      const idle = await pool.connect();
      const busy = await pool.connect();
      const pidOf = async (client: pg.PoolClient) =>
        Number((await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid);
      const pids = [await pidOf(idle), await pidOf(busy)];
      await idle.query('begin');
      const sleeping = busy.query('select pg_sleep(30)').then(
        () => 'finished',
        (error: Error) => error.message,
      );

      await terminate(pids);

      expect(await sleeping).toMatch(/terminating connection/);
      await expect.poll(() => warnings.length).toBeGreaterThanOrEqual(2);
      expect(warnings[0]).toMatch(/connection lost/);
      idle.release();
      busy.release();
      const { rows } = await pool.query<{ one: number }>('select 1 as one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await handle.close();
    }
  });
});
