import type { Database } from '#src/db/client';
import type { Actor } from '../auth/actor';
import { insertAuditEntry, type NewAuditEntry } from './audit.repository';

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
