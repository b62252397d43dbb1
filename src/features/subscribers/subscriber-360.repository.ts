import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { subscriberAgentTags, subscriberBooks } from '#src/db/schema/books';
import { contracts } from '#src/db/schema/contracts';
import { complaints, serviceContacts } from '#src/db/schema/service';
import { tickets } from '#src/db/schema/tickets';
import { teams, users } from '#src/db/schema/users';
import type { AgentTagsInput } from './agent-tags';
import { preparedPerDatabase } from './prepared-query';

// The 360 and the call briefing run these lookups on every open: each is built once per database
// (prepared-query.ts) and named, so neither Drizzle nor PostgreSQL builds it again.
const subscriberIdParam = sql.placeholder('subscriberId');

const ownerQuery = preparedPerDatabase((db) =>
  db
    .select({ userId: users.id, displayName: users.displayName, teamName: teams.name })
    .from(subscriberBooks)
    .innerJoin(users, eq(users.id, subscriberBooks.agentUserId))
    .leftJoin(teams, eq(teams.id, subscriberBooks.teamId))
    .where(eq(subscriberBooks.subscriberId, subscriberIdParam))
    .prepare('subscribers_find_owner'),
);

export async function findOwner(db: Database, subscriberId: number) {
  const [row] = await ownerQuery(db).execute({ subscriberId });
  return row ?? null;
}

const nearestContractQuery = preparedPerDatabase((db) =>
  db
    .select({ contractNo: contracts.contractNo, kind: contracts.kind, endDate: contracts.endDate })
    .from(contracts)
    .where(
      and(
        eq(contracts.subscriberId, subscriberIdParam),
        eq(contracts.status, 'active'),
        gte(contracts.endDate, sql.placeholder('today')),
      ),
    )
    .orderBy(asc(contracts.endDate))
    .limit(1)
    .prepare('subscribers_find_nearest_contract'),
);

/** The active contract that ends soonest from `today` on: the one a retention call is about. */
export async function findNearestContract(db: Database, subscriberId: number, today: string) {
  const [row] = await nearestContractQuery(db).execute({ subscriberId, today });
  return row ?? null;
}

const recentContactsQuery = preparedPerDatabase((db) =>
  db
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
    .where(eq(serviceContacts.subscriberId, subscriberIdParam))
    .orderBy(desc(serviceContacts.occurredAt))
    .limit(50)
    .prepare('subscribers_find_recent_contacts'),
);

export function findRecentContacts(db: Database, subscriberId: number) {
  return recentContactsQuery(db).execute({ subscriberId });
}

const agentTagsQuery = preparedPerDatabase((db) =>
  db
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
    .where(eq(subscriberAgentTags.subscriberId, subscriberIdParam))
    .prepare('subscribers_find_agent_tags'),
);

export async function findAgentTags(db: Database, subscriberId: number) {
  const [row] = await agentTagsQuery(db).execute({ subscriberId });
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

const ticketsQuery = preparedPerDatabase((db) =>
  db
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
    .where(eq(tickets.subscriberId, subscriberIdParam))
    .orderBy(desc(tickets.openedAt), desc(tickets.id))
    .limit(50)
    .prepare('subscribers_find_tickets'),
);

/** The subscriber's vipdesk tickets, newest first, with what their SLA clock needs. */
export function findTicketsOfSubscriber(db: Database, subscriberId: number) {
  return ticketsQuery(db).execute({ subscriberId });
}

const complaintsWithoutTicketQuery = preparedPerDatabase((db) =>
  db
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
        eq(complaints.subscriberId, subscriberIdParam),
        sql`not exists (select 1 from tickets t where t.subscriber_id = ${complaints.subscriberId} and t.complaint_no = ${complaints.complaintNo})`,
      ),
    )
    .orderBy(desc(complaints.openedAt))
    .limit(50)
    .prepare('subscribers_find_complaints_without_ticket'),
);

/** Complaints imported from the operator's system that no vipdesk ticket carries on. */
export function findComplaintsWithoutTicket(db: Database, subscriberId: number) {
  return complaintsWithoutTicketQuery(db).execute({ subscriberId });
}
