import { expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { runInTransaction } from '#src/db/transaction';
import { describeEachEngine } from '#test/support/database';
import { acquireRunLock } from './run-lock';

const inSession = (
  engine: Parameters<typeof runInTransaction>[0],
  check: Parameters<typeof runInTransaction>[1],
) => runInTransaction(engine, check);

describeEachEngine('the scoring run lock', (getDb, engineName) => {
  it('lets one run at a time hold it, and says so from inside a transaction', async () => {
    const { engine } = getDb();
    const lock = await acquireRunLock(engine);
    try {
      await expect(acquireRunLock(engine)).rejects.toThrow('already in progress');
      await inSession(engine, async (session) => {
        await lock.assertHeld(session);
        return { commit: false, result: undefined };
      });
    } finally {
      await lock.release();
    }
    const next = await acquireRunLock(engine);
    await next.release();
  });

  it.runIf(engineName === 'postgres')(
    'knows when its connection died and another run could take the lock',
    async () => {
      const { engine } = getDb();
      const lock = await acquireRunLock(engine);
      // What a PostgreSQL restart or a cut connection does to the lock's session.
      await queryRows(
        engine,
        `SELECT pg_terminate_backend(pid, 5000) FROM pg_locks
          WHERE locktype = 'advisory' AND objid = 7305001 AND pid <> pg_backend_pid()`,
      );
      await expect(
        inSession(engine, async (session) => {
          await lock.assertHeld(session);
          return { commit: true, result: undefined };
        }),
      ).rejects.toThrow('scoring run lock was lost');
      // The server let go of it: a second run can start, which is why the first must not publish.
      const second = await acquireRunLock(engine);
      await second.release();
      await lock.release();
    },
  );
});
