import { inArray } from 'drizzle-orm';
import type { Database, DbHandle } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { serviceGroupMembers, serviceGroups } from '#src/db/schema/tickets';
import { users } from '#src/db/schema/users';

/**
 * The demo's service groups (issue 6): one per desk of the default routing table and a grid-engineer
 * group per district, worked by the demo's service staff (demo-staff.ts). Safe to run again.
 */

const BATCH = 500;
const GRID_GROUP_PREFIX = '网格工程师（';

/** Who works each desk of the default routing table; grid groups get the grid engineer. */
const DESK_MEMBERS: Record<string, readonly string[]> = {
  在线客服: ['service1'],
  终端专员: ['terminal1'],
  计费核查组: ['billing1'],
  综合客服组: ['service1', 'billing1'],
};
const GRID_MEMBERS = ['engineer1'];
// One engineer covers every demo district: a generous capacity keeps new tickets assigned.
const DEMO_CAPACITY = 200;

async function userIds(db: Database, usernames: readonly string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.username, [...usernames]));
  return new Map(rows.map((r) => [r.username, r.id]));
}

/**
 * A group for each desk of the default routing table, and a grid-engineer group for every district
 * the demo's subscribers live in, led by lead1 with admin as the manager escalations reach.
 */
export async function createDemoServiceGroups(
  handle: DbHandle,
): Promise<{ created: number; ids: Map<string, number> }> {
  const { db } = handle;
  const people = await userIds(db, [
    'admin',
    'lead1',
    ...GRID_MEMBERS,
    ...Object.values(DESK_MEMBERS).flat(),
  ]);
  const districts = await queryRows<{ district: string }>(
    handle.engine,
    'select distinct district from subscribers where district is not null order by district',
  );
  const gridGroups = districts.map((d) => `${GRID_GROUP_PREFIX}${d.district}）`);
  const names = [...Object.keys(DESK_MEMBERS), ...gridGroups];
  let created = 0;
  for (let i = 0; i < names.length; i += BATCH) {
    const inserted = await db
      .insert(serviceGroups)
      .values(
        names.slice(i, i + BATCH).map((name) => ({
          name,
          leadUserId: people.get('lead1') ?? null,
          managerUserId: people.get('admin') ?? null,
        })),
      )
      .onConflictDoNothing({ target: serviceGroups.name })
      .returning({ id: serviceGroups.id });
    created += inserted.length;
  }
  const groups = await db.select({ id: serviceGroups.id, name: serviceGroups.name }).from(serviceGroups);
  const ids = new Map(groups.map((g) => [g.name, g.id]));
  const members: { groupId: number; userId: number; capacity: number }[] = [];
  for (const name of names) {
    const groupId = ids.get(name);
    const usernames = name.startsWith(GRID_GROUP_PREFIX) ? GRID_MEMBERS : (DESK_MEMBERS[name] ?? []);
    for (const username of usernames) {
      const userId = people.get(username);
      if (groupId !== undefined && userId !== undefined)
        members.push({ groupId, userId, capacity: DEMO_CAPACITY });
    }
  }
  for (let i = 0; i < members.length; i += BATCH) {
    await db
      .insert(serviceGroupMembers)
      .values(members.slice(i, i + BATCH))
      .onConflictDoNothing();
  }
  return { created, ids };
}

/** Each group's first member by id: who the demo's closed tickets were worked by. */
export async function firstMemberOfGroups(db: Database): Promise<Map<number, number>> {
  const rows = await db
    .select({ groupId: serviceGroupMembers.groupId, userId: serviceGroupMembers.userId })
    .from(serviceGroupMembers)
    .orderBy(serviceGroupMembers.groupId, serviceGroupMembers.userId);
  const first = new Map<number, number>();
  for (const row of rows) if (!first.has(row.groupId)) first.set(row.groupId, row.userId);
  return first;
}
