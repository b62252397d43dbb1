import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
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

/** How many times the user did `action` since `since` (the per-user rate limits count these). */
export async function countActionsSince(
  db: Database,
  userId: number,
  action: AuditAction,
  since: Date,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(
      and(eq(auditLog.actorUserId, userId), eq(auditLog.action, action), gte(auditLog.occurredAt, since)),
    );
  return row?.n ?? 0;
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
