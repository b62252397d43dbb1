import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '#src/db/client';
import { serviceGroupMembers, serviceGroups } from '#src/db/schema/tickets';
import { users } from '#src/db/schema/users';

const leads = alias(users, 'lead_user');
const managers = alias(users, 'manager_user');

/** Groups with their lead's and manager's names; one group when `groupId` is given. */
export async function findServiceGroupsWithPeople(db: Database, groupId?: number) {
  return db
    .select({
      id: serviceGroups.id,
      name: serviceGroups.name,
      leadUserId: serviceGroups.leadUserId,
      leadName: leads.displayName,
      managerUserId: serviceGroups.managerUserId,
      managerName: managers.displayName,
    })
    .from(serviceGroups)
    .leftJoin(leads, eq(leads.id, serviceGroups.leadUserId))
    .leftJoin(managers, eq(managers.id, serviceGroups.managerUserId))
    .where(groupId === undefined ? undefined : eq(serviceGroups.id, groupId))
    .orderBy(asc(serviceGroups.name));
}

/** Members of the given groups with their load (active tickets assigned to them, any group). */
export async function findMembersOfGroups(db: Database, groupIds: number[]) {
  if (groupIds.length === 0) return [];
  return db
    .select({
      groupId: serviceGroupMembers.groupId,
      userId: serviceGroupMembers.userId,
      name: users.displayName,
      capacity: serviceGroupMembers.capacity,
      openTickets: sql<number>`(select count(*)::int from tickets t where t.assignee_user_id = ${serviceGroupMembers.userId} and t.status in ('open', 'waiting_customer'))`,
    })
    .from(serviceGroupMembers)
    .innerJoin(users, eq(users.id, serviceGroupMembers.userId))
    .where(inArray(serviceGroupMembers.groupId, groupIds))
    .orderBy(asc(serviceGroupMembers.groupId), asc(users.displayName), asc(serviceGroupMembers.userId));
}

export async function insertServiceGroup(db: Database, name: string) {
  const [row] = await db
    .insert(serviceGroups)
    .values({ name })
    .onConflictDoNothing({ target: serviceGroups.name })
    .returning({ id: serviceGroups.id });
  return row;
}

export async function lockServiceGroup(tx: Database, groupId: number) {
  const [row] = await tx
    .select({ id: serviceGroups.id })
    .from(serviceGroups)
    .where(eq(serviceGroups.id, groupId))
    .for('update');
  return row;
}

/** Which of these user ids exist and may work tickets (not disabled). */
export async function findActiveUserIds(db: Database, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, userIds), eq(users.isDisabled, false)));
  return new Set(rows.map((r) => r.id));
}

export async function replaceServiceGroup(
  tx: Database,
  groupId: number,
  people: {
    leadUserId: number | null;
    managerUserId: number | null;
    members: { userId: number; capacity: number }[];
  },
) {
  await tx
    .update(serviceGroups)
    .set({ leadUserId: people.leadUserId, managerUserId: people.managerUserId })
    .where(eq(serviceGroups.id, groupId));
  await tx.delete(serviceGroupMembers).where(eq(serviceGroupMembers.groupId, groupId));
  if (people.members.length > 0) {
    await tx.insert(serviceGroupMembers).values(people.members.map((m) => ({ groupId, ...m })));
  }
}
