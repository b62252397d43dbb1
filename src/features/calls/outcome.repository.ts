import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { contactAttempts } from '#src/db/schema/contacts';
import { subscribers } from '#src/db/schema/subscribers';
import { callTasks } from '#src/db/schema/work';
import type { TaskAfterCall } from './call-rules';
import type { HeldTask } from './held-task.repository';

/**
 * Outcomes for one subscriber take turns: the subscriber's row first, then the task. Two agents
 * recording "do not call" on two tasks of the same subscriber would otherwise lock each other's task.
 */
export async function lockSubscriberRow(tx: Database, subscriberId: number) {
  await tx
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(eq(subscribers.id, subscriberId))
    .for('no key update');
}

export async function insertContactAttempt(tx: Database, values: typeof contactAttempts.$inferInsert) {
  const [row] = await tx.insert(contactAttempts).values(values).returning({ id: contactAttempts.id });
  if (!row) throw new Error('contact attempt insert returned nothing');
  return row.id;
}

/** Closes the task, or hands a not-reached one back to the pool for its retry. */
export async function applyTaskAfterCall(tx: Database, task: HeldTask, after: TaskAfterCall, calledAt: Date) {
  const key = and(eq(callTasks.subscriberId, task.subscriberId), eq(callTasks.id, task.id));
  if (after.status === 'open') {
    await tx
      .update(callTasks)
      .set({
        status: 'open',
        attempts: after.attempts,
        dueAt: after.dueAt,
        lastAttemptAt: calledAt,
        claimedByUserId: null,
        claimedAt: null,
        claimExpiresAt: null,
      })
      .where(key);
    return;
  }
  // The holder stays recorded on a closed task: who finished it.
  await tx
    .update(callTasks)
    .set({
      status: 'done',
      attempts: after.attempts,
      lastAttemptAt: calledAt,
      closedReason: after.closedReason,
      claimExpiresAt: null,
    })
    .where(key);
}

/** The callback the subscriber asked for: the same campaign and action, owned by the agent who promised it. */
export async function insertCallbackTask(
  tx: Database,
  task: HeldTask,
  agent: { userId: number; teamId: number | null },
  dueAt: Date,
  reasons: { code: string; params: Record<string, string | number> }[],
) {
  const [row] = await tx
    .insert(callTasks)
    .values({
      subscriberId: task.subscriberId,
      kind: 'callback',
      priority: task.priority,
      reasons,
      ownerUserId: agent.userId,
      teamId: agent.teamId ?? task.teamId,
      dueAt,
      campaignId: task.campaignId,
      action: task.action,
      offerCode: task.offerCode,
      expectedValueFen: task.expectedValueFen,
    })
    .returning({ id: callTasks.id });
  if (!row) throw new Error('callback task insert returned nothing');
  return row.id;
}

export async function markDoNotCall(tx: Database, subscriberId: number) {
  await tx
    .update(subscribers)
    .set({ doNotCall: true, updatedAt: sql`now()` })
    .where(eq(subscribers.id, subscriberId));
}

/**
 * Every other task still waiting for the subscriber ends: open ones, and ones another agent holds
 * right now (their outcome will find the task closed). Returns how many.
 */
export async function cancelWaitingTasks(tx: Database, subscriberId: number, exceptTaskId: number) {
  const rows = await tx
    .update(callTasks)
    .set({ status: 'cancelled', closedReason: 'do_not_call', claimExpiresAt: null })
    .where(
      and(
        eq(callTasks.subscriberId, subscriberId),
        inArray(callTasks.status, ['open', 'claimed']),
        ne(callTasks.id, exceptTaskId),
      ),
    )
    .returning({ id: callTasks.id });
  return rows.length;
}

/**
 * Whether this agent already finished the task: they closed it, or recorded an attempt on it (a
 * not-reached task goes back to the pool without a holder). Then a second outcome is a conflict,
 * not a missing task.
 */
export async function agentFinishedTask(db: Database, userId: number, taskId: number): Promise<boolean> {
  const [closed] = await db
    .select({ id: callTasks.id })
    .from(callTasks)
    .where(
      and(
        eq(callTasks.id, taskId),
        eq(callTasks.claimedByUserId, userId),
        inArray(callTasks.status, ['done', 'cancelled']),
      ),
    )
    .limit(1);
  if (closed) return true;
  const [attempt] = await db
    .select({ id: contactAttempts.id })
    .from(contactAttempts)
    .where(and(eq(contactAttempts.agentUserId, userId), eq(contactAttempts.taskId, taskId)))
    .limit(1);
  return attempt !== undefined;
}
