import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { scripts } from '#src/db/schema/offers';
import { users } from '#src/db/schema/users';

export type StoredScript = typeof scripts.$inferSelect & { updatedBy: string | null };

const columns = {
  id: scripts.id,
  code: scripts.code,
  scenario: scripts.scenario,
  titleZh: scripts.titleZh,
  titleEn: scripts.titleEn,
  content: scripts.content,
  version: scripts.version,
  updatedByUserId: scripts.updatedByUserId,
  updatedAt: scripts.updatedAt,
  updatedBy: users.username,
};

export async function listScriptRows(db: Database): Promise<StoredScript[]> {
  return db
    .select(columns)
    .from(scripts)
    .leftJoin(users, eq(users.id, scripts.updatedByUserId))
    .orderBy(asc(scripts.code));
}

export async function findScriptByCode(db: Database, code: string): Promise<StoredScript | undefined> {
  const [row] = await db
    .select(columns)
    .from(scripts)
    .leftJoin(users, eq(users.id, scripts.updatedByUserId))
    .where(eq(scripts.code, code));
  return row;
}

export type ScriptUpdate = {
  content: unknown;
  titleZh?: string | undefined;
  titleEn?: string | undefined;
  userId: number;
  /** When given, the update only applies to this version (someone else's save in between wins). */
  expectedVersion?: number | undefined;
};

/** Saves the next version in one statement, so two saves can never both become version n + 1. */
export async function updateScriptRow(
  db: Database,
  code: string,
  update: ScriptUpdate,
): Promise<{ version: number; previousVersion: number } | undefined> {
  const condition =
    update.expectedVersion === undefined
      ? eq(scripts.code, code)
      : and(eq(scripts.code, code), eq(scripts.version, update.expectedVersion));
  const [row] = await db
    .update(scripts)
    .set({
      content: update.content,
      ...(update.titleZh === undefined ? {} : { titleZh: update.titleZh }),
      ...(update.titleEn === undefined ? {} : { titleEn: update.titleEn }),
      version: sql`${scripts.version} + 1`,
      updatedByUserId: update.userId,
      updatedAt: new Date(),
    })
    .where(condition)
    .returning({ version: scripts.version });
  return row ? { version: row.version, previousVersion: row.version - 1 } : undefined;
}
