import { and, desc, eq } from 'drizzle-orm';
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

export async function findServiceSettingsVersion(
  db: Database,
  kind: string,
  version: number,
): Promise<StoredServiceSettingsVersion | undefined> {
  const [row] = await db
    .select()
    .from(serviceSettingsVersions)
    .where(and(eq(serviceSettingsVersions.kind, kind), eq(serviceSettingsVersions.version, version)));
  return row;
}

/** Appends a version; the primary key refuses a concurrent writer that picked the same number. */
export async function insertServiceSettingsVersion(
  db: Database,
  row: { kind: string; version: number; document: unknown; note: string | null; createdBy: number | null },
): Promise<StoredServiceSettingsVersion> {
  const [stored] = await db.insert(serviceSettingsVersions).values(row).returning();
  if (!stored) throw new Error('service settings insert returned nothing');
  return stored;
}
