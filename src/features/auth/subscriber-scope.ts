import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from './actor';

/**
 * Which subscribers an actor may see at all: an agent their own book, a lead their team's books,
 * admins and analysts everyone (analysts through masked lists only), auditors nobody.
 */
export type SubscriberScope =
  | { kind: 'all' }
  | { kind: 'book'; agentUserId: number }
  | { kind: 'team'; teamId: number }
  | { kind: 'none' };

export function subscriberScopeOf(actor: Actor): SubscriberScope {
  switch (actor.role) {
    case 'admin':
    case 'analyst':
      return { kind: 'all' };
    case 'lead':
      return actor.teamId === null ? { kind: 'none' } : { kind: 'team', teamId: actor.teamId };
    case 'agent':
      return { kind: 'book', agentUserId: actor.userId };
    case 'auditor':
      return { kind: 'none' };
  }
}

/**
 * The scope as a condition on a subscriber id column, for every query that reads subscribers by
 * list or by id: out-of-scope rows are never fetched, so they cannot leak through a forgotten check.
 * Undefined means no restriction.
 */
export function scopeCondition(scope: SubscriberScope, subscriberId: AnyPgColumn | SQL): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'none':
      return sql`false`;
    case 'book':
      return sql`exists (select 1 from subscriber_books sb where sb.subscriber_id = ${subscriberId} and sb.agent_user_id = ${scope.agentUserId})`;
    case 'team':
      return sql`exists (select 1 from subscriber_books sb where sb.subscriber_id = ${subscriberId} and sb.team_id = ${scope.teamId})`;
  }
}
