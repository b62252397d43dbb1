import { and, eq, isNull, lte } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { idempotencyKeys } from '#src/db/schema/idempotency';

export type KeyOwner = { userId: number | null; key: string };
export type KeyFingerprint = { route: string; requestHash: string };
export type StoredKeyRow = typeof idempotencyKeys.$inferSelect;

const ownedBy = (owner: KeyOwner) =>
  and(
    owner.userId === null ? isNull(idempotencyKeys.userId) : eq(idempotencyKeys.userId, owner.userId),
    eq(idempotencyKeys.key, owner.key),
  );

/**
 * Inserts the key unless the owner already has it: the id when this request is the first. A
 * concurrent insert of the same key waits on the unique constraint until the other transaction
 * ends, then finds the row (committed) or inserts (rolled back).
 */
export async function insertKeyIfAbsent(
  tx: Database,
  owner: KeyOwner,
  fingerprint: KeyFingerprint,
  expiresAt: Date,
): Promise<number | undefined> {
  const [row] = await tx
    .insert(idempotencyKeys)
    .values({ ...owner, ...fingerprint, expiresAt })
    .onConflictDoNothing()
    .returning({ id: idempotencyKeys.id });
  return row?.id;
}

/** The owner's key row, locked for the rest of the transaction. */
export async function lockKey(tx: Database, owner: KeyOwner): Promise<StoredKeyRow | undefined> {
  const [row] = await tx.select().from(idempotencyKeys).where(ownedBy(owner)).for('update');
  return row;
}

/** An expired key used again: it starts over as the new request's. */
export async function restartKey(
  tx: Database,
  id: number,
  fingerprint: KeyFingerprint,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({
      ...fingerprint,
      responseStatus: null,
      responseBody: null,
      responseHeaders: null,
      importRunId: null,
      createdAt: now,
      expiresAt,
    })
    .where(eq(idempotencyKeys.id, id));
}

export async function saveKeyResponse(
  tx: Database,
  id: number,
  response: { status: number; body: string; headers: Record<string, string> },
): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ responseStatus: response.status, responseBody: response.body, responseHeaders: response.headers })
    .where(eq(idempotencyKeys.id, id));
}

export async function setKeyImportRun(tx: Database, id: number, importRunId: number): Promise<void> {
  await tx.update(idempotencyKeys).set({ importRunId }).where(eq(idempotencyKeys.id, id));
}

export async function deleteKey(tx: Database, id: number): Promise<void> {
  await tx.delete(idempotencyKeys).where(eq(idempotencyKeys.id, id));
}

/** Forgets every key past its expiry; the number forgotten. */
export async function deleteExpiredKeys(db: Database, now: Date): Promise<number> {
  const rows = await db
    .delete(idempotencyKeys)
    .where(lte(idempotencyKeys.expiresAt, now))
    .returning({ id: idempotencyKeys.id });
  return rows.length;
}
