import { asc, count, eq, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { subscriberBooks } from '#src/db/schema/books';
import type { UserRole } from '#src/db/schema/enums';
import { teams, userSessions, users } from '#src/db/schema/users';

const openSessions = sql<number>`(select count(*)::int from ${userSessions} s
  where s.user_id = ${users.id} and s.ended_at is null and s.expires_at > now())`;
const bookSize = sql<number>`(select count(*)::int from ${subscriberBooks} b where b.agent_user_id = ${users.id})`;

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  teamId: users.teamId,
  teamName: teams.name,
  isDisabled: users.isDisabled,
  lockedUntil: users.lockedUntil,
  lastSignInAt: users.lastSignInAt,
  activeSessions: openSessions,
  bookSize,
};

export function listUsers(db: Database) {
  return db
    .select(userColumns)
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .orderBy(asc(users.id));
}

export async function findUser(db: Database, id: number) {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.id, id));
  return row;
}

export async function findUserIdByUsername(db: Database, username: string): Promise<number | undefined> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return row?.id;
}

export async function insertUser(
  db: Database,
  user: {
    username: string;
    displayName: string;
    role: UserRole;
    teamId: number | null;
    passwordHash: string;
  },
): Promise<number> {
  const [row] = await db
    .insert(users)
    .values({ ...user, passwordChangedAt: new Date() })
    .returning({ id: users.id });
  if (!row) throw new Error('user insert returned no row');
  return row.id;
}

export async function setUserDisabled(db: Database, id: number, isDisabled: boolean): Promise<void> {
  await db
    .update(users)
    .set(isDisabled ? { isDisabled } : { isDisabled, failedSignIns: 0, lockedUntil: null })
    .where(eq(users.id, id));
}

export async function listTeams(db: Database) {
  const lead = sql<string | null>`(select u.display_name from ${users} u
    where u.team_id = ${teams.id} and u.role = 'lead' order by u.id limit 1)`;
  return db
    .select({ id: teams.id, name: teams.name, leadName: lead, members: count(users.id) })
    .from(teams)
    .leftJoin(users, eq(users.teamId, teams.id))
    .groupBy(teams.id)
    .orderBy(asc(teams.id));
}

export async function findOrCreateTeam(db: Database, name: string): Promise<number> {
  await db.insert(teams).values({ name }).onConflictDoNothing();
  const [row] = await db.select({ id: teams.id }).from(teams).where(eq(teams.name, name));
  if (!row) throw new Error(`team ${name} vanished`);
  return row.id;
}

export async function teamExists(db: Database, id: number): Promise<boolean> {
  const [row] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, id));
  return Boolean(row);
}
