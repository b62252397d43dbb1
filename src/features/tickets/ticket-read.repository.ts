import { and, asc, count, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { serviceContacts } from '#src/db/schema/service';
import { subscribers } from '#src/db/schema/subscribers';
import { satisfactionRevisits, ticketEvents, tickets } from '#src/db/schema/tickets';
import { users } from '#src/db/schema/users';
import { ACTIVE_TICKET_STATUSES } from './tickets.repository';

export type TicketListFilter = {
  scope: SQL | undefined;
  status?: 'open' | 'waiting_customer' | 'closed' | 'active' | undefined;
  category?: string | undefined;
  groupId?: number | undefined;
  assigneeUserId?: number | undefined;
  slaState?: string | undefined;
  subscriberId?: number | undefined;
};

const ticketWithPeople = {
  ticket: tickets,
  subscriberName: subscribers.name,
  msisdn: subscribers.msisdn,
  assigneeName: users.displayName,
};

function filterConditions(filter: TicketListFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [filter.scope];
  if (filter.status === 'active') conditions.push(inArray(tickets.status, [...ACTIVE_TICKET_STATUSES]));
  else if (filter.status) conditions.push(eq(tickets.status, filter.status));
  // A top-level code takes its children along (`broadband_fault` finds `broadband_fault.outage`).
  if (filter.category) {
    conditions.push(
      or(
        eq(tickets.category, filter.category),
        sql`starts_with(${tickets.category}, ${`${filter.category}.`})`,
      ),
    );
  }
  if (filter.groupId !== undefined) conditions.push(eq(tickets.groupId, filter.groupId));
  if (filter.assigneeUserId !== undefined) conditions.push(eq(tickets.assigneeUserId, filter.assigneeUserId));
  if (filter.slaState) conditions.push(eq(tickets.slaState, filter.slaState));
  if (filter.subscriberId !== undefined) conditions.push(eq(tickets.subscriberId, filter.subscriberId));
  return and(...conditions);
}

/** Active work is read by urgency (due soonest first); everything else newest first. */
export async function findTicketPage(db: Database, filter: TicketListFilter, page: number, pageSize: number) {
  const where = filterConditions(filter);
  const order =
    filter.status === 'active' || filter.status === 'open' || filter.status === 'waiting_customer'
      ? [asc(tickets.dueAt), asc(tickets.id)]
      : [desc(tickets.openedAt), desc(tickets.id)];
  const [rows, [total]] = await Promise.all([
    db
      .select(ticketWithPeople)
      .from(tickets)
      .innerJoin(subscribers, eq(subscribers.id, tickets.subscriberId))
      .leftJoin(users, eq(users.id, tickets.assigneeUserId))
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(tickets).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export type TicketWithPeople = Awaited<ReturnType<typeof findTicketPage>>['rows'][number];

export async function findTicketWithPeople(db: Database, ticketId: number, scope: SQL | undefined) {
  const [row] = await db
    .select(ticketWithPeople)
    .from(tickets)
    .innerJoin(subscribers, eq(subscribers.id, tickets.subscriberId))
    .leftJoin(users, eq(users.id, tickets.assigneeUserId))
    .where(and(eq(tickets.id, ticketId), scope));
  return row;
}

export async function findTicketContact(db: Database, subscriberId: number, contactId: number) {
  const [row] = await db
    .select({
      channel: serviceContacts.channel,
      direction: serviceContacts.direction,
      type: serviceContacts.type,
      emotion: serviceContacts.emotion,
      fact: serviceContacts.fact,
      opinion: serviceContacts.opinion,
      claim: serviceContacts.claim,
      complaintPsychology: serviceContacts.complaintPsychology,
    })
    .from(serviceContacts)
    .where(and(eq(serviceContacts.subscriberId, subscriberId), eq(serviceContacts.id, contactId)));
  return row;
}

export async function findTicketEvents(db: Database, subscriberId: number, ticketId: number) {
  return db
    .select({
      id: ticketEvents.id,
      at: ticketEvents.at,
      kind: ticketEvents.kind,
      actorUserId: ticketEvents.actorUserId,
      actorName: users.displayName,
      details: ticketEvents.details,
    })
    .from(ticketEvents)
    .leftJoin(users, eq(users.id, ticketEvents.actorUserId))
    .where(and(eq(ticketEvents.subscriberId, subscriberId), eq(ticketEvents.ticketId, ticketId)))
    .orderBy(asc(ticketEvents.at), asc(ticketEvents.id));
}

export async function findTicketRevisits(db: Database, subscriberId: number, ticketId: number) {
  return db
    .select({
      id: satisfactionRevisits.id,
      channel: satisfactionRevisits.channel,
      status: satisfactionRevisits.status,
      score: satisfactionRevisits.score,
      comment: satisfactionRevisits.comment,
      createdAt: satisfactionRevisits.createdAt,
      answeredAt: satisfactionRevisits.answeredAt,
    })
    .from(satisfactionRevisits)
    .where(
      and(eq(satisfactionRevisits.subscriberId, subscriberId), eq(satisfactionRevisits.ticketId, ticketId)),
    )
    .orderBy(asc(satisfactionRevisits.createdAt), asc(satisfactionRevisits.id));
}
