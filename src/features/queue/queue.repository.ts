import { and, asc, desc, eq, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { campaigns } from '#src/db/schema/campaigns';
import { subscribers } from '#src/db/schema/subscribers';
import { callTasks } from '#src/db/schema/work';
import { preparedPerDatabase } from '#src/features/subscribers/prepared-query';
import type { Claimer } from './task-claims';

const queueColumns = {
  id: callTasks.id,
  subscriberId: callTasks.subscriberId,
  kind: callTasks.kind,
  action: callTasks.action,
  status: callTasks.status,
  ownerUserId: callTasks.ownerUserId,
  claimedByUserId: callTasks.claimedByUserId,
  reasons: callTasks.reasons,
  dueAt: callTasks.dueAt,
  attempts: callTasks.attempts,
  priority: callTasks.priority,
  offerCode: callTasks.offerCode,
  claimExpiresAt: callTasks.claimExpiresAt,
  campaignId: campaigns.id,
  campaignName: campaigns.name,
  campaignKind: campaigns.kind,
  name: subscribers.name,
  msisdn: subscribers.msisdn,
};
export type QueueRow = Awaited<ReturnType<typeof findQueueRows>>[number];

/** Open tasks the agent may take: their own, or their team's that nobody owns. */
export function mayTake(agent: Claimer): SQL {
  const own = eq(callTasks.ownerUserId, agent.userId);
  if (agent.teamId === null) return own;
  return or(own, and(isNull(callTasks.ownerUserId), eq(callTasks.teamId, agent.teamId))) ?? own;
}

/**
 * The agent's queue: what they hold, then open tasks they may take that are due by `dueBy` (the end
 * of the business day). Held first, then due callbacks (promised times), then priority and due time.
 */
export function findQueueRows(db: Database, agent: Claimer, dueBy: Date, now: Date, limit: number) {
  const held = and(eq(callTasks.status, 'claimed'), eq(callTasks.claimedByUserId, agent.userId));
  const takeable = and(eq(callTasks.status, 'open'), lte(callTasks.dueAt, dueBy), mayTake(agent));
  return db
    .select(queueColumns)
    .from(callTasks)
    .innerJoin(subscribers, eq(subscribers.id, callTasks.subscriberId))
    .leftJoin(campaigns, eq(campaigns.id, callTasks.campaignId))
    .where(or(held, takeable))
    .orderBy(
      sql`(${callTasks.status} = 'claimed') desc`,
      sql`(${callTasks.kind} = 'callback' and ${callTasks.dueAt} <= ${now}) desc`,
      desc(callTasks.priority),
      asc(callTasks.dueAt),
      asc(callTasks.id),
    )
    .limit(limit);
}

/**
 * One task as a queue row, built once per database (every claim reads one: see
 * src/features/subscribers/prepared-query.ts). An agent without a team has a shape of their own.
 */
function queueRowQuery(withTeam: boolean) {
  const userId = sql.placeholder('userId');
  const own = eq(callTasks.ownerUserId, userId);
  const mayTakeIt = withTeam
    ? or(own, and(isNull(callTasks.ownerUserId), eq(callTasks.teamId, sql.placeholder('teamId'))))
    : own;
  const held = and(eq(callTasks.status, 'claimed'), eq(callTasks.claimedByUserId, userId));
  const takeable = and(eq(callTasks.status, 'open'), mayTakeIt);
  return preparedPerDatabase((db) =>
    db
      .select(queueColumns)
      .from(callTasks)
      .innerJoin(subscribers, eq(subscribers.id, callTasks.subscriberId))
      .leftJoin(campaigns, eq(campaigns.id, callTasks.campaignId))
      .where(and(eq(callTasks.id, sql.placeholder('taskId')), or(held, takeable)))
      .prepare(withTeam ? 'queue_find_row_with_team' : 'queue_find_row_own'),
  );
}
const queueRowWithTeam = queueRowQuery(true);
const queueRowOwn = queueRowQuery(false);

/** One task as a queue row, if the agent may see it there (held by them, or open and theirs to take). */
export async function findQueueRow(db: Database, agent: Claimer, taskId: number) {
  const [row] =
    agent.teamId === null
      ? await queueRowOwn(db).execute({ userId: agent.userId, taskId })
      : await queueRowWithTeam(db).execute({ userId: agent.userId, teamId: agent.teamId, taskId });
  return row;
}

/** The task's state as far as the agent may know it: only tasks they may take or have held. */
export async function findTaskStateForAgent(db: Database, agent: Claimer, taskId: number) {
  const [row] = await db
    .select({ status: callTasks.status, claimedByUserId: callTasks.claimedByUserId })
    .from(callTasks)
    .where(and(eq(callTasks.id, taskId), or(mayTake(agent), eq(callTasks.claimedByUserId, agent.userId))));
  return row;
}
