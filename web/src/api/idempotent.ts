import { ApiError, request } from './client';

/**
 * A fresh Idempotency-Key for one user action: 128 random bits in hex. getRandomValues, unlike
 * randomUUID, also works when the console is served over plain http on a LAN address.
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const RETRIES = 2;

/** No answer at all, a server failure, or the first try still running: the write may have happened. */
function worthRetrying(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 0 || error.status >= 500 || error.code === 'IDEMPOTENCY_KEY_IN_PROGRESS';
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POSTs a write that must happen once: one key per call (one user action), sent again unchanged
 * when the request may or may not have reached the server, so the server applies it at most once
 * and a retry gets the first answer.
 */
export async function postOnce<T>(path: string, body: unknown): Promise<T> {
  const headers = { 'idempotency-key': newIdempotencyKey() };
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await request<T>('POST', path, { body, headers });
    } catch (error) {
      if (attempt >= RETRIES || !worthRetrying(error)) throw error;
      await pause(500 * 2 ** attempt);
    }
  }
}
