import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';

export type ClaimedTask = { subscriberId: number; id: number; kind: string; priority: number };

/** How long a claim holds before an unfinished task returns to the pool (a dial renews it). */
export const CLAIM_MINUTES = 20;

/** Who claims: the agent and their team (a team's unowned tasks are open to all its agents). */
export type Claimer = { userId: number; teamId: number | null };

/**
 * The agent's next task, claimed in one statement: their own open tasks and their team's unowned
 * ones. A due callback comes first (a time promised to a subscriber beats new work), then the
 * highest priority, then the longest due. FOR UPDATE SKIP LOCKED makes concurrent claimers pass over a row
 * another transaction is taking, so no task is ever held by two agents and nobody waits.
 */
export async function claimNextTask(
  engine: Engine,
  agent: Claimer,
  claimMinutes: number,
): Promise<ClaimedTask | null> {
  const rows = await queryRows<{ subscriber_id: string; id: string; kind: string; priority: number }>(
    engine,
    `with next as (
       select subscriber_id, id from call_tasks
       where status = 'open' and due_at <= now()
         and (owner_user_id = $1 or (owner_user_id is null and team_id = $2))
       order by (kind = 'callback') desc, priority desc, due_at, id
       limit 1
       for update skip locked
     )
     update call_tasks t
        set status = 'claimed', claimed_by_user_id = $1, claimed_at = now(),
            claim_expires_at = now() + make_interval(mins => $3)
       from next
      where t.subscriber_id = next.subscriber_id and t.id = next.id
     returning t.subscriber_id, t.id, t.kind, t.priority`,
    [agent.userId, agent.teamId, claimMinutes],
  );
  const row = rows[0];
  return row
    ? { subscriberId: Number(row.subscriber_id), id: Number(row.id), kind: row.kind, priority: row.priority }
    : null;
}

/**
 * Claims one task the agent chose from their queue, with the same guarantee as claimNextTask: an
 * open task they may take (their own, or their team's unowned one), locked with SKIP LOCKED so two
 * agents clicking the same row cannot both get it. Null when it was not claimable right now.
 */
export async function claimTaskById(
  engine: Engine,
  agent: Claimer,
  taskId: number,
  claimMinutes: number,
): Promise<ClaimedTask | null> {
  const rows = await queryRows<{ subscriber_id: string; id: string; kind: string; priority: number }>(
    engine,
    `with target as (
       select subscriber_id, id from call_tasks
       where id = $4 and status = 'open'
         and (owner_user_id = $1 or (owner_user_id is null and team_id = $2))
       for update skip locked
     )
     update call_tasks t
        set status = 'claimed', claimed_by_user_id = $1, claimed_at = now(),
            claim_expires_at = now() + make_interval(mins => $3)
       from target
      where t.subscriber_id = target.subscriber_id and t.id = target.id
     returning t.subscriber_id, t.id, t.kind, t.priority`,
    [agent.userId, agent.teamId, claimMinutes, taskId],
  );
  const row = rows[0];
  return row
    ? { subscriberId: Number(row.subscriber_id), id: Number(row.id), kind: row.kind, priority: row.priority }
    : null;
}

/** The holder gives a claimed task back to the pool; false when they do not hold it. */
export async function releaseClaim(engine: Engine, holderUserId: number, taskId: number): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    engine,
    `update call_tasks
        set status = 'open', claimed_by_user_id = null, claimed_at = null, claim_expires_at = null
      where id = $1 and status = 'claimed' and claimed_by_user_id = $2
     returning id`,
    [taskId, holderUserId],
  );
  return rows.length > 0;
}

/** Claims nobody finished in time go back to the pool; returns how many. */
export async function releaseExpiredClaims(engine: Engine): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    engine,
    `with released as (
       update call_tasks
          set status = 'open', claimed_by_user_id = null, claimed_at = null, claim_expires_at = null
        where status = 'claimed' and claim_expires_at <= now()
       returning 1
     )
     select count(*)::int as n from released`,
  );
  return rows[0]?.n ?? 0;
}
