import type { Database } from '#src/db/client';
import { AppError } from '#src/lib/app-error';
import {
  deleteExpiredKeys,
  deleteKey,
  insertKeyIfAbsent,
  type KeyFingerprint,
  type KeyOwner,
  lockKey,
  restartKey,
  type StoredKeyRow,
  saveKeyResponse,
} from './idempotency.repository';
import { decideStoredKey, KEY_LIFETIME_MS } from './idempotency-key';

/** One request's key: whose, which, and the fingerprint of the request it names. */
export type KeyClaim = KeyOwner & KeyFingerprint;

/** An answer as the client received it: the status, the serialised body, the headers that belong to it. */
export type StoredResponse = { status: number; body: string; headers: Record<string, string> };

export type Once = { replayed: boolean; response: StoredResponse };

/**
 * A request refused because of its key. Not an AppError: its codes belong to this feature, and
 * the route answers it itself (idempotent-reply.ts).
 */
export class IdempotencyRefusal extends Error {
  constructor(
    readonly code: 'IDEMPOTENCY_KEY_REUSED' | 'IDEMPOTENCY_KEY_IN_PROGRESS',
    readonly status: 409 | 422,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'IdempotencyRefusal';
  }
}

export function keyReused(claim: KeyClaim, usedOn: string): IdempotencyRefusal {
  return new IdempotencyRefusal(
    'IDEMPOTENCY_KEY_REUSED',
    422,
    `The Idempotency-Key "${claim.key}" was already used for a different request (${usedOn}); send a new key for a new request`,
    { key: claim.key, route: usedOn },
  );
}

export function keyInProgress(claim: KeyClaim, details: Record<string, unknown> = {}): IdempotencyRefusal {
  return new IdempotencyRefusal(
    'IDEMPOTENCY_KEY_IN_PROGRESS',
    409,
    `The request with the Idempotency-Key "${claim.key}" is still being processed; send it again later for its answer`,
    { key: claim.key, ...details },
  );
}

export const expiryOf = (now: Date) => new Date(now.getTime() + KEY_LIFETIME_MS);

export type HeldKey =
  | { kind: 'claimed'; id: number }
  | { kind: 'stored'; row: StoredKeyRow; decision: 'replay' | 'pending' };

/**
 * Takes the key for this request inside `tx`, or finds what an earlier request with it left
 * (locked until `tx` ends). Another request under the same key is refused here.
 */
export async function holdKey(tx: Database, claim: KeyClaim, now: Date): Promise<HeldKey> {
  const owner = { userId: claim.userId, key: claim.key };
  const fingerprint = { route: claim.route, requestHash: claim.requestHash };
  // Twice at most: the row found on conflict can be swept as expired before it is read.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const id = await insertKeyIfAbsent(tx, owner, fingerprint, expiryOf(now));
    if (id !== undefined) return { kind: 'claimed', id };
    const row = await lockKey(tx, owner);
    if (!row) continue;
    const decision = decideStoredKey(row, fingerprint, now);
    if (decision === 'expired') {
      await restartKey(tx, row.id, fingerprint, now, expiryOf(now));
      return { kind: 'claimed', id: row.id };
    }
    if (decision === 'reused') throw keyReused(claim, row.route);
    return { kind: 'stored', row, decision };
  }
  throw new Error('the idempotency key could not be claimed');
}

/** The stored answer of a row that has one. */
export function storedResponseOf(row: StoredKeyRow): StoredResponse | undefined {
  if (row.responseStatus === null || row.responseBody === null) return undefined;
  return { status: row.responseStatus, body: row.responseBody, headers: row.responseHeaders ?? {} };
}

/** A refusal the write decided (4xx): nothing of the key is kept, so a corrected retry may succeed. */
const isClientError = (error: unknown) => error instanceof AppError && error.status < 500;

/**
 * Runs a write at most once per key. The key row, the write's effects and the answer commit in one
 * transaction (`write` gets that transaction; a service's own transaction inside becomes a
 * savepoint), so no crash can leave one without the other. A concurrent request with the same key
 * waits on the key's unique constraint and then replays the committed answer.
 *
 * A write that fails is not remembered: on a 4xx the key is deleted and what the service keeps on
 * a refusal (an audited denial) commits as it does without a key; on anything else all rolls back.
 */
export async function runOnce(
  db: Database,
  claim: KeyClaim,
  write: (tx: Database) => Promise<StoredResponse>,
  now = new Date(),
): Promise<Once> {
  await sweepExpiredKeys(db, now);
  const result = await db.transaction(
    async (tx): Promise<{ kind: 'done'; once: Once } | { kind: 'refused'; error: unknown }> => {
      const held = await holdKey(tx, claim, now);
      if (held.kind === 'stored') {
        const stored = storedResponseOf(held.row);
        if (!stored) throw keyInProgress(claim);
        return { kind: 'done', once: { replayed: true, response: stored } };
      }
      try {
        const response = await write(tx);
        await saveKeyResponse(tx, held.id, response);
        return { kind: 'done', once: { replayed: false, response } };
      } catch (error) {
        if (!isClientError(error)) throw error;
        try {
          await deleteKey(tx, held.id);
        } catch {
          // The transaction is unusable (a statement failed in it): roll all of it back instead.
          throw error;
        }
        return { kind: 'refused', error };
      }
    },
  );
  if (result.kind === 'refused') throw result.error;
  return result.once;
}

const SWEEP_EVERY_MS = 60 * 60 * 1000;
let lastSweep = 0;

/**
 * Expired keys are deleted at most once an hour per process, by the first keyed request after
 * the hour (one indexed DELETE). An expired key is already treated as free before it is swept.
 */
async function sweepExpiredKeys(db: Database, now: Date): Promise<void> {
  if (now.getTime() - lastSweep < SWEEP_EVERY_MS) return;
  lastSweep = now.getTime();
  await deleteExpiredKeys(db, now);
}
