import type { Engine } from '#src/db/client';
import type { Session } from '#src/db/transaction';
import { AppError } from '#src/lib/app-error';

/** Arbitrary, fixed: the advisory-lock key every vipdesk process uses for "a scoring run is on". */
const SCORING_LOCK_KEY = 7_305_001;

export type RunLock = {
  /** Releasing twice is harmless: a run lets go as soon as its scores are out, and again on the way out. */
  release(): Promise<void>;
  /**
   * Throws unless the lock is still held, checked from `session` (the run's publishing
   * transaction, just before it commits). The lock lives on its own connection: if that connection
   * died (a PostgreSQL restart, a network cut) the server let go of the lock and another run may have
   * started, so this run must not publish over it.
   */
  assertHeld(session: Session): Promise<void>;
};

// PGlite's data directory belongs to one process, so an in-process flag is the whole story there.
let pgliteRunActive = false;

/**
 * One scoring run at a time across every process on the database. PostgreSQL: a session-level
 * advisory lock held on a dedicated connection (released by the server if the process dies, so a
 * killed run never blocks the next). Refuses at once rather than queueing a second run.
 */
export async function acquireRunLock(engine: Engine): Promise<RunLock> {
  if (engine.kind === 'pglite') {
    if (pgliteRunActive) throw busy();
    pgliteRunActive = true;
    let held = true;
    return {
      release: async () => {
        if (held) pgliteRunActive = false;
        held = false;
      },
      // One process owns the data directory: the flag cannot be lost behind the run's back.
      assertHeld: async () => undefined,
    };
  }
  const client = await engine.pool.connect();
  let pid: number;
  try {
    const result = await client.query<{ locked: boolean; pid: number }>(
      'SELECT pg_try_advisory_lock($1) AS locked, pg_backend_pid() AS pid',
      [SCORING_LOCK_KEY],
    );
    const [row] = result.rows;
    if (!row?.locked) throw busy();
    pid = row.pid;
  } catch (error) {
    client.release();
    throw error;
  }
  let held = true;
  return {
    assertHeld: async (session) => {
      // A one-bigint advisory lock shows as objid = the key's low 32 bits, objsubid = 1.
      const rows = await session.query(
        `SELECT 1 FROM pg_locks
          WHERE locktype = 'advisory' AND classid = 0 AND objid = $1 AND objsubid = 1 AND pid = $2 AND granted`,
        [SCORING_LOCK_KEY, pid],
      );
      if (rows.length === 0) {
        throw new Error(
          'the scoring run lock was lost (its database connection ended during the run); the run is not published',
        );
      }
    },
    release: async () => {
      if (!held) return;
      held = false;
      try {
        await client.query('SELECT pg_advisory_unlock($1)', [SCORING_LOCK_KEY]);
        client.release();
      } catch (error) {
        client.release(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}

function busy(): AppError {
  return new AppError('CONFLICT', 'A scoring run is already in progress; follow it or wait for it to finish');
}
