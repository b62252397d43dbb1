import { eq, or, type SQL, sql } from 'drizzle-orm';
import { tickets } from '#src/db/schema/tickets';
import type { Actor } from '../auth/actor';
import { scopeCondition, subscriberScopeOf } from '../auth/subscriber-scope';

/**
 * Which tickets an actor may see, as a condition on `tickets` for every list and by-id query, so an
 * out-of-scope row is never fetched: the subscriber is in their subscriber scope (admin all, lead
 * the team's books, agent their own book), or the ticket is assigned to them, or they work in, lead
 * or manage its service group. Analysts and auditors read no tickets (analysts get aggregates).
 * Undefined means no restriction.
 */
export function ticketScopeCondition(actor: Actor): SQL | undefined {
  if (actor.role === 'analyst' || actor.role === 'auditor') return sql`false`;
  const bySubscriber = scopeCondition(subscriberScopeOf(actor), tickets.subscriberId);
  if (bySubscriber === undefined) return undefined;
  return or(
    bySubscriber,
    eq(tickets.assigneeUserId, actor.userId),
    sql`exists (select 1 from service_groups sg where sg.id = ${tickets.groupId} and (sg.lead_user_id = ${actor.userId} or sg.manager_user_id = ${actor.userId}))`,
    sql`exists (select 1 from service_group_members sgm where sgm.group_id = ${tickets.groupId} and sgm.user_id = ${actor.userId})`,
  );
}
