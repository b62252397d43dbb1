import { and, asc, count, desc, eq, gte, isNull, lt, type SQL } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { auditLog } from '#src/db/schema/audit';
import { redactPersonalData } from '#src/lib/redact';
import type { AuditAction } from './audit-actions';

export type NewAuditEntry = {
  actorUserId: number | null;
  actorLabel: string;
  action: AuditAction;
  subscriberId?: number | null;
  target?: string | null;
  sourceIp?: string | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
};

/**
 * Free text typed by people (a reveal's reason, the name tried at a failed sign-in of no known user)
 * is stored with any MSISDN or ID number in it masked: the audit log is read by auditors, who see
 * no full numbers; which subscriber was concerned is recorded by id.
 */
export async function insertAuditEntry(db: Database, entry: NewAuditEntry): Promise<number> {
  const text = (value: string | null | undefined) => (value == null ? null : redactPersonalData(value));
  const [row] = await db
    .insert(auditLog)
    .values({
      actorUserId: entry.actorUserId,
      actorLabel: entry.actorUserId === null ? redactPersonalData(entry.actorLabel) : entry.actorLabel,
      action: entry.action,
      subscriberId: entry.subscriberId ?? null,
      target: text(entry.target),
      sourceIp: entry.sourceIp ?? null,
      reason: text(entry.reason),
      details: entry.details ?? null,
    })
    .returning({ id: auditLog.id });
  if (!row) throw new Error('audit insert returned no row');
  return row.id;
}

/** The rows a rate limit counts (src/features/audit/rate-limit.ts). */
export type LimitedRows =
  | { kind: 'user'; userId: number; action: AuditAction }
  | { kind: 'sign-in-username'; username: string }
  | { kind: 'sign-in-address'; sourceIp: string };

function limitedRowsCondition(rows: LimitedRows): SQL | undefined {
  switch (rows.kind) {
    // Served exactly by audit_log_actor_idx (actor_user_id, action, occurred_at).
    case 'user':
      return and(eq(auditLog.actorUserId, rows.userId), eq(auditLog.action, rows.action));
    // Attempts are recorded before anyone is known, with no user id: the same index finds the
    // window's attempts (actor_user_id IS NULL, action, occurred_at), and the name or address is
    // checked on those few rows rather than on every entry of the window. The name is compared as
    // it was stored (a number typed as a name is masked).
    case 'sign-in-username':
      return and(
        isNull(auditLog.actorUserId),
        eq(auditLog.action, 'auth.sign_in_attempt'),
        eq(auditLog.actorLabel, redactPersonalData(rows.username)),
      );
    case 'sign-in-address':
      return and(
        isNull(auditLog.actorUserId),
        eq(auditLog.action, 'auth.sign_in_attempt'),
        eq(auditLog.sourceIp, rows.sourceIp),
      );
  }
}

/**
 * How many counted rows fall in the window that began at `since`; at or over `max`, also when
 * the window frees a place: when the row whose leaving brings the count below `max` was written.
 */
export async function windowUsage(
  db: Database,
  rows: LimitedRows,
  since: Date,
  max: number,
): Promise<{ used: number; oldestCounted: Date | null }> {
  const where = and(limitedRowsCondition(rows), gte(auditLog.occurredAt, since));
  const [row] = await db.select({ n: count() }).from(auditLog).where(where);
  const used = row?.n ?? 0;
  if (used < max) return { used, oldestCounted: null };
  const [oldest] = await db
    .select({ at: auditLog.occurredAt })
    .from(auditLog)
    .where(where)
    .orderBy(asc(auditLog.occurredAt))
    .offset(used - max)
    .limit(1);
  return { used, oldestCounted: oldest?.at ?? since };
}

export type AuditSearch = {
  actor?: string | undefined;
  action?: string | undefined;
  subscriberId?: number | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
  pageSize: number;
};

export async function searchAuditEntries(db: Database, search: AuditSearch) {
  const conditions: (SQL | undefined)[] = [
    search.actor ? eq(auditLog.actorLabel, search.actor) : undefined,
    search.action ? eq(auditLog.action, search.action) : undefined,
    search.subscriberId ? eq(auditLog.subscriberId, search.subscriberId) : undefined,
    search.from ? gte(auditLog.occurredAt, search.from) : undefined,
    search.to ? lt(auditLog.occurredAt, search.to) : undefined,
  ];
  const where = and(...conditions);
  const rows = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(search.pageSize)
    .offset((search.page - 1) * search.pageSize);
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  return { rows, total: total?.n ?? 0 };
}
