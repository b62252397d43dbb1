import { rm } from 'node:fs/promises';
import { AppError } from '#src/lib/app-error';
import { acquireRunLock } from './run-lock';
import type { ScoringContext } from './run-scoring';
import { markAbandonedRuns } from './runs.repository';

export type InterruptedRunsReport = {
  /** Runs still marked 'running' that no process was working on, now marked 'interrupted'. */
  marked: number;
  /** Whether another process holds the run lock (its run is real: nothing was touched). */
  busy: boolean;
};

/**
 * Tidies up after a process that died in a scoring run (kill -9, power cut, OOM), at server start:
 * its run row still says 'running' — so the console shows a run going on that never will — and its
 * work folder (features and score files, as large as the operator) is still on disk. Until now only
 * the next run did the first, and nothing did the second.
 *
 * Only with the run lock in hand: a run lock held by another live process (a `vipdesk score` beside
 * the server) means its 'running' row and its work folder are real. Nothing of a dead run was
 * published — its scores land in the same transaction as 'succeeded' — so marking it is all it takes.
 */
export async function recoverInterruptedRuns(
  ctx: Pick<ScoringContext, 'handle' | 'workRoot'>,
): Promise<InterruptedRunsReport> {
  let lock: Awaited<ReturnType<typeof acquireRunLock>>;
  try {
    lock = await acquireRunLock(ctx.handle.engine);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') return { marked: 0, busy: true };
    throw error;
  }
  try {
    const marked = await markAbandonedRuns(ctx.handle.db);
    // Every run's folder is under workRoot and removed when its run ends: with the lock held, no run
    // is going, so whatever is left there belongs to a dead one.
    await rm(ctx.workRoot, { recursive: true, force: true });
    return { marked, busy: false };
  } finally {
    await lock.release();
  }
}
