import { desc, eq } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { serviceSettingsVersions } from '#src/db/schema/tickets';

export type StoredServiceSettingsVersion = typeof serviceSettingsVersions.$inferSelect;

export async function findLatestServiceSettingsVersion(
  db: Database,
  kind: string,
): Promise<StoredServiceSettingsVersion | undefined> {
  const [row] = await db
    .select()
    .from(serviceSettingsVersions)
    .where(eq(serviceSettingsVersions.kind, kind))
    .orderBy(desc(serviceSettingsVersions.version))
    .limit(1);
  return row;
}

/**
 * Appends a version; undefined when a concurrent writer already took the number (the primary key).
 * ON CONFLICT instead of a caught error: callers write inside a transaction, which a failed insert
 * would abort on PostgreSQL (every later statement refused, a 500 instead of the 409).
 */
export async function insertServiceSettingsVersion(
  db: Database,
  row: { kind: string; version: number; document: unknown; note: string | null; createdBy: number | null },
): Promise<StoredServiceSettingsVersion | undefined> {
  const [stored] = await db.insert(serviceSettingsVersions).values(row).onConflictDoNothing().returning();
  return stored;
}
