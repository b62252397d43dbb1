export type SessionTimes = { lastSeenAt: Date; expiresAt: Date; endedAt: Date | null };
export type SessionPolicy = { idleMinutes: number; maxHours: number };

export type SessionVerdict = { valid: true } | { valid: false; reason: 'ended' | 'idle' | 'expired' };

/** A session lives until sign-out, `idleMinutes` without a request, or its absolute end. */
export function sessionVerdict(session: SessionTimes, policy: SessionPolicy, now: Date): SessionVerdict {
  if (session.endedAt) return { valid: false, reason: 'ended' };
  if (session.expiresAt.getTime() <= now.getTime()) return { valid: false, reason: 'expired' };
  if (session.lastSeenAt.getTime() + policy.idleMinutes * 60_000 <= now.getTime()) {
    return { valid: false, reason: 'idle' };
  }
  return { valid: true };
}

export function sessionExpiresAt(policy: SessionPolicy, now: Date): Date {
  return new Date(now.getTime() + policy.maxHours * 3_600_000);
}

/**
 * Touching last_seen_at on every request would make every read a write; a minute's resolution is
 * plenty against an idle limit counted in tens of minutes.
 */
export function needsTouch(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= 60_000;
}
