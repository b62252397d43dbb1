import { and, eq } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { subscribers } from '#src/db/schema/subscribers';
import { notFound } from '#src/lib/app-error';
import { auditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { scopeCondition, subscriberScopeOf } from '../auth/subscriber-scope';

/**
 * The gate every read or write of one subscriber by id passes: the id must be in the actor's scope.
 * Outside it the answer is exactly the answer for an id that does not exist (no probing other
 * books), and the attempt is audited as a denial.
 */
export async function requireSubscriberInScope(
  db: Database,
  actor: Actor,
  subscriberId: number,
  attempted: string,
): Promise<void> {
  const scope = scopeCondition(subscriberScopeOf(actor), subscribers.id);
  const [visible] = await db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(and(eq(subscribers.id, subscriberId), scope));
  if (visible) return;
  const [exists] = scope
    ? await db.select({ id: subscribers.id }).from(subscribers).where(eq(subscribers.id, subscriberId))
    : [];
  if (exists) {
    await auditActor(db, actor, { action: 'access.denied', subscriberId, target: attempted });
  }
  throw notFound('Subscriber');
}
