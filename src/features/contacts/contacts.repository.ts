import { and, desc, eq, or } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { contactAttempts } from '#src/db/schema/contacts';
import { serviceContacts } from '#src/db/schema/service';
import { tickets } from '#src/db/schema/tickets';
import { users } from '#src/db/schema/users';
import { callTasks } from '#src/db/schema/work';

export type NewServiceContact = Omit<typeof serviceContacts.$inferInsert, 'id' | 'ticketId'>;

export async function insertServiceContact(tx: Database, values: NewServiceContact): Promise<number> {
  const [row] = await tx.insert(serviceContacts).values(values).returning({ id: serviceContacts.id });
  if (!row) throw new Error('service contact insert returned nothing');
  return row.id;
}

export async function setContactTicket(
  tx: Database,
  subscriberId: number,
  contactId: number,
  ticketId: number,
): Promise<void> {
  await tx
    .update(serviceContacts)
    .set({ ticketId })
    .where(and(eq(serviceContacts.subscriberId, subscriberId), eq(serviceContacts.id, contactId)));
}

/** A subscriber's contacts, newest first, with the agent's name and the ticket each raised. */
export function findContactsBySubscriberId(
  db: Database,
  subscriberId: number,
  options: { contactId?: number; limit: number },
) {
  const conditions = [eq(serviceContacts.subscriberId, subscriberId)];
  if (options.contactId !== undefined) conditions.push(eq(serviceContacts.id, options.contactId));
  return db
    .select({
      id: serviceContacts.id,
      subscriberId: serviceContacts.subscriberId,
      occurredAt: serviceContacts.occurredAt,
      channel: serviceContacts.channel,
      direction: serviceContacts.direction,
      type: serviceContacts.type,
      suggestedType: serviceContacts.suggestedType,
      summary: serviceContacts.summary,
      emotion: serviceContacts.emotion,
      fact: serviceContacts.fact,
      opinion: serviceContacts.opinion,
      claim: serviceContacts.claim,
      complaintPsychology: serviceContacts.complaintPsychology,
      agentUserId: serviceContacts.agentUserId,
      agentName: users.displayName,
      callTaskId: serviceContacts.callTaskId,
      ticketId: serviceContacts.ticketId,
      ticketStatus: tickets.status,
    })
    .from(serviceContacts)
    .leftJoin(users, eq(users.id, serviceContacts.agentUserId))
    .leftJoin(
      tickets,
      and(eq(tickets.subscriberId, serviceContacts.subscriberId), eq(tickets.id, serviceContacts.ticketId)),
    )
    .where(and(...conditions))
    .orderBy(desc(serviceContacts.occurredAt), desc(serviceContacts.id))
    .limit(options.limit);
}
export type StoredContact = Awaited<ReturnType<typeof findContactsBySubscriberId>>[number];

/**
 * Whether the user holds, or worked, this call task of this subscriber: they claimed it (a closed task
 * keeps its holder) or recorded an attempt on it (a not-reached task goes back to the pool).
 */
export async function isCallTaskWorkedBy(
  db: Database,
  subscriberId: number,
  taskId: number,
  userId: number,
): Promise<boolean> {
  const [row] = await db
    .select({ id: callTasks.id })
    .from(callTasks)
    .leftJoin(
      contactAttempts,
      and(
        eq(contactAttempts.subscriberId, callTasks.subscriberId),
        eq(contactAttempts.taskId, callTasks.id),
        eq(contactAttempts.agentUserId, userId),
      ),
    )
    .where(
      and(
        eq(callTasks.subscriberId, subscriberId),
        eq(callTasks.id, taskId),
        or(eq(callTasks.claimedByUserId, userId), eq(contactAttempts.agentUserId, userId)),
      ),
    )
    .limit(1);
  return row !== undefined;
}
