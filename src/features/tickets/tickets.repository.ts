import { and, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { subscribers } from '#src/db/schema/subscribers';
import { serviceGroupMembers, serviceGroups, ticketEvents, tickets } from '#src/db/schema/tickets';
import { users } from '#src/db/schema/users';

export type TicketRow = typeof tickets.$inferSelect;
export type TicketUpdate = Partial<Omit<typeof tickets.$inferInsert, 'id' | 'subscriberId'>>;
export type NewTicketEvent = typeof ticketEvents.$inferInsert;
export type ServiceGroupRow = typeof serviceGroups.$inferSelect;

/** Statuses whose SLA clock is running or paused (not closed). */
export const ACTIVE_TICKET_STATUSES = ['open', 'waiting_customer'] as const;

/** What opening a ticket needs to know about its subscriber: level for the SLA, area for routing. */
export async function findSubscriberForTicket(db: Database, subscriberId: number) {
  const [row] = await db
    .select({
      id: subscribers.id,
      vipLevel: subscribers.vipLevel,
      city: subscribers.city,
      district: subscribers.district,
    })
    .from(subscribers)
    .where(eq(subscribers.id, subscriberId));
  return row;
}

/** The group the routing table names, created on first use (a table may name a new district's grid). */
export async function findOrCreateServiceGroup(db: Database, name: string): Promise<ServiceGroupRow> {
  await db.insert(serviceGroups).values({ name }).onConflictDoNothing({ target: serviceGroups.name });
  const [row] = await db.select().from(serviceGroups).where(eq(serviceGroups.name, name));
  if (!row) throw new Error(`service group ${name} vanished after insert`);
  return row;
}

export async function findServiceGroup(db: Database, groupId: number): Promise<ServiceGroupRow | undefined> {
  const [row] = await db.select().from(serviceGroups).where(eq(serviceGroups.id, groupId));
  return row;
}

// Namespace of the per-group advisory locks taken while assigning by load.
const GROUP_ASSIGNMENT_LOCK_SPACE = 8601;

/**
 * Assignments within one group take turns until commit: two tickets opened at once would otherwise
 * both count the same loads and land on the same person.
 */
export async function lockGroupForAssignment(tx: Database, groupId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${GROUP_ASSIGNMENT_LOCK_SPACE}, ${groupId})`);
}

/** A group's members with their active (open or waiting) tickets across all groups. */
export async function findGroupMembersWithLoad(db: Database, groupId: number) {
  return db
    .select({
      userId: serviceGroupMembers.userId,
      name: users.displayName,
      capacity: serviceGroupMembers.capacity,
      active: sql<boolean>`not ${users.isDisabled}`,
      openTickets: sql<number>`(select count(*)::int from tickets t where t.assignee_user_id = ${serviceGroupMembers.userId} and t.status in ('open', 'waiting_customer'))`,
    })
    .from(serviceGroupMembers)
    .innerJoin(users, eq(users.id, serviceGroupMembers.userId))
    .where(eq(serviceGroupMembers.groupId, groupId))
    .orderBy(serviceGroupMembers.userId);
}

export async function isGroupMember(db: Database, groupId: number, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ userId: serviceGroupMembers.userId })
    .from(serviceGroupMembers)
    .where(and(eq(serviceGroupMembers.groupId, groupId), eq(serviceGroupMembers.userId, userId)));
  return row !== undefined;
}

export async function insertTicket(db: Database, values: typeof tickets.$inferInsert): Promise<TicketRow> {
  const [row] = await db.insert(tickets).values(values).returning();
  if (!row) throw new Error('ticket insert returned nothing');
  return row;
}

export async function insertTicketEvents(db: Database, events: NewTicketEvent[]) {
  if (events.length === 0) return [];
  return db.insert(ticketEvents).values(events).returning();
}

/** One ticket by id, within a scope condition (undefined = any). */
export async function findTicketRow(
  db: Database,
  ticketId: number,
  scope: SQL | undefined,
): Promise<TicketRow | undefined> {
  const [row] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, ticketId), scope));
  return row;
}

/**
 * One ticket locked for a write until commit. A writer that waited for the lock reads the row as the
 * previous writer left it, so its version comparison sees the newer version.
 */
export async function lockTicketRow(
  tx: Database,
  ticketId: number,
  scope: SQL | undefined,
): Promise<TicketRow | undefined> {
  const [row] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, ticketId), scope))
    .for('update', { of: tickets });
  return row;
}

/** The sweep's lock: a ticket another sweep or a person is changing is skipped this round. */
export async function lockActiveTicketSkipLocked(
  tx: Database,
  ticketId: number,
): Promise<TicketRow | undefined> {
  const [row] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, ticketId), inArray(tickets.status, [...ACTIVE_TICKET_STATUSES])))
    .for('update', { of: tickets, skipLocked: true });
  return row;
}

export async function hasTicketEvent(db: Database, ticketId: number, kind: string): Promise<boolean> {
  const [row] = await db
    .select({ id: ticketEvents.id })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.kind, kind)))
    .limit(1);
  return row !== undefined;
}

export async function updateTicketRow(db: Database, row: TicketRow, patch: TicketUpdate): Promise<TicketRow> {
  const [updated] = await db
    .update(tickets)
    .set(patch)
    .where(and(eq(tickets.subscriberId, row.subscriberId), eq(tickets.id, row.id)))
    .returning();
  if (!updated) throw new Error(`ticket ${row.id} vanished under its lock`);
  return updated;
}

export async function countActiveTicketsOf(db: Database, subscriberId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(tickets)
    .where(and(eq(tickets.subscriberId, subscriberId), inArray(tickets.status, [...ACTIVE_TICKET_STATUSES])));
  return row?.n ?? 0;
}

/** Active tickets with what the sweep needs to decide, without a lock (the lock comes per ticket). */
export async function findActiveTicketsForSweep(db: Database) {
  return db
    .select({
      id: tickets.id,
      openedAt: tickets.openedAt,
      slaTerms: tickets.slaTerms,
      pauses: tickets.pauses,
      closedAt: tickets.closedAt,
      dueAt: tickets.dueAt,
      slaState: tickets.slaState,
      escalationLevel: tickets.escalationLevel,
      breachedAt: tickets.breachedAt,
    })
    .from(tickets)
    .where(inArray(tickets.status, [...ACTIVE_TICKET_STATUSES]));
}
