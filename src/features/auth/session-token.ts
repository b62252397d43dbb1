import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'vipdesk_session';

/** 256 random bits, URL-safe: the value the browser holds. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps: a stolen copy of user_sessions cannot be turned back into cookies. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
