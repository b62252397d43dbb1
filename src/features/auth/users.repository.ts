import { eq } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { teams, users } from '#src/db/schema/users';

export async function findUserForSignIn(db: Database, username: string) {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      teamId: users.teamId,
      teamName: teams.name,
      passwordHash: users.passwordHash,
      isDisabled: users.isDisabled,
      failedSignIns: users.failedSignIns,
      lockedUntil: users.lockedUntil,
    })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.username, username));
  return row;
}

export async function saveLockout(
  db: Database,
  userId: number,
  state: { failedSignIns: number; lockedUntil: Date | null },
): Promise<void> {
  await db.update(users).set(state).where(eq(users.id, userId));
}

export async function recordSuccessfulSignIn(db: Database, userId: number, now: Date): Promise<void> {
  await db
    .update(users)
    .set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now })
    .where(eq(users.id, userId));
}

export async function findPasswordHash(db: Database, userId: number): Promise<string | null> {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.passwordHash ?? null;
}

export async function savePasswordHash(db: Database, userId: number, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, userId));
}
