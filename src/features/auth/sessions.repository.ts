import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { teams, userSessions, users } from '#src/db/schema/users';

export async function insertSession(
  db: Database,
  session: {
    tokenHash: string;
    userId: number;
    expiresAt: Date;
    sourceIp: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db.insert(userSessions).values(session);
}

/** The session and its user in one round trip: every authenticated request runs this. */
export async function findSessionWithUser(db: Database, tokenHash: string) {
  const [row] = await db
    .select({
      tokenHash: userSessions.tokenHash,
      lastSeenAt: userSessions.lastSeenAt,
      expiresAt: userSessions.expiresAt,
      endedAt: userSessions.endedAt,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      teamId: users.teamId,
      teamName: teams.name,
      isDisabled: users.isDisabled,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(userSessions.tokenHash, tokenHash));
  return row;
}

export async function touchSession(db: Database, tokenHash: string, now: Date): Promise<void> {
  await db.update(userSessions).set({ lastSeenAt: now }).where(eq(userSessions.tokenHash, tokenHash));
}

export async function endSession(db: Database, tokenHash: string, reason: string): Promise<void> {
  await db
    .update(userSessions)
    .set({ endedAt: sql`now()`, endedReason: reason })
    .where(and(eq(userSessions.tokenHash, tokenHash), isNull(userSessions.endedAt)));
}

/** Ends every open session of the user; returns how many were open. */
export async function endUserSessions(db: Database, userId: number, reason: string): Promise<number> {
  const ended = await db
    .update(userSessions)
    .set({ endedAt: sql`now()`, endedReason: reason })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.endedAt)))
    .returning({ tokenHash: userSessions.tokenHash });
  return ended.length;
}
