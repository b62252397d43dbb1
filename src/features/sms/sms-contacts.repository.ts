import { and, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { campaignMembers, campaigns } from '#src/db/schema/campaigns';
import { contactAttempts, smsOutbox } from '#src/db/schema/contacts';
import { subscribers } from '#src/db/schema/subscribers';
import { users } from '#src/db/schema/users';
import type { ContactPermissions, PastContact } from '#src/features/contact-policy/contact-policy';
import type { OutboxKey } from './sms-outbox.repository';

export type SmsRecipient = {
  id: number;
  name: string;
  gender: string | null;
  permissions: ContactPermissions;
};

export async function findRecipients(db: Database, subscriberIds: readonly number[]) {
  const rows = await db
    .select({
      id: subscribers.id,
      name: subscribers.name,
      gender: subscribers.gender,
      marketingConsent: subscribers.marketingConsent,
      doNotCall: subscribers.doNotCall,
      profilingOptOut: subscribers.profilingOptOut,
    })
    .from(subscribers)
    .where(inArray(subscribers.id, [...subscriberIds]));
  return new Map(
    rows.map((row): [number, SmsRecipient] => [
      row.id,
      {
        id: row.id,
        name: row.name,
        gender: row.gender,
        // No consent timestamp is kept: any recorded marketing refusal stands until consent is reset.
        permissions: {
          marketingConsent: row.marketingConsent,
          consentGivenAt: null,
          doNotCall: row.doNotCall,
          profilingOptOut: row.profilingOptOut,
        },
      },
    ]),
  );
}

/** A past contact and, for an SMS, the outbox message it belongs to. */
export type KnownContact = PastContact & { outboxId: number | null };

/**
 * Contact history the policy weighs, per subscriber: attempts within `around` plus every marketing
 * refusal ever. An SMS still queued or submitted counts as reached (planned contacts count, so a
 * burst of messages cannot slip under a cap); a failed one does not.
 */
export async function findContactHistory(
  db: Database,
  subscriberIds: readonly number[],
  around: { from: Date; until: Date },
): Promise<Map<number, KnownContact[]>> {
  const outboxId = sql<string | null>`(${contactAttempts.details}->>'outboxId')::bigint`;
  const rows = await db
    .select({
      subscriberId: contactAttempts.subscriberId,
      outboxId,
      at: contactAttempts.startedAt,
      channel: contactAttempts.channel,
      purpose: contactAttempts.purpose,
      refusedMarketing: contactAttempts.refusedMarketing,
      reached: sql<boolean>`${contactAttempts.reached} or (${contactAttempts.channel} = 'sms'
        and coalesce(${smsOutbox.status} in ('queued', 'submitted'), false))`,
    })
    .from(contactAttempts)
    .leftJoin(
      smsOutbox,
      and(eq(smsOutbox.subscriberId, contactAttempts.subscriberId), eq(smsOutbox.id, outboxId)),
    )
    .where(
      and(
        inArray(contactAttempts.subscriberId, [...subscriberIds]),
        or(
          and(gt(contactAttempts.startedAt, around.from), lt(contactAttempts.startedAt, around.until)),
          eq(contactAttempts.refusedMarketing, true),
        ),
      ),
    );
  const history = new Map<number, KnownContact[]>();
  for (const row of rows) {
    const list = history.get(row.subscriberId) ?? [];
    list.push({
      outboxId: row.outboxId === null ? null : Number(row.outboxId),
      at: row.at,
      channel: row.channel === 'call' ? 'call' : 'sms',
      purpose: row.purpose === 'marketing' ? 'marketing' : 'care',
      reached: Boolean(row.reached),
      refusedMarketing: row.refusedMarketing,
    });
    history.set(row.subscriberId, list);
  }
  return history;
}

/** The contact_attempts row of a queued SMS: disposition sms_sent, reached once delivered. */
export async function insertSmsAttempt(
  db: Database,
  attempt: {
    subscriberId: number;
    outboxId: number;
    templateCode: string;
    purpose: 'marketing' | 'care';
    campaignId: number | null;
    agentUserId: number | null;
    plannedAt: Date;
  },
): Promise<number> {
  const [row] = await db
    .insert(contactAttempts)
    .values({
      subscriberId: attempt.subscriberId,
      campaignId: attempt.campaignId,
      agentUserId: attempt.agentUserId,
      channel: 'sms',
      purpose: attempt.purpose,
      startedAt: attempt.plannedAt,
      reached: false,
      disposition: 'sms_sent',
      details: {
        ...(attempt.purpose === 'care' ? { action: 'care_sms' } : {}),
        outboxId: attempt.outboxId,
        templateCode: attempt.templateCode,
      },
    })
    .returning({ id: contactAttempts.id });
  if (!row) throw new Error('contact_attempts insert returned nothing');
  return row.id;
}

const ofOutbox = (key: OutboxKey) =>
  and(
    eq(contactAttempts.subscriberId, key.subscriberId),
    eq(contactAttempts.channel, 'sms'),
    sql`${contactAttempts.details}->>'outboxId' = ${String(key.id)}`,
  );

export async function markSmsAttemptReached(db: Database, key: OutboxKey, at: Date): Promise<void> {
  await db.update(contactAttempts).set({ reached: true, endedAt: at }).where(ofOutbox(key));
}

/** A message the policy stopped before sending was never a contact. */
export async function deleteSmsAttempt(db: Database, key: OutboxKey): Promise<void> {
  await db.delete(contactAttempts).where(ofOutbox(key));
}

export async function findContactAttempt(db: Database, subscriberId: number, contactId: number) {
  const [row] = await db
    .select({
      id: contactAttempts.id,
      reached: contactAttempts.reached,
      disposition: contactAttempts.disposition,
      agentName: users.displayName,
    })
    .from(contactAttempts)
    .leftJoin(users, eq(users.id, contactAttempts.agentUserId))
    .where(and(eq(contactAttempts.subscriberId, subscriberId), eq(contactAttempts.id, contactId)));
  return row;
}

export async function recordSatisfaction(
  db: Database,
  subscriberId: number,
  contactId: number,
  score: number,
): Promise<void> {
  await db
    .update(contactAttempts)
    .set({ satisfaction: score })
    .where(and(eq(contactAttempts.subscriberId, subscriberId), eq(contactAttempts.id, contactId)));
}

export async function findSubscriberIdByMsisdn(db: Database, msisdn: string): Promise<number | null> {
  const [row] = await db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(eq(subscribers.msisdn, msisdn));
  return row?.id ?? null;
}

/** The campaign's status and the subscriber's arm in it (null arm: not a member). */
export async function findCampaignMembership(db: Database, campaignId: number, subscriberId: number) {
  const [row] = await db
    .select({ status: campaigns.status, arm: campaignMembers.arm })
    .from(campaigns)
    .leftJoin(
      campaignMembers,
      and(eq(campaignMembers.campaignId, campaigns.id), eq(campaignMembers.subscriberId, subscriberId)),
    )
    .where(eq(campaigns.id, campaignId));
  return row;
}
