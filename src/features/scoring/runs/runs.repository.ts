import { desc, eq } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { scoringRuns } from '#src/db/schema/scoring';

export type StoredRun = typeof scoringRuns.$inferSelect;
export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_TRIGGERS = ['cli', 'api', 'schedule', 'first_start', 'test'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

export async function insertRun(
  db: Database,
  run: { asOf: string; trigger: RunTrigger; settingsVersion: number; modelId: number | null },
): Promise<StoredRun> {
  const [row] = await db
    .insert(scoringRuns)
    .values({ ...run, status: 'running', stage: 'starting' })
    .returning();
  if (!row) throw new Error('run insert returned nothing');
  return row;
}

export async function updateRun(
  db: Database,
  id: number,
  changes: Partial<Pick<StoredRun, 'stage' | 'modelId' | 'subscribers' | 'timings' | 'checks'>>,
): Promise<void> {
  await db.update(scoringRuns).set(changes).where(eq(scoringRuns.id, id));
}

export async function finishRun(
  db: Database,
  id: number,
  outcome: { status: Exclude<RunStatus, 'running'>; error?: string; timings?: unknown },
): Promise<void> {
  await db
    .update(scoringRuns)
    .set({
      status: outcome.status,
      error: outcome.error ?? null,
      timings: outcome.timings,
      finishedAt: new Date(),
    })
    .where(eq(scoringRuns.id, id));
}

/**
 * Runs still marked running when a new run takes the run lock were left by a killed process:
 * nothing of theirs was committed (scores land in the same transaction as 'succeeded').
 */
export async function markAbandonedRuns(db: Database): Promise<number> {
  const rows = await db
    .update(scoringRuns)
    .set({
      status: 'interrupted',
      error: 'the process stopped before the run finished',
      finishedAt: new Date(),
    })
    .where(eq(scoringRuns.status, 'running'))
    .returning({ id: scoringRuns.id });
  return rows.length;
}

export async function findRun(db: Database, id: number): Promise<StoredRun | undefined> {
  const [row] = await db.select().from(scoringRuns).where(eq(scoringRuns.id, id));
  return row;
}

export async function listRuns(db: Database, limit: number): Promise<StoredRun[]> {
  return db.select().from(scoringRuns).orderBy(desc(scoringRuns.id)).limit(limit);
}

/** The run whose scores the screens show: the latest that committed. */
export async function findCurrentRun(db: Database): Promise<StoredRun | undefined> {
  const [row] = await db
    .select()
    .from(scoringRuns)
    .where(eq(scoringRuns.status, 'succeeded'))
    .orderBy(desc(scoringRuns.id))
    .limit(1);
  return row;
}
