import { z } from 'zod';

/** The request header a client names a write with (draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Set on an answer that is the stored answer of an earlier request with the same key. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/** How long a key is remembered: a client retries within minutes; a day covers a night's outage. */
export const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** 1–255 printable ASCII characters; a UUID per user action is the usual choice. */
export const idempotencyKeySchema = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[\x20-\x7E]*$/, 'must be printable ASCII characters')
  .describe(
    'Optional: a fresh random key (e.g. a UUID) per user action, sent again unchanged on a retry. ' +
      'A repeat within 24 h gets the first answer (Idempotent-Replayed: true) and changes nothing; ' +
      'the same key with another request is refused with 422 IDEMPOTENCY_KEY_REUSED.',
  );

/**
 * The headers of a write that takes an Idempotency-Key. Loose: Fastify replaces request.headers
 * with the parsed object, and the cookie, content type and If-Match must survive that.
 */
export const idempotencyHeadersSchema = z.looseObject({
  [IDEMPOTENCY_HEADER]: idempotencyKeySchema.optional(),
});

/** What is known of a key already used, to decide what a new request with it gets. */
export type StoredKey = {
  route: string;
  requestHash: string;
  responseStatus: number | null;
  expiresAt: Date;
};

/**
 * replay: the same request again, answered before → the stored answer;
 * reused: another request under the same key → refused;
 * pending: the same request, not answered yet (an import running, or one a restart ended);
 * expired: forgotten, the key is free again.
 */
export type KeyDecision = 'replay' | 'reused' | 'pending' | 'expired';

export function decideStoredKey(
  stored: StoredKey,
  request: { route: string; requestHash: string },
  now: Date,
): KeyDecision {
  if (stored.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (stored.route !== request.route || stored.requestHash !== request.requestHash) return 'reused';
  return stored.responseStatus === null ? 'pending' : 'replay';
}
