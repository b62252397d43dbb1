import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { subscriberBooks } from '#src/db/schema/books';
import { scoringRuns, subscriberScores } from '#src/db/schema/scoring';
import { subscribers } from '#src/db/schema/subscribers';
import { tickets } from '#src/db/schema/tickets';
import { callTasks } from '#src/db/schema/work';
import type { StoredSignal } from './open-complaint-signal';

/** Tickets still being worked: open, or waiting on the customer (the clock paused, not resolved). */
export const ACTIVE_STATUSES = ['open', 'waiting_customer'] as const;

/** The subscriber's row in the current (latest succeeded) scoring run, locked until commit. */
export async function lockCurrentScoreSignals(tx: Database, subscriberId: number) {
  const [run] = await tx
    .select({ id: scoringRuns.id })
    .from(scoringRuns)
    .where(eq(scoringRuns.status, 'succeeded'))
    .orderBy(desc(scoringRuns.id))
    .limit(1);
  if (!run) return undefined;
  const [row] = await tx
    .select({ signalCodes: subscriberScores.signalCodes, signals: subscriberScores.signals })
    .from(subscriberScores)
    .where(and(eq(subscriberScores.runId, run.id), eq(subscriberScores.subscriberId, subscriberId)))
    .for('update');
  return row ? { runId: run.id, ...row } : undefined;
}

export async function updateScoreSignals(
  tx: Database,
  key: { runId: number; subscriberId: number },
  values: { signalCodes: string[]; signals: StoredSignal[] },
): Promise<void> {
  await tx
    .update(subscriberScores)
    .set(values)
    .where(and(eq(subscriberScores.runId, key.runId), eq(subscriberScores.subscriberId, key.subscriberId)));
}

/**
 * The figures OPEN_COMPLAINT shows, counted like the scoring features count them: our tickets
 * (those not mirroring an imported complaint) and the imported complaints, opened in the last 90
 * days; and those still open past their deadline.
 */
export async function countComplaintFacts(
  db: Database,
  subscriberId: number,
  now: Date,
): Promise<{ complaints90: number; overdue: number }> {
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const [row] = await db
    .select({
      complaints90: sql<number>`(
        (select count(*) from tickets t
          where t.subscriber_id = ${subscriberId} and t.complaint_no is null and t.opened_at >= ${since})
        + (select count(*) from complaints c where c.subscriber_id = ${subscriberId} and c.opened_at >= ${since})
      )::int`,
      overdue: sql<number>`(
        (select count(*) from tickets t
          where t.subscriber_id = ${subscriberId} and t.status in ('open', 'waiting_customer')
            and t.breached_at is not null)
        + (select count(*) from complaints c
            where c.subscriber_id = ${subscriberId} and c.resolved_at is null and c.sla_due_at < ${now})
      )::int`,
    })
    .from(subscribers)
    .where(eq(subscribers.id, subscriberId));
  return { complaints90: Number(row?.complaints90 ?? 0), overdue: Number(row?.overdue ?? 0) };
}

/** The phone manager whose book holds the subscriber, with their team; undefined when nobody's. */
export async function findBookOwner(db: Database, subscriberId: number) {
  const [row] = await db
    .select({ userId: subscriberBooks.agentUserId, teamId: subscriberBooks.teamId })
    .from(subscriberBooks)
    .where(eq(subscriberBooks.subscriberId, subscriberId));
  return row;
}

/** Tasks of one kind about one ticket: their reasons name it (the task has no ticket column). */
function aboutTicket(kind: string, reasonCode: string, ticketId: number) {
  const reason = JSON.stringify([{ code: reasonCode, params: { ticketId } }]);
  return and(eq(callTasks.kind, kind), sql`${callTasks.reasons}::jsonb @> ${reason}::jsonb`);
}

/** The ticket's care task still waiting or in someone's hands, locked; undefined when none. */
export async function lockOpenCareTask(tx: Database, subscriberId: number, ticketId: number) {
  const [row] = await tx
    .select({ id: callTasks.id, priority: callTasks.priority, reasons: callTasks.reasons })
    .from(callTasks)
    .where(
      and(
        eq(callTasks.subscriberId, subscriberId),
        inArray(callTasks.status, ['open', 'claimed']),
        aboutTicket('care', 'open_ticket', ticketId),
      ),
    )
    .orderBy(asc(callTasks.id))
    .limit(1)
    .for('update');
  return row;
}

export async function insertCallTask(tx: Database, values: typeof callTasks.$inferInsert): Promise<number> {
  const [row] = await tx.insert(callTasks).values(values).returning({ id: callTasks.id });
  if (!row) throw new Error('call task insert returned nothing');
  return row.id;
}

export async function updateCareTask(
  tx: Database,
  key: { subscriberId: number; id: number },
  values: { priority: number; reasons: unknown },
): Promise<void> {
  await tx
    .update(callTasks)
    .set(values)
    .where(and(eq(callTasks.subscriberId, key.subscriberId), eq(callTasks.id, key.id)));
}

/**
 * Ends the ticket's care tasks nobody has started. One an agent holds right now is left to finish:
 * the call is under way and its outcome records itself.
 */
export async function cancelWaitingCareTasks(tx: Database, subscriberId: number, ticketId: number) {
  const rows = await tx
    .update(callTasks)
    .set({ status: 'cancelled', closedReason: 'ticket_closed' })
    .where(
      and(
        eq(callTasks.subscriberId, subscriberId),
        eq(callTasks.status, 'open'),
        aboutTicket('care', 'open_ticket', ticketId),
      ),
    )
    .returning({ id: callTasks.id });
  return rows.length;
}

/** The subscriber's oldest ticket still being worked, if any: what suppresses sales offers. */
export async function findOldestActiveTicket(db: Database, subscriberId: number) {
  const [row] = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.subscriberId, subscriberId), inArray(tickets.status, [...ACTIVE_STATUSES])))
    .orderBy(asc(tickets.openedAt), asc(tickets.id))
    .limit(1);
  return row;
}
