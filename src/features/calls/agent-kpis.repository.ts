import { and, asc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { contactAttempts } from '#src/db/schema/contacts';
import { teams, users } from '#src/db/schema/users';

/**
 * Call figures per agent over [from, to), in one grouped query: every agent (of the team, when
 * given) appears, with zeros when they made no calls; a disabled agent only if they did.
 */
export function findAgentCallFigures(db: Database, range: { from: Date; to: Date }, teamId: number | null) {
  const inRange = and(
    eq(contactAttempts.agentUserId, users.id),
    eq(contactAttempts.channel, 'call'),
    gte(contactAttempts.startedAt, range.from),
    lt(contactAttempts.startedAt, range.to),
  );
  const agents: SQL | undefined =
    teamId === null ? eq(users.role, 'agent') : and(eq(users.role, 'agent'), eq(users.teamId, teamId));
  const calls = sql<number>`count(${contactAttempts.id})::int`;
  return db
    .select({
      agentUserId: users.id,
      displayName: users.displayName,
      teamName: teams.name,
      calls,
      reached: sql<number>`count(${contactAttempts.id}) filter (where ${contactAttempts.reached})::int`,
      accepted: sql<number>`count(${contactAttempts.id}) filter (where ${contactAttempts.disposition} = 'accepted')::int`,
      callbacks: sql<number>`count(${contactAttempts.id}) filter (where ${contactAttempts.disposition} = 'call_back')::int`,
      complaints: sql<number>`count(${contactAttempts.id}) filter (where ${contactAttempts.disposition} = 'complaint')::int`,
      handled: sql<number>`count(${contactAttempts.handleSeconds})::int`,
      handleSeconds: sql<number>`coalesce(sum(${contactAttempts.handleSeconds}), 0)::float8`,
    })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .leftJoin(contactAttempts, inRange)
    .where(agents)
    .groupBy(users.id, users.displayName, teams.name)
    .having(sql`not ${users.isDisabled} or ${calls} > 0`)
    .orderBy(asc(users.displayName), asc(users.id));
}
