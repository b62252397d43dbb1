import { and, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Database, Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { callPlans } from '#src/db/schema/campaigns';
import { users } from '#src/db/schema/users';

export type StoredPlan = typeof callPlans.$inferSelect;

/** Plans a team may see: those for every team, and those for this team (inputs.teamId). */
function visibleTo(teamId: number | null): SQL | undefined {
  if (teamId === null) return undefined;
  return or(
    sql`(${callPlans.inputs}->>'teamId') is null`,
    sql`(${callPlans.inputs}->>'teamId')::int = ${teamId}`,
  );
}

export async function findPlans(
  db: Database,
  filter: { day?: string; teamId: number | null; limit: number },
): Promise<StoredPlan[]> {
  return db
    .select()
    .from(callPlans)
    .where(and(filter.day ? eq(callPlans.planDay, filter.day) : undefined, visibleTo(filter.teamId)))
    .orderBy(desc(callPlans.id))
    .limit(filter.limit);
}

export async function findPlan(
  db: Database,
  id: number,
  teamId: number | null,
): Promise<StoredPlan | undefined> {
  const [row] = await db
    .select()
    .from(callPlans)
    .where(and(eq(callPlans.id, id), visibleTo(teamId)));
  return row;
}

export async function insertFailedPlan(
  db: Database,
  plan: { day: string; inputs: unknown; createdBy: number | null; error: string },
): Promise<void> {
  await db.insert(callPlans).values({
    planDay: plan.day,
    status: 'failed',
    inputs: plan.inputs,
    summary: { error: plan.error },
    createdBy: plan.createdBy,
  });
}

export type AgentRow = {
  id: number;
  teamId: number | null;
  displayName: string;
  role: string;
  isDisabled: boolean;
};

/** Active agents, of one team or all. */
export async function findActiveAgents(db: Database, teamId: number | null): Promise<AgentRow[]> {
  return db
    .select({
      id: users.id,
      teamId: users.teamId,
      displayName: users.displayName,
      role: users.role,
      isDisabled: users.isDisabled,
    })
    .from(users)
    .where(
      and(
        eq(users.role, 'agent'),
        eq(users.isDisabled, false),
        teamId === null ? undefined : eq(users.teamId, teamId),
      ),
    )
    .orderBy(users.id);
}

export async function findUsersByIds(db: Database, ids: readonly number[]): Promise<AgentRow[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: users.id,
      teamId: users.teamId,
      displayName: users.displayName,
      role: users.role,
      isDisabled: users.isDisabled,
    })
    .from(users)
    .where(inArray(users.id, [...ids]));
}

export type AgentProgressRow = {
  agent_user_id: number;
  display_name: string;
  team_id: number | null;
  assigned: number;
  open: number;
  claimed: number;
  done: number;
  reached: number;
  accepted: number;
};

/**
 * Per agent, how the plan is going: tasks given to them, still open, held now, done (by whoever
 * held them), reached and accepted (from their contact attempts on the plan's tasks). Agents on
 * the plan's shifts appear even before they have done anything.
 */
export async function findAgentProgress(
  engine: Engine,
  planId: number,
  onShift: readonly number[],
  teamId: number | null,
): Promise<AgentProgressRow[]> {
  return queryRows<AgentProgressRow>(
    engine,
    `with plan_tasks as (
       select subscriber_id, id, status, owner_user_id, claimed_by_user_id
         from call_tasks where plan_id = $1
     ), outcomes as (
       select a.agent_user_id, a.task_id,
              bool_or(a.reached) as reached, bool_or(a.disposition = 'accepted') as accepted
         from contact_attempts a
         join plan_tasks t on t.subscriber_id = a.subscriber_id and t.id = a.task_id
        where a.agent_user_id is not null
        group by 1, 2
     ), per_agent as (
       select owner_user_id as agent, count(*) as assigned, count(*) filter (where status = 'open') as open,
              0 as claimed, 0 as done, 0 as reached, 0 as accepted
         from plan_tasks where owner_user_id is not null group by 1
       union all
       select coalesce(claimed_by_user_id, owner_user_id), 0, 0,
              count(*) filter (where status = 'claimed'), count(*) filter (where status = 'done'), 0, 0
         from plan_tasks
        where status in ('claimed', 'done') and coalesce(claimed_by_user_id, owner_user_id) is not null
        group by 1
       union all
       select agent_user_id, 0, 0, 0, 0, count(*) filter (where reached), count(*) filter (where accepted)
         from outcomes group by 1
       union all
       select unnest($2::int[]), 0, 0, 0, 0, 0, 0
     )
     select u.id as agent_user_id, u.display_name, u.team_id,
            sum(p.assigned)::int as assigned, sum(p.open)::int as open, sum(p.claimed)::int as claimed,
            sum(p.done)::int as done, sum(p.reached)::int as reached, sum(p.accepted)::int as accepted
       from per_agent p join users u on u.id = p.agent
      where ($3::int is null or u.team_id = $3)
      group by u.id, u.display_name, u.team_id
      order by u.id`,
    [planId, onShift, teamId],
  );
}

export type PoolProgressRow = { team_id: number; open: number; claimed: number; done: number; total: number };

/** The teams' shared pools (overflow tasks nobody owns). */
export async function findPoolProgress(
  engine: Engine,
  planId: number,
  teamId: number | null,
): Promise<PoolProgressRow[]> {
  return queryRows<PoolProgressRow>(
    engine,
    `select team_id, count(*)::int as total,
            count(*) filter (where status = 'open')::int as open,
            count(*) filter (where status = 'claimed')::int as claimed,
            count(*) filter (where status = 'done')::int as done
       from call_tasks
      where plan_id = $1 and owner_user_id is null and team_id is not null
        and ($2::int is null or team_id = $2)
      group by team_id order by team_id`,
    [planId, teamId],
  );
}
