import { createHash } from 'node:crypto';

/**
 * JSON with every object's keys in sorted order and `undefined` members left out, so two
 * encodings of one request (keys in another order, an optional field sent as undefined) are equal.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedCopy(value)) ?? 'null';
}

function sortedCopy(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sortedCopy(item)));
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) sorted[key] = sortedCopy(member);
  }
  return sorted;
}

/** What makes two requests "the same request" for an Idempotency-Key. */
export type RequestIdentity = {
  /** The route pattern, e.g. "POST /api/tasks/:id/outcome". */
  route: string;
  params: unknown;
  query?: unknown;
  /** The validated body (or, for an upload, a digest of the file). */
  body: unknown;
};

/** SHA-256 (hex) of the request's canonical form: the key's stored fingerprint. */
export function requestHash(identity: RequestIdentity): string {
  const canonical = canonicalJson({
    route: identity.route,
    params: identity.params ?? null,
    query: identity.query ?? null,
    body: identity.body ?? null,
  });
  return createHash('sha256').update(canonical).digest('hex');
}
