import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { campaigns } from '#src/db/schema/campaigns';
import { callTasks } from '#src/db/schema/work';

const heldTaskColumns = {
  id: callTasks.id,
  subscriberId: callTasks.subscriberId,
  kind: callTasks.kind,
  action: callTasks.action,
  priority: callTasks.priority,
  reasons: callTasks.reasons,
  ownerUserId: callTasks.ownerUserId,
  teamId: callTasks.teamId,
  dueAt: callTasks.dueAt,
  attempts: callTasks.attempts,
  claimedAt: callTasks.claimedAt,
  claimExpiresAt: callTasks.claimExpiresAt,
  lastAttemptAt: callTasks.lastAttemptAt,
  offerCode: callTasks.offerCode,
  expectedValueFen: callTasks.expectedValueFen,
  campaignId: callTasks.campaignId,
  campaignName: campaigns.name,
  campaignKind: campaigns.kind,
  campaignScriptCode: campaigns.scriptCode,
  campaignOfferCodes: campaigns.offerCodes,
};
export type HeldTask = NonNullable<Awaited<ReturnType<typeof findHeldTask>>>;

function heldBy(userId: number, taskId: number) {
  // status = 'claimed' first: the claims index narrows to the few tasks held right now.
  return and(
    eq(callTasks.status, 'claimed'),
    eq(callTasks.claimedByUserId, userId),
    eq(callTasks.id, taskId),
  );
}

/** The task if this user holds its claim; nothing otherwise (others' tasks look missing). */
export async function findHeldTask(db: Database, userId: number, taskId: number) {
  const [row] = await db
    .select(heldTaskColumns)
    .from(callTasks)
    .leftJoin(campaigns, eq(campaigns.id, callTasks.campaignId))
    .where(heldBy(userId, taskId));
  return row;
}

/** The same, row-locked inside the caller's transaction, so two outcomes cannot both be recorded. */
export async function lockHeldTask(tx: Database, userId: number, taskId: number) {
  const [row] = await tx
    .select(heldTaskColumns)
    .from(callTasks)
    .leftJoin(campaigns, eq(campaigns.id, callTasks.campaignId))
    .where(heldBy(userId, taskId))
    .for('update', { of: callTasks });
  return row;
}

/**
 * The dial: when the call started (read back by the outcome), and a fresh claim for the call's
 * length. Both by the database clock, like claiming and expiry, so "dialled during this claim"
 * compares like with like.
 */
export async function markDialed(db: Database, task: HeldTask, claimMinutes: number): Promise<Date> {
  const [row] = await db
    .update(callTasks)
    .set({
      lastAttemptAt: sql`now()`,
      claimExpiresAt: sql`now() + make_interval(mins => ${claimMinutes})`,
    })
    .where(and(eq(callTasks.subscriberId, task.subscriberId), eq(callTasks.id, task.id)))
    .returning({ at: callTasks.lastAttemptAt });
  if (!row?.at) throw new Error(`task ${task.id} vanished while dialling`);
  return row.at;
}

/** When the call on this claim was dialled, or null if it has not been (an older attempt does not count). */
export function dialledAtOf(task: Pick<HeldTask, 'lastAttemptAt' | 'claimedAt'>): Date | null {
  if (!task.lastAttemptAt || !task.claimedAt) return null;
  return task.lastAttemptAt.getTime() >= task.claimedAt.getTime() ? task.lastAttemptAt : null;
}
