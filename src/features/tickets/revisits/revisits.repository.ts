import { and, asc, count, desc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { smsOutbox } from '#src/db/schema/contacts';
import { subscribers } from '#src/db/schema/subscribers';
import { satisfactionRevisits, ticketEvents, tickets } from '#src/db/schema/tickets';
import { callTasks } from '#src/db/schema/work';

export type RevisitRow = typeof satisfactionRevisits.$inferSelect;
export type RevisitKey = { subscriberId: number; id: number };

/** pending → answered | unanswered; cancelled when the ticket came back before anyone was asked. */
export const REVISIT_STATUSES = ['pending', 'answered', 'unanswered', 'cancelled'] as const;
export type RevisitStatus = (typeof REVISIT_STATUSES)[number];

const byKey = (key: RevisitKey) =>
  and(eq(satisfactionRevisits.subscriberId, key.subscriberId), eq(satisfactionRevisits.id, key.id));

export async function insertRevisit(
  tx: Database,
  values: typeof satisfactionRevisits.$inferInsert,
): Promise<RevisitRow> {
  const [row] = await tx.insert(satisfactionRevisits).values(values).returning();
  if (!row) throw new Error('satisfaction revisit insert returned nothing');
  return row;
}

export async function updateRevisit(
  tx: Database,
  key: RevisitKey,
  values: Partial<Omit<typeof satisfactionRevisits.$inferInsert, 'id' | 'subscriberId'>>,
): Promise<RevisitRow> {
  const [row] = await tx.update(satisfactionRevisits).set(values).where(byKey(key)).returning();
  if (!row) throw new Error(`satisfaction revisit ${key.id} vanished`);
  return row;
}

/** A revisit by its id alone (the key leads with subscriber_id). */
export async function findRevisit(db: Database, id: number): Promise<RevisitRow | undefined> {
  const [row] = await db.select().from(satisfactionRevisits).where(eq(satisfactionRevisits.id, id));
  return row;
}

/** The revisit locked for its answer, so two answers cannot both be taken. */
export async function lockRevisit(tx: Database, key: RevisitKey): Promise<RevisitRow | undefined> {
  const [row] = await tx.select().from(satisfactionRevisits).where(byKey(key)).for('update');
  return row;
}

/** The ticket's revisits still waiting for an answer, withdrawn (the ticket is being worked again). */
export async function cancelPendingRevisits(tx: Database, subscriberId: number, ticketId: number) {
  return tx
    .update(satisfactionRevisits)
    .set({ status: 'cancelled' })
    .where(
      and(
        eq(satisfactionRevisits.subscriberId, subscriberId),
        eq(satisfactionRevisits.ticketId, ticketId),
        eq(satisfactionRevisits.status, 'pending'),
      ),
    )
    .returning({ id: satisfactionRevisits.id, taskId: satisfactionRevisits.taskId });
}

/**
 * Ends a revisit's call task when the answer is recorded another way (or the revisit is withdrawn):
 * waiting or held tasks only; one already finished keeps its own ending.
 */
export async function endRevisitTask(
  tx: Database,
  subscriberId: number,
  taskId: number,
  ending: { status: 'done' | 'cancelled'; closedReason: string },
): Promise<void> {
  await tx
    .update(callTasks)
    .set({ ...ending, claimExpiresAt: null })
    .where(
      and(
        eq(callTasks.subscriberId, subscriberId),
        eq(callTasks.id, taskId),
        inArray(callTasks.status, ['open', 'claimed']),
      ),
    );
}

export async function setRevisitTask(tx: Database, key: RevisitKey, taskId: number): Promise<void> {
  await tx.update(satisfactionRevisits).set({ taskId }).where(byKey(key));
}

export async function insertRevisitEvent(
  tx: Database,
  event: { subscriberId: number; ticketId: number; at: Date; actorUserId: number | null; details: object },
): Promise<void> {
  await tx.insert(ticketEvents).values({ ...event, kind: 'revisit' });
}

const listColumns = {
  revisit: satisfactionRevisits,
  ticketStatus: tickets.status,
  ticketCategory: tickets.category,
  ticketTitle: tickets.title,
  vipLevel: tickets.vipLevel,
  subscriberName: subscribers.name,
  msisdn: subscribers.msisdn,
};

export type RevisitListRow = Awaited<ReturnType<typeof findRevisitPage>>['rows'][number];

/**
 * Revisits in one status whose ticket passes the scope condition: the oldest pending first (they
 * have waited longest), the newest first otherwise.
 */
export async function findRevisitPage(
  db: Database,
  query: { status: RevisitStatus; page: number; pageSize: number },
  scope: SQL | undefined,
) {
  const where = and(eq(satisfactionRevisits.status, query.status), scope);
  const order =
    query.status === 'pending'
      ? [asc(satisfactionRevisits.createdAt), asc(satisfactionRevisits.id)]
      : [desc(satisfactionRevisits.createdAt), desc(satisfactionRevisits.id)];
  const rows = await db
    .select(listColumns)
    .from(satisfactionRevisits)
    .innerJoin(
      tickets,
      and(
        eq(tickets.subscriberId, satisfactionRevisits.subscriberId),
        eq(tickets.id, satisfactionRevisits.ticketId),
      ),
    )
    .innerJoin(subscribers, eq(subscribers.id, satisfactionRevisits.subscriberId))
    .where(where)
    .orderBy(...order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [total] = await db
    .select({ n: count() })
    .from(satisfactionRevisits)
    .innerJoin(
      tickets,
      and(
        eq(tickets.subscriberId, satisfactionRevisits.subscriberId),
        eq(tickets.id, satisfactionRevisits.ticketId),
      ),
    )
    .where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

/** One revisit with its ticket and subscriber, as the list shows it. */
export async function findRevisitListRow(db: Database, key: RevisitKey): Promise<RevisitListRow | undefined> {
  const [row] = await db
    .select(listColumns)
    .from(satisfactionRevisits)
    .innerJoin(
      tickets,
      and(
        eq(tickets.subscriberId, satisfactionRevisits.subscriberId),
        eq(tickets.id, satisfactionRevisits.ticketId),
      ),
    )
    .innerJoin(subscribers, eq(subscribers.id, satisfactionRevisits.subscriberId))
    .where(byKey(key));
  return row;
}

/**
 * The SMS revisit a reply from the subscriber answers: their latest sent survey (a reply answers the
 * last question asked), if that is a ticket revisit rather than a call survey. Surveys sent before
 * `sentAfter` take no answers.
 */
export async function findRevisitAnsweredBySms(
  db: Database,
  subscriberId: number,
  sentAfter: Date,
): Promise<RevisitRow | undefined> {
  const sent = ['submitted', 'delivered'];
  const [row] = await db
    .select({ revisit: satisfactionRevisits })
    .from(satisfactionRevisits)
    .innerJoin(
      smsOutbox,
      and(
        eq(smsOutbox.subscriberId, satisfactionRevisits.subscriberId),
        eq(smsOutbox.id, satisfactionRevisits.smsId),
      ),
    )
    .where(
      and(
        eq(satisfactionRevisits.subscriberId, subscriberId),
        eq(satisfactionRevisits.channel, 'sms'),
        inArray(smsOutbox.status, sent),
        gt(smsOutbox.submittedAt, sentAfter),
        sql`not exists (
          select 1 from sms_outbox later
           where later.subscriber_id = ${smsOutbox.subscriberId}
             and later.survey_for_contact_id is not null
             and later.status in ('submitted', 'delivered')
             and later.submitted_at > ${smsOutbox.submittedAt})`,
      ),
    )
    .orderBy(desc(smsOutbox.submittedAt), desc(smsOutbox.id))
    .limit(1);
  return row?.revisit;
}
