import type { SecurityConfig } from '#src/config/config';
import type { Database } from '#src/db/client';
import type { UserRole } from '#src/db/schema/enums';
import { AppError } from '#src/lib/app-error';
import { insertAuditEntry } from '../audit/audit.repository';
import { auditActor } from '../audit/audit.service';
import { recordSignInAttempt } from '../audit/rate-limit';
import type { Actor } from './actor';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password-hash';
import { passwordProblems } from './password-policy';
import { permissionsOf } from './permissions';
import { needsTouch, sessionExpiresAt, sessionVerdict } from './session-expiry';
import { hashSessionToken, newSessionToken } from './session-token';
import { endSession, findSessionWithUser, insertSession, touchSession } from './sessions.repository';
import { afterFailedSignIn, isLocked } from './sign-in-lockout';
import {
  findPasswordHash,
  findUserForSignIn,
  recordSuccessfulSignIn,
  saveLockout,
  savePasswordHash,
} from './users.repository';

export type Me = Omit<Actor, 'sourceIp' | 'permissions'> & {
  teamName: string | null;
  permissions: Actor['permissions'][number][];
};

export type RequestOrigin = { sourceIp: string | null; userAgent: string | null };

// One message for every refusal, so sign-in never tells a stranger which usernames exist or
// which accounts are locked.
const SIGN_IN_REFUSED = 'Wrong username or password, or the account is locked or disabled';

/**
 * Checks the password (argon2id), applies the lockout, and opens a new session: the token is
 * always fresh at sign-in, and a session the browser already held is ended (no fixation). The
 * attempt is counted against the username's and the address's limits first, so a flood is
 * refused (429) before any password is verified.
 */
export async function signIn(
  db: Database,
  security: SecurityConfig,
  input: { username: string; password: string; previousToken?: string | undefined },
  origin: RequestOrigin,
): Promise<{ token: string; me: Me }> {
  const windowMs = security.signInWindowMinutes * 60_000;
  await recordSignInAttempt(
    db,
    { username: input.username, sourceIp: origin.sourceIp },
    {
      perUsername: { max: security.signInPerUsername, windowMs },
      perAddress: { max: security.signInPerIp, windowMs },
    },
  );
  const now = new Date();
  const user = await findUserForSignIn(db, input.username);
  const refuse = async (why: string, userId: number | null) => {
    await insertAuditEntry(db, {
      actorUserId: userId,
      actorLabel: input.username.slice(0, 64),
      action: 'auth.sign_in_failed',
      sourceIp: origin.sourceIp,
      details: { why },
    });
    return new AppError('SIGN_IN_FAILED', SIGN_IN_REFUSED);
  };
  if (!user?.passwordHash) {
    await verifyPassword(await decoyPasswordHash(), input.password);
    throw await refuse('unknown user', user?.id ?? null);
  }
  const passwordMatches = await verifyPassword(user.passwordHash, input.password);
  if (user.isDisabled) throw await refuse('disabled', user.id);
  if (isLocked(user, now)) throw await refuse('locked', user.id);
  if (!passwordMatches) {
    const next = afterFailedSignIn(
      user,
      { maxFailures: security.signInMaxFailures, lockMinutes: security.signInLockMinutes },
      now,
    );
    await saveLockout(db, user.id, next);
    throw await refuse(
      next.lockedUntil && isLocked(next, now) ? 'wrong password; locked' : 'wrong password',
      user.id,
    );
  }

  if (input.previousToken) await endSession(db, hashSessionToken(input.previousToken), 'replaced');
  const token = newSessionToken();
  await insertSession(db, {
    tokenHash: hashSessionToken(token),
    userId: user.id,
    expiresAt: sessionExpiresAt(sessionPolicy(security), now),
    sourceIp: origin.sourceIp,
    userAgent: origin.userAgent?.slice(0, 300) ?? null,
  });
  await recordSuccessfulSignIn(db, user.id, now);
  const role = user.role as UserRole;
  const me: Me = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role,
    teamId: user.teamId,
    teamName: user.teamName,
    permissions: [...permissionsOf(role)],
  };
  await auditActor(db, { ...me, sourceIp: origin.sourceIp }, { action: 'auth.sign_in' });
  return { token, me };
}

/** The actor a session cookie stands for, or null when it is unknown, ended, idle or expired. */
export async function actorFromSession(
  db: Database,
  security: SecurityConfig,
  token: string,
  sourceIp: string | null,
): Promise<(Actor & { teamName: string | null }) | null> {
  const tokenHash = hashSessionToken(token);
  const session = await findSessionWithUser(db, tokenHash);
  if (!session || session.isDisabled) return null;
  const now = new Date();
  const verdict = sessionVerdict(session, sessionPolicy(security), now);
  if (!verdict.valid) {
    if (verdict.reason !== 'ended') await endSession(db, tokenHash, verdict.reason);
    return null;
  }
  if (needsTouch(session, now)) await touchSession(db, tokenHash, now);
  const role = session.role as UserRole;
  return {
    userId: session.userId,
    username: session.username,
    displayName: session.displayName,
    role,
    teamId: session.teamId,
    teamName: session.teamName,
    permissions: permissionsOf(role),
    sourceIp,
  };
}

export async function signOut(db: Database, actor: Actor, token: string): Promise<void> {
  await endSession(db, hashSessionToken(token), 'signed_out');
  await auditActor(db, actor, { action: 'auth.sign_out' });
}

export async function changePassword(
  db: Database,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const current = await findPasswordHash(db, actor.userId);
  if (!current || !(await verifyPassword(current, input.currentPassword))) {
    throw new AppError('PASSWORD_REJECTED', 'The current password is wrong', {
      issues: [{ path: 'body.currentPassword', message: 'is wrong' }],
    });
  }
  assertAcceptablePassword(input.newPassword, actor.username, 'body.newPassword');
  await savePasswordHash(db, actor.userId, await hashPassword(input.newPassword));
  await auditActor(db, actor, { action: 'auth.password_changed' });
}

export function assertAcceptablePassword(password: string, username: string, path: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) {
    throw new AppError('PASSWORD_REJECTED', `The password ${problems.join('; ')}`, {
      issues: problems.map((message) => ({ path, message })),
    });
  }
}

function sessionPolicy(security: SecurityConfig) {
  return { idleMinutes: security.sessionIdleMinutes, maxHours: security.sessionMaxHours };
}
