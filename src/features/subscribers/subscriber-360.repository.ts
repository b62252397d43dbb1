import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { subscriberAgentTags, subscriberBooks } from '#src/db/schema/books';
import { contracts } from '#src/db/schema/contracts';
import { complaints, serviceContacts } from '#src/db/schema/service';
import { tickets } from '#src/db/schema/tickets';
import { teams, users } from '#src/db/schema/users';
import type { AgentTagsInput } from './agent-tags';

export async function findOwner(db: Database, subscriberId: number) {
  const [row] = await db
    .select({ userId: users.id, displayName: users.displayName, teamName: teams.name })
    .from(subscriberBooks)
    .innerJoin(users, eq(users.id, subscriberBooks.agentUserId))
    .leftJoin(teams, eq(teams.id, subscriberBooks.teamId))
    .where(eq(subscriberBooks.subscriberId, subscriberId));
  return row ?? null;
}

/** The active contract that ends soonest from `today` on: the one a retention call is about. */
export async function findNearestContract(db: Database, subscriberId: number, today: string) {
  const [row] = await db
    .select({ contractNo: contracts.contractNo, kind: contracts.kind, endDate: contracts.endDate })
    .from(contracts)
    .where(
      and(
        eq(contracts.subscriberId, subscriberId),
        eq(contracts.status, 'active'),
        gte(contracts.endDate, today),
      ),
    )
    .orderBy(asc(contracts.endDate))
    .limit(1);
  return row ?? null;
}

export function findRecentContacts(db: Database, subscriberId: number) {
  return db
    .select({
      id: serviceContacts.id,
      occurredAt: serviceContacts.occurredAt,
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
    .limit(50);
}

export async function findAgentTags(db: Database, subscriberId: number) {
  const [row] = await db
    .select({
      personality: subscriberAgentTags.personality,
      mood: subscriberAgentTags.mood,
      purchasePsychology: subscriberAgentTags.purchasePsychology,
      communicationStyle: subscriberAgentTags.communicationStyle,
      consumptionHabit: subscriberAgentTags.consumptionHabit,
      complaintPsychology: subscriberAgentTags.complaintPsychology,
      updatedAt: subscriberAgentTags.updatedAt,
      updatedBy: users.displayName,
    })
    .from(subscriberAgentTags)
    .leftJoin(users, eq(users.id, subscriberAgentTags.updatedByUserId))
    .where(eq(subscriberAgentTags.subscriberId, subscriberId));
  return row ?? null;
}

export async function saveAgentTags(
  db: Database,
  subscriberId: number,
  tags: AgentTagsInput,
  userId: number,
) {
  const values = { ...tags, updatedByUserId: userId, updatedAt: new Date() };
  await db
    .insert(subscriberAgentTags)
    .values({ subscriberId, ...values })
    .onConflictDoUpdate({ target: subscriberAgentTags.subscriberId, set: values });
}

/** The subscriber's vipdesk tickets, newest first, with what their SLA clock needs. */
export function findTicketsOfSubscriber(db: Database, subscriberId: number) {
  return db
    .select({
      id: tickets.id,
      complaintNo: tickets.complaintNo,
      category: tickets.category,
      title: tickets.title,
      status: tickets.status,
      openedAt: tickets.openedAt,
      slaTerms: tickets.slaTerms,
      pauses: tickets.pauses,
      closedAt: tickets.closedAt,
      resolvedAt: tickets.resolvedAt,
    })
    .from(tickets)
    .where(eq(tickets.subscriberId, subscriberId))
    .orderBy(desc(tickets.openedAt), desc(tickets.id))
    .limit(50);
}

/** Complaints imported from the operator's system that no vipdesk ticket carries on. */
export function findComplaintsWithoutTicket(db: Database, subscriberId: number) {
  return db
    .select({
      complaintNo: complaints.complaintNo,
      category: complaints.category,
      status: complaints.status,
      openedAt: complaints.openedAt,
      slaDueAt: complaints.slaDueAt,
      resolvedAt: complaints.resolvedAt,
    })
    .from(complaints)
    .where(
      and(
        eq(complaints.subscriberId, subscriberId),
        sql`not exists (select 1 from tickets t where t.subscriber_id = ${complaints.subscriberId} and t.complaint_no = ${complaints.complaintNo})`,
      ),
    )
    .orderBy(desc(complaints.openedAt))
    .limit(50);
}
