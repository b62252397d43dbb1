import type { DbHandle } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import type { GuardWorld } from './guard-fixture';

export type Snapshot = Map<string, string>;

/** Row count and a hash of every row of every table but the audit log; sessions by their end state. */
export async function snapshot(handle: DbHandle): Promise<Snapshot> {
  const tables = await queryRows<{ name: string }>(
    handle.engine,
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const result: Snapshot = new Map();
  for (const { name } of tables) {
    if (name === 'audit_log') continue;
    // Sessions are touched (last_seen_at) by every request; whether one was ended is what matters.
    const rows =
      name === 'user_sessions'
        ? `select token_hash, user_id, created_at, expires_at, ended_at, ended_reason from user_sessions`
        : `select * from "${name}"`;
    const [row] = await queryRows<{ n: number; h: string | null }>(
      handle.engine,
      `select count(*)::int as n, md5(string_agg(r::text, '|' order by r::text)) as h from (${rows}) r`,
    );
    result.set(name, `${row?.n}:${row?.h ?? ''}`);
  }
  return result;
}

export function diffSnapshots(before: Snapshot, after: Snapshot): string[] {
  const changes: string[] = [];
  for (const [table, state] of after) {
    if (before.get(table) !== state) changes.push(`${table} changed: ${before.get(table)} → ${state}`);
  }
  for (const table of before.keys()) if (!after.has(table)) changes.push(`${table} disappeared`);
  return changes;
}

export async function maxAuditId(handle: DbHandle): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    handle.engine,
    'select coalesce(max(id), 0)::int as id from audit_log',
  );
  return row?.id ?? 0;
}

/** Every reveal ever audited was of a subscriber in the revealing user's scope. */
export async function outOfScopeReveals(handle: DbHandle, world: GuardWorld): Promise<string[]> {
  const rows = await queryRows<{ actor_user_id: number | null; subscriber_id: number | null }>(
    handle.engine,
    `select actor_user_id, subscriber_id from audit_log where action in ('subscriber.unmask', 'subscriber.tags')`,
  );
  const byUser = new Map(world.actors.filter((a) => a.user).map((a) => [a.user?.id, a]));
  return rows
    .filter((r) => {
      if (r.actor_user_id === world.admin.id) return false;
      const actor = byUser.get(r.actor_user_id ?? -1);
      return !actor?.active || !actor.scope.has(Number(r.subscriber_id));
    })
    .map((r) => `audited reveal or tag edit of subscriber ${r.subscriber_id} by user ${r.actor_user_id}`);
}
