import { desc, eq } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { scoringSettingsVersions } from '#src/db/schema/scoring';

export type StoredSettingsVersion = typeof scoringSettingsVersions.$inferSelect;

export async function findLatestSettingsVersion(db: Database): Promise<StoredSettingsVersion | undefined> {
  const [row] = await db
    .select()
    .from(scoringSettingsVersions)
    .orderBy(desc(scoringSettingsVersions.version))
    .limit(1);
  return row;
}

export async function findSettingsVersion(
  db: Database,
  version: number,
): Promise<StoredSettingsVersion | undefined> {
  const [row] = await db
    .select()
    .from(scoringSettingsVersions)
    .where(eq(scoringSettingsVersions.version, version));
  return row;
}

export async function listSettingsVersions(
  db: Database,
): Promise<Pick<StoredSettingsVersion, 'version' | 'note' | 'createdBy' | 'createdAt'>[]> {
  return db
    .select({
      version: scoringSettingsVersions.version,
      note: scoringSettingsVersions.note,
      createdBy: scoringSettingsVersions.createdBy,
      createdAt: scoringSettingsVersions.createdAt,
    })
    .from(scoringSettingsVersions)
    .orderBy(desc(scoringSettingsVersions.version));
}

/** Appends a version; the primary key refuses a concurrent writer that picked the same number. */
export async function insertSettingsVersion(
  db: Database,
  row: { version: number; document: unknown; note: string | null; createdBy: number | null },
): Promise<StoredSettingsVersion> {
  const [stored] = await db.insert(scoringSettingsVersions).values(row).returning();
  if (!stored) throw new Error('settings insert returned nothing');
  return stored;
}
