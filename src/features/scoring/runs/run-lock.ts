import type { Engine } from '#src/db/client';
import { AppError } from '#src/lib/app-error';

/** Arbitrary, fixed: the advisory-lock key every vipdesk process uses for "a scoring run is on". */
const SCORING_LOCK_KEY = 7_305_001;

/** Releasing twice is harmless: a run lets go as soon as its scores are out, and again on the way out. */
export type RunLock = { release(): Promise<void> };

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
    };
  }
  const client = await engine.pool.connect();
  try {
    const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      SCORING_LOCK_KEY,
    ]);
    if (!result.rows[0]?.locked) throw busy();
  } catch (error) {
    client.release();
    throw error;
  }
  let held = true;
  return {
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
