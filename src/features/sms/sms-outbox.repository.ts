import { and, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database, Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { smsOutbox } from '#src/db/schema/contacts';

/** queued → submitted → delivered | failed; refused when the contact policy said no (never sent). */
export const SMS_STATUSES = ['queued', 'submitted', 'delivered', 'failed', 'refused'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

export type OutboxRow = typeof smsOutbox.$inferSelect;
export type NewOutboxRow = typeof smsOutbox.$inferInsert;
export type OutboxKey = { subscriberId: number; id: number };

export async function insertOutboxMessage(db: Database, row: NewOutboxRow): Promise<OutboxRow> {
  const [inserted] = await db.insert(smsOutbox).values(row).returning();
  if (!inserted) throw new Error('sms_outbox insert returned nothing');
  return inserted;
}

export function findOutboxBySubscriber(db: Database, subscriberId: number, limit: number) {
  return db
    .select()
    .from(smsOutbox)
    .where(eq(smsOutbox.subscriberId, subscriberId))
    .orderBy(desc(smsOutbox.queuedAt), desc(smsOutbox.id))
    .limit(limit);
}

export async function findSurveyFor(
  db: Database,
  subscriberId: number,
  contactId: number,
): Promise<OutboxRow | undefined> {
  const [row] = await db
    .select()
    .from(smsOutbox)
    .where(and(eq(smsOutbox.subscriberId, subscriberId), eq(smsOutbox.surveyForContactId, contactId)))
    .limit(1);
  return row;
}

/** The contact the subscriber's latest sent survey asked about (the one a reply answers). */
export async function findLatestSurveyedContact(
  db: Database,
  subscriberId: number,
  sentAfter: Date,
): Promise<number | null> {
  const [row] = await db
    .select({ contactId: smsOutbox.surveyForContactId })
    .from(smsOutbox)
    .where(
      and(
        eq(smsOutbox.subscriberId, subscriberId),
        isNotNull(smsOutbox.surveyForContactId),
        inArray(smsOutbox.status, ['submitted', 'delivered']),
        gt(smsOutbox.submittedAt, sentAfter),
      ),
    )
    .orderBy(desc(smsOutbox.submittedAt), desc(smsOutbox.id))
    .limit(1);
  return row?.contactId ?? null;
}

export type ClaimedSms = {
  subscriberId: number;
  id: number;
  msisdn: string;
  body: string;
  purpose: string;
  campaignId: number | null;
  surveyForContactId: number | null;
  templateCode: string;
  attempts: number;
};

/**
 * Takes the due queued messages for one sending pass. The claim is a lease, not a status: the
 * row stays 'queued' with not_before pushed past the lease, so a sender that dies mid-pass leaves
 * nothing stuck (the message is due again when the lease ends). FOR UPDATE SKIP LOCKED lets
 * several senders claim side by side without taking the same message.
 */
export async function claimDueMessages(
  engine: Engine,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<ClaimedSms[]> {
  const rows = await queryRows<{
    subscriber_id: string;
    id: string;
    msisdn: string;
    body: string;
    purpose: string;
    campaign_id: number | null;
    survey_for_contact_id: string | null;
    template_code: string;
    attempts: number;
  }>(
    engine,
    `with due as (
       select subscriber_id, id from sms_outbox
       where status = 'queued' and not_before <= $1
       order by not_before, id
       limit $2
       for update skip locked
     )
     update sms_outbox o
        set attempts = o.attempts + 1, not_before = $3
       from due, subscribers s
      where o.subscriber_id = due.subscriber_id and o.id = due.id and s.id = o.subscriber_id
     returning o.subscriber_id, o.id, s.msisdn, o.body, o.purpose, o.campaign_id, o.survey_for_contact_id,
               o.template_code,
               o.attempts`,
    [now, limit, new Date(now.getTime() + leaseMs)],
  );
  return rows.map((row) => ({
    subscriberId: Number(row.subscriber_id),
    id: Number(row.id),
    msisdn: row.msisdn,
    body: row.body,
    purpose: row.purpose,
    campaignId: row.campaign_id,
    surveyForContactId: row.survey_for_contact_id === null ? null : Number(row.survey_for_contact_id),
    templateCode: row.template_code,
    attempts: row.attempts,
  }));
}

const byKey = (key: OutboxKey) => and(eq(smsOutbox.subscriberId, key.subscriberId), eq(smsOutbox.id, key.id));

export async function markSubmitted(
  db: Database,
  key: OutboxKey,
  messageId: string,
  at: Date,
): Promise<void> {
  await db
    .update(smsOutbox)
    .set({ status: 'submitted', smscMessageId: messageId, submittedAt: at, error: null })
    .where(byKey(key));
}

export async function markRetry(db: Database, key: OutboxKey, notBefore: Date, error: string): Promise<void> {
  await db.update(smsOutbox).set({ status: 'queued', notBefore, error }).where(byKey(key));
}

export async function markFailed(db: Database, key: OutboxKey, error: string): Promise<void> {
  await db.update(smsOutbox).set({ status: 'failed', error }).where(byKey(key));
}

export async function markRefused(db: Database, key: OutboxKey, refusals: string[]): Promise<void> {
  await db
    .update(smsOutbox)
    .set({ status: 'refused', refusals, attempts: sql`${smsOutbox.attempts} - 1` })
    .where(byKey(key));
}

/** Puts a claimed message back unsent (not counted as an attempt), due again at `notBefore`. */
export async function releaseUnsent(db: Database, key: OutboxKey, notBefore: Date): Promise<void> {
  await db
    .update(smsOutbox)
    .set({ notBefore, attempts: sql`greatest(${smsOutbox.attempts} - 1, 0)` })
    .where(byKey(key));
}

/**
 * Settles the submitted message a receipt names: exact id first, then the id's other forms (hex or
 * decimal) only when nothing matched exactly, so two messages can never be settled by one receipt.
 */
export async function settleSubmitted(
  db: Database,
  idForms: readonly string[],
  settlement: { status: 'delivered' | 'failed'; at: Date; error: string | null },
): Promise<OutboxKey[]> {
  const set =
    settlement.status === 'delivered'
      ? { status: settlement.status, deliveredAt: settlement.at, error: null }
      : { status: settlement.status, error: settlement.error };
  for (const ids of [idForms.slice(0, 1), idForms.slice(1)]) {
    if (ids.length === 0) continue;
    const settled = await db
      .update(smsOutbox)
      .set(set)
      .where(and(inArray(smsOutbox.smscMessageId, [...ids]), eq(smsOutbox.status, 'submitted')))
      .returning({ subscriberId: smsOutbox.subscriberId, id: smsOutbox.id });
    if (settled.length > 0) return settled;
  }
  return [];
}
