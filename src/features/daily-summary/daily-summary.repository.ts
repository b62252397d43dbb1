import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';

export type ResultRow = {
  agent_user_id: number;
  display_name: string;
  calls: number;
  reached: number;
  accepted: number;
  saves: number;
  complaints: number;
  spend_fen: number;
  tickets_opened: number;
  sla_breaches: number;
};

/**
 * A team's results over one day, per agent, in one statement: calls from contact attempts; tickets
 * opened and SLA breaches on the subscribers of each agent's book. Every active agent of the team
 * appears (zeros when idle); a disabled one only when they did something.
 * $1 day start, $2 day end, $3 team.
 */
const RESULTS = `
  with agents as (
    select id, display_name, is_disabled from users where role = 'agent' and team_id = $3::int
  ),
  calls as (
    select ca.agent_user_id,
           count(*)::int as calls,
           count(*) filter (where ca.reached)::int as reached,
           count(*) filter (where ca.disposition = 'accepted')::int as accepted,
           count(distinct ca.subscriber_id) filter (where ca.disposition = 'accepted')::int as saves,
           count(*) filter (where ca.disposition = 'complaint')::int as complaints,
           coalesce(sum(ca.offer_cost_fen) filter (where ca.disposition = 'accepted'), 0)::float8 as spend_fen
      from contact_attempts ca
     where ca.channel = 'call' and ca.started_at >= $1::timestamptz and ca.started_at < $2::timestamptz
       and ca.agent_user_id in (select id from agents)
     group by ca.agent_user_id
  ),
  tix as (
    select sb.agent_user_id,
           count(*) filter (where t.opened_at >= $1::timestamptz and t.opened_at < $2::timestamptz)::int as opened,
           count(*) filter (where t.breached_at >= $1::timestamptz and t.breached_at < $2::timestamptz)::int as breached
      from tickets t
      join subscriber_books sb on sb.subscriber_id = t.subscriber_id
     where sb.team_id = $3::int
       and ((t.opened_at >= $1::timestamptz and t.opened_at < $2::timestamptz)
         or (t.breached_at >= $1::timestamptz and t.breached_at < $2::timestamptz))
     group by sb.agent_user_id
  )
  select a.id as agent_user_id, a.display_name,
         coalesce(c.calls, 0) as calls, coalesce(c.reached, 0) as reached,
         coalesce(c.accepted, 0) as accepted, coalesce(c.saves, 0) as saves,
         coalesce(c.complaints, 0) as complaints, coalesce(c.spend_fen, 0) as spend_fen,
         coalesce(x.opened, 0) as tickets_opened, coalesce(x.breached, 0) as sla_breaches
    from agents a
    left join calls c on c.agent_user_id = a.id
    left join tix x on x.agent_user_id = a.id
   where not a.is_disabled or c.agent_user_id is not null or x.agent_user_id is not null
   order by a.display_name, a.id`;

export async function findDayResults(
  engine: Engine,
  range: { from: Date; to: Date },
  teamId: number,
): Promise<ResultRow[]> {
  return queryRows<ResultRow>(engine, RESULTS, [range.from.toISOString(), range.to.toISOString(), teamId]);
}

export type PlanRow = {
  /** Null for the team's unowned pool. */
  agent_user_id: number | null;
  display_name: string | null;
  planned_calls: number;
  callbacks_due: number;
  care_tasks: number;
};

/**
 * A team's work for one day, per owner and for the team pool: calls today's ready plan put in the
 * queue, callbacks promised for today or overdue, and care tasks open tickets gave the phone
 * managers (still waiting or in hand). $1 day, $2 day end, $3 team.
 */
const PLAN = `
  with agents as (
    select id, display_name from users where role = 'agent' and team_id = $3::int and not is_disabled
  ),
  todays_plans as (
    select id from call_plans where plan_day = $1::date and status = 'ready'
  ),
  tasks as (
    select t.owner_user_id,
           count(*) filter (where t.plan_id in (select id from todays_plans)
                              and t.kind not in ('callback', 'care'))::int as planned_calls,
           count(*) filter (where t.kind = 'callback' and t.status in ('open', 'claimed')
                              and t.due_at < $2::timestamptz)::int as callbacks_due,
           count(*) filter (where t.kind = 'care' and t.status in ('open', 'claimed'))::int as care_tasks
      from call_tasks t
     where (t.owner_user_id in (select id from agents) or (t.owner_user_id is null and t.team_id = $3::int))
       and (t.plan_id in (select id from todays_plans) or t.status in ('open', 'claimed'))
     group by t.owner_user_id
  )
  select a.id as agent_user_id, a.display_name,
         coalesce(t.planned_calls, 0) as planned_calls, coalesce(t.callbacks_due, 0) as callbacks_due,
         coalesce(t.care_tasks, 0) as care_tasks
    from agents a left join tasks t on t.owner_user_id = a.id
  union all
  select null, null, planned_calls, callbacks_due, care_tasks from tasks where owner_user_id is null
  order by 2 nulls last, 1`;

export async function findDayPlan(
  engine: Engine,
  day: string,
  dayEnd: Date,
  teamId: number,
): Promise<PlanRow[]> {
  return queryRows<PlanRow>(engine, PLAN, [day, dayEnd.toISOString(), teamId]);
}

export async function findTeams(
  engine: Engine,
  teamId: number | null,
): Promise<{ id: number; name: string }[]> {
  return queryRows(engine, 'select id, name from teams where $1::int is null or id = $1::int order by id', [
    teamId,
  ]);
}
