import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';

export type ClaimedTask = { subscriberId: number; id: number; kind: string; priority: number };

/**
 * The agent's next task, claimed in one statement: their own open tasks and their team's unowned
 * ones, highest priority first. FOR UPDATE SKIP LOCKED makes concurrent claimers pass over a row
 * another transaction is taking, so no task is ever held by two agents and nobody waits.
 */
export async function claimNextTask(
  engine: Engine,
  agent: { userId: number; teamId: number | null },
  claimMinutes: number,
): Promise<ClaimedTask | null> {
  const rows = await queryRows<{ subscriber_id: string; id: string; kind: string; priority: number }>(
    engine,
    `with next as (
       select subscriber_id, id from call_tasks
       where status = 'open' and due_at <= now()
         and (owner_user_id = $1 or (owner_user_id is null and team_id = $2))
       order by priority desc, due_at, id
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
