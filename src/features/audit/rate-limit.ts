import { sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { AppError } from '#src/lib/app-error';
import type { Actor } from '../auth/actor';
import { insertAuditEntry, type LimitedRows, windowUsage } from './audit.repository';
import { type ActorAuditEntry, auditActor } from './audit.service';
import type { AuditAction } from './audit-actions';

/**
 * Rate limits counted from the audit log itself: they survive restarts, hold across server
 * processes and need no second store. Every count and the row that the next count will see are
 * written under a transaction lock on what is counted, so simultaneous requests cannot all slip
 * under a limit. A refusal answers 429 RATE_LIMITED with the limit and when to retry (the
 * Retry-After header is set from the error's details, src/features/auth/authenticate.hook.ts) and
 * is audited as `rate.limited`.
 */
export type RateLimit = { max: number; windowMs: number };

// Namespaces of the advisory locks (two-key form, apart from the scoring lock and the SMS
// per-subscriber lock 8402).
const USER_LOCK_SPACE = 8401;
const SIGN_IN_USERNAME_LOCK_SPACE = 8403;
const SIGN_IN_ADDRESS_LOCK_SPACE = 8404;

/** What the refusal message calls each limited action. */
const LIMITED_WHAT = {
  'subscriber.unmask': 'reveals of full personal data',
  'subscriber.export': 'subscriber exports',
  'service_report.bulk': 'bulk service-report jobs',
  'sms.send': 'SMS sent by hand',
} as const satisfies Partial<Record<AuditAction, string>>;
export type LimitedAction = keyof typeof LIMITED_WHAT;

export type RateLimitDetails = {
  /** The limited action, or `auth.sign_in` for sign-in attempts. */
  action: LimitedAction | 'auth.sign_in';
  limit: number;
  windowMinutes: number;
  retryAfterSeconds: number;
};

/**
 * A user's limited action (unmask, export, bulk reports, a hand-sent SMS), counted per user.
 * `act` runs in the same transaction, under the user's lock, and returns what to record; its audit
 * row is what the next count sees, so a failed `act` uses up nothing. Over the limit `act` never
 * runs (an export's query is not even made).
 */
export async function auditWithinLimit<T>(
  db: Database,
  actor: Actor,
  limited: { action: LimitedAction; subscriberId?: number | null },
  limit: RateLimit,
  act: (
    tx: Database,
  ) => Promise<{ result: T; entry?: Pick<ActorAuditEntry, 'target' | 'reason' | 'details'> }>,
): Promise<{ auditId: number; result: T }> {
  type Outcome = { auditId: number; result: T } | { refusal: { retryAfterSeconds: number } };
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    await tx.execute(sql`select pg_advisory_xact_lock(${USER_LOCK_SPACE}, ${actor.userId})`);
    const rows: LimitedRows = { kind: 'user', userId: actor.userId, action: limited.action };
    const refusal = await refusalIn(tx, rows, limit, Date.now());
    if (refusal !== null) return { refusal };
    const { result, entry } = await act(tx);
    const auditId = await auditActor(tx, actor, {
      ...entry,
      action: limited.action,
      subscriberId: limited.subscriberId ?? null,
    });
    return { auditId, result };
  });
  if ('auditId' in outcome) return outcome;
  const details = refusalDetails(limited.action, limit, outcome.refusal);
  await auditActor(db, actor, {
    action: 'rate.limited',
    subscriberId: limited.subscriberId ?? null,
    target: limited.action,
    details,
  });
  throw new AppError(
    'RATE_LIMITED',
    refusalMessage(`Too many ${LIMITED_WHAT[limited.action]}`, details),
    details,
  );
}

export type SignInLimits = { perUsername: RateLimit; perAddress: RateLimit };
type SignInCheck = { by: 'username' | 'address'; rows: LimitedRows; limit: RateLimit };

/**
 * Records a sign-in attempt (`auth.sign_in_attempt`) before the password is checked, unless its
 * username — known or not, so the answer never tells which exist — or its source address has used
 * up its window. Apart from the lockout: the lockout keeps a guesser off one account, this keeps a
 * flood of argon2 verifications off the server. Locks are taken username first, then address.
 */
export async function recordSignInAttempt(
  db: Database,
  attempt: { username: string; sourceIp: string | null },
  limits: SignInLimits,
): Promise<void> {
  const { username, sourceIp } = attempt;
  const outcome = await db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(${SIGN_IN_USERNAME_LOCK_SPACE}, hashtext(${username}))`,
    );
    const checks: SignInCheck[] = [
      { by: 'username', rows: { kind: 'sign-in-username', username }, limit: limits.perUsername },
    ];
    if (sourceIp !== null) {
      await tx.execute(
        sql`select pg_advisory_xact_lock(${SIGN_IN_ADDRESS_LOCK_SPACE}, hashtext(${sourceIp}))`,
      );
      checks.push({ by: 'address', rows: { kind: 'sign-in-address', sourceIp }, limit: limits.perAddress });
    }
    // Both are checked; the longer wait is the one to tell.
    const now = Date.now();
    let worst: (Omit<SignInCheck, 'rows'> & { retryAfterSeconds: number }) | null = null;
    for (const check of checks) {
      const refusal = await refusalIn(tx, check.rows, check.limit, now);
      if (refusal !== null && (worst === null || refusal.retryAfterSeconds > worst.retryAfterSeconds)) {
        worst = { by: check.by, limit: check.limit, retryAfterSeconds: refusal.retryAfterSeconds };
      }
    }
    if (worst !== null) return worst;
    await insertAuditEntry(tx, {
      actorUserId: null,
      actorLabel: username,
      action: 'auth.sign_in_attempt',
      sourceIp,
    });
    return null;
  });
  if (outcome === null) return;
  const details = refusalDetails('auth.sign_in', outcome.limit, outcome);
  await insertAuditEntry(db, {
    actorUserId: null,
    actorLabel: username,
    action: 'rate.limited',
    target: 'auth.sign_in',
    sourceIp,
    details: { ...details, by: outcome.by },
  });
  const what = outcome.by === 'username' ? 'for this username' : 'from this address';
  throw new AppError('RATE_LIMITED', refusalMessage(`Too many sign-in attempts ${what}`, details), details);
}

/** Seconds until a refused request may succeed (the Retry-After header); null for any other error. */
export function retryAfterSeconds(error: unknown): number | null {
  if (!(error instanceof AppError) || error.code !== 'RATE_LIMITED') return null;
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('retryAfterSeconds' in details)) return null;
  const seconds = details.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : null;
}

/** Null while the window has room; otherwise how long until the oldest counted row leaves it. */
async function refusalIn(
  db: Database,
  rows: LimitedRows,
  limit: RateLimit,
  now: number,
): Promise<{ retryAfterSeconds: number } | null> {
  const usage = await windowUsage(db, rows, new Date(now - limit.windowMs), limit.max);
  if (usage.oldestCounted === null) return null;
  const freedAt = usage.oldestCounted.getTime() + limit.windowMs;
  return { retryAfterSeconds: Math.max(1, Math.ceil((freedAt - now) / 1000)) };
}

function refusalDetails(
  action: RateLimitDetails['action'],
  limit: RateLimit,
  refusal: { retryAfterSeconds: number },
): RateLimitDetails {
  return {
    action,
    limit: limit.max,
    windowMinutes: Math.round(limit.windowMs / 60_000),
    retryAfterSeconds: refusal.retryAfterSeconds,
  };
}

function refusalMessage(tooMany: string, details: RateLimitDetails): string {
  const window =
    details.windowMinutes === 60
      ? 'hour'
      : details.windowMinutes === 24 * 60
        ? 'day'
        : `${details.windowMinutes} minutes`;
  const minutes = Math.ceil(details.retryAfterSeconds / 60);
  return `${tooMany}: at most ${details.limit} per ${window}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
