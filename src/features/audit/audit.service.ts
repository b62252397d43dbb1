import { sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { AppError } from '#src/lib/app-error';
import type { Actor } from '../auth/actor';
import { countActionsSince, insertAuditEntry, type NewAuditEntry } from './audit.repository';
import type { AuditAction } from './audit-actions';

export type ActorAuditEntry = Omit<NewAuditEntry, 'actorUserId' | 'actorLabel' | 'sourceIp'>;

/** Records what an actor did; who, from where and when come from the actor and the clock. */
export function auditActor(db: Database, actor: Actor, entry: ActorAuditEntry): Promise<number> {
  return insertAuditEntry(db, {
    ...entry,
    actorUserId: actor.userId,
    actorLabel: actor.username,
    sourceIp: actor.sourceIp,
  });
}

export type RateLimit = { max: number; windowMs: number };

// Namespace of the per-user advisory locks (the two-key form keeps them apart from the scoring lock).
const RATE_LIMIT_LOCK_SPACE = 8401;

/**
 * Records a limited action (unmask, export) if the user is still within the limit, counted from the
 * audit log itself: it survives restarts, holds across server processes, and needs no second store.
 * Count and insert happen under a per-user transaction lock, so simultaneous requests cannot all
 * slip under the limit. Over the limit: 429, and the refusal is audited.
 */
export async function auditWithinLimit(
  db: Database,
  actor: Actor,
  entry: ActorAuditEntry & { action: AuditAction },
  limit: RateLimit,
): Promise<number> {
  const recorded = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${RATE_LIMIT_LOCK_SPACE}, ${actor.userId})`);
    const used = await countActionsSince(
      tx,
      actor.userId,
      entry.action,
      new Date(Date.now() - limit.windowMs),
    );
    if (used >= limit.max) return null;
    return auditActor(tx, actor, entry);
  });
  if (recorded !== null) return recorded;
  const minutes = Math.round(limit.windowMs / 60_000);
  await auditActor(db, actor, {
    action: 'rate.limited',
    subscriberId: entry.subscriberId ?? null,
    target: entry.action,
    details: { limit: limit.max, windowMinutes: minutes },
  });
  throw new AppError(
    'RATE_LIMITED',
    `Limit reached: at most ${limit.max} ${entry.action} per ${minutes} minutes`,
  );
}
