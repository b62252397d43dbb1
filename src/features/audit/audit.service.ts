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

/**
 * A per-user limit counted from the audit log itself: it survives restarts, holds across server
 * processes, and needs no second store. Exceeding it is refused with 429 and audited.
 */
export async function enforceRateLimit(
  db: Database,
  actor: Actor,
  limit: { action: AuditAction; max: number; windowMs: number; subscriberId?: number },
): Promise<void> {
  const since = new Date(Date.now() - limit.windowMs);
  const used = await countActionsSince(db, actor.userId, limit.action, since);
  if (used < limit.max) return;
  await auditActor(db, actor, {
    action: 'rate.limited',
    subscriberId: limit.subscriberId ?? null,
    target: limit.action,
    details: { limit: limit.max, windowMinutes: Math.round(limit.windowMs / 60_000) },
  });
  throw new AppError(
    'RATE_LIMITED',
    `Limit reached: at most ${limit.max} ${limit.action} per ${Math.round(limit.windowMs / 60_000)} minutes`,
  );
}
