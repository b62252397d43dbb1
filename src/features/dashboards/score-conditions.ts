import type { SubscriberScope } from '#src/features/auth/subscriber-scope';
import type { ScoreFilter } from './dashboard-filters';

/** Positional parameters collected while a statement is assembled: values never enter the text. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The actor's subscriber scope as a condition on a subscriber id expression (raw-SQL twin of
 * `scopeCondition`): a lead counts only their team's books, admins and analysts everyone.
 */
export function scopeSql(scope: SubscriberScope, subscriberId: string, params: SqlParams): string | null {
  switch (scope.kind) {
    case 'all':
      return null;
    case 'none':
      return 'false';
    case 'book':
      return `exists (select 1 from subscriber_books sb where sb.subscriber_id = ${subscriberId} and sb.agent_user_id = ${params.add(scope.agentUserId)}::int)`;
    case 'team':
      return `exists (select 1 from subscriber_books sb where sb.subscriber_id = ${subscriberId} and sb.team_id = ${params.add(scope.teamId)}::int)`;
  }
}

/**
 * Region, tier and scope over one subscriber_scores alias, as AND-able conditions. Column names
 * are fixed here; only values travel as parameters.
 */
export function scoreConditions(
  alias: string,
  filter: ScoreFilter,
  scope: SubscriberScope,
  params: SqlParams,
): string[] {
  const conditions: string[] = [];
  if (filter.city !== undefined) conditions.push(`${alias}.city = ${params.add(filter.city)}::text`);
  if (filter.tier !== undefined) conditions.push(`${alias}.tier = ${params.add(filter.tier)}::text`);
  const scoped = scopeSql(scope, `${alias}.subscriber_id`, params);
  if (scoped) conditions.push(scoped);
  return conditions;
}

export function andAll(conditions: readonly string[]): string {
  return conditions.map((c) => ` and ${c}`).join('');
}
