import { and, asc, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '#src/db/client';
import { teamTargets } from '#src/db/schema/analytics';
import { teams, users } from '#src/db/schema/users';
import type { TargetLevel, TargetMetric, TargetScope } from './target-breakdown';
import type { TeamScope } from './target-scope';

export type TargetRow = typeof teamTargets.$inferSelect;

const agents = alias(users, 'agent');

/** Targets a scope may see: the team's own and those of its current agents. */
function visibleTo(scope: TeamScope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'none':
      return sql`false`;
    case 'team':
      return or(
        and(eq(teamTargets.scope, 'team'), eq(teamTargets.teamId, scope.teamId)),
        and(eq(teamTargets.scope, 'agent'), eq(agents.teamId, scope.teamId)),
      );
  }
}

export type TargetWithNames = TargetRow & { teamName: string | null; agentName: string | null };

/** A year's targets with team and agent names; an agent target shows the agent's current team. */
export async function findTargets(db: Database, year: number, scope: TeamScope): Promise<TargetWithNames[]> {
  const rows = await db
    .select({
      target: teamTargets,
      agentTeamId: agents.teamId,
      agentName: agents.displayName,
      teamName: teams.name,
    })
    .from(teamTargets)
    .leftJoin(agents, eq(agents.id, teamTargets.agentUserId))
    .leftJoin(teams, sql`${teams.id} = coalesce(${agents.teamId}, ${teamTargets.teamId})`)
    .where(and(eq(teamTargets.year, year), visibleTo(scope)))
    .orderBy(
      asc(teams.name),
      asc(teamTargets.scope),
      asc(agents.displayName),
      asc(teamTargets.metric),
      asc(teamTargets.level),
    );
  return rows.map((r) => ({
    ...r.target,
    teamId: r.target.scope === 'agent' ? r.agentTeamId : r.target.teamId,
    teamName: r.teamName,
    agentName: r.agentName,
  }));
}

export type TargetKey = {
  scope: TargetScope;
  teamId: number | null;
  agentUserId: number | null;
  year: number;
  metric: TargetMetric;
  level: TargetLevel;
};

/**
 * Serialises writers of one target key for the rest of the transaction: the unique index cannot,
 * since NULL team or agent ids never collide in it.
 */
export async function lockTargetKey(tx: Database, key: TargetKey): Promise<void> {
  const text = `${key.scope}:${key.teamId ?? ''}:${key.agentUserId ?? ''}:${key.year}:${key.metric}:${key.level}`;
  await tx.execute(sql`select pg_advisory_xact_lock(8402, hashtext(${text}))`);
}

/** The stored target of a key, row-locked; an agent's target is found whatever team it was set in. */
export async function lockTarget(tx: Database, key: TargetKey): Promise<TargetRow | undefined> {
  const owner =
    key.scope === 'team'
      ? and(eq(teamTargets.teamId, key.teamId ?? -1), isNull(teamTargets.agentUserId))
      : eq(teamTargets.agentUserId, key.agentUserId ?? -1);
  const [row] = await tx
    .select()
    .from(teamTargets)
    .where(
      and(
        eq(teamTargets.scope, key.scope),
        owner,
        eq(teamTargets.year, key.year),
        eq(teamTargets.metric, key.metric),
        eq(teamTargets.level, key.level),
      ),
    )
    .for('update');
  return row;
}

export async function insertTarget(
  tx: Database,
  values: typeof teamTargets.$inferInsert,
): Promise<TargetRow> {
  const [row] = await tx.insert(teamTargets).values(values).returning();
  if (!row) throw new Error('target insert returned nothing');
  return row;
}

export async function updateTarget(
  tx: Database,
  id: number,
  values: Partial<typeof teamTargets.$inferInsert>,
): Promise<TargetRow> {
  const [row] = await tx.update(teamTargets).set(values).where(eq(teamTargets.id, id)).returning();
  if (!row) throw new Error('target update returned nothing');
  return row;
}

export async function findTeam(db: Database, id: number) {
  const [row] = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, id));
  return row;
}

export async function findUserBrief(db: Database, id: number) {
  const [row] = await db
    .select({ id: users.id, role: users.role, teamId: users.teamId, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, id));
  return row;
}
