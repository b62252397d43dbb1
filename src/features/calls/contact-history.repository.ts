import { and, desc, eq, gte, or } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { campaignMembers } from '#src/db/schema/campaigns';
import { contactAttempts } from '#src/db/schema/contacts';
import { serviceContacts } from '#src/db/schema/service';
import { subscribers } from '#src/db/schema/subscribers';
import { users } from '#src/db/schema/users';

/** What the subscriber said about being contacted. */
export async function findContactPermissions(db: Database, subscriberId: number) {
  const [row] = await db
    .select({
      marketingConsent: subscribers.marketingConsent,
      doNotCall: subscribers.doNotCall,
      profilingOptOut: subscribers.profilingOptOut,
    })
    .from(subscribers)
    .where(eq(subscribers.id, subscriberId));
  return row;
}

/**
 * The contacts the policy weighs: everything since `since` (the caps' window), plus every refusal
 * of marketing ever — without a recorded consent date, a refusal stands until consent is renewed.
 */
export function findPolicyHistory(db: Database, subscriberId: number, since: Date) {
  return db
    .select({
      id: contactAttempts.id,
      at: contactAttempts.startedAt,
      channel: contactAttempts.channel,
      purpose: contactAttempts.purpose,
      reached: contactAttempts.reached,
      refusedMarketing: contactAttempts.refusedMarketing,
    })
    .from(contactAttempts)
    .where(
      and(
        eq(contactAttempts.subscriberId, subscriberId),
        or(gte(contactAttempts.startedAt, since), eq(contactAttempts.refusedMarketing, true)),
      ),
    );
}

/** Whether the campaign's randomisation put the subscriber in its holdout (never to be contacted). */
export async function isHoldoutMember(db: Database, subscriberId: number, campaignId: number) {
  const [row] = await db
    .select({ arm: campaignMembers.arm })
    .from(campaignMembers)
    .where(and(eq(campaignMembers.subscriberId, subscriberId), eq(campaignMembers.campaignId, campaignId)));
  return row?.arm === 'holdout';
}

export function findRecentAttempts(db: Database, subscriberId: number, limit: number) {
  return db
    .select({
      at: contactAttempts.startedAt,
      channel: contactAttempts.channel,
      purpose: contactAttempts.purpose,
      disposition: contactAttempts.disposition,
      agentName: users.displayName,
      notes: contactAttempts.notes,
    })
    .from(contactAttempts)
    .leftJoin(users, eq(users.id, contactAttempts.agentUserId))
    .where(eq(contactAttempts.subscriberId, subscriberId))
    .orderBy(desc(contactAttempts.startedAt))
    .limit(limit);
}

export function findRecentServiceContacts(db: Database, subscriberId: number, limit: number) {
  return db
    .select({
      at: serviceContacts.occurredAt,
      channel: serviceContacts.channel,
      direction: serviceContacts.direction,
      type: serviceContacts.type,
      agentName: users.displayName,
      summary: serviceContacts.summary,
    })
    .from(serviceContacts)
    .leftJoin(users, eq(users.id, serviceContacts.agentUserId))
    .where(eq(serviceContacts.subscriberId, subscriberId))
    .orderBy(desc(serviceContacts.occurredAt))
    .limit(limit);
}
