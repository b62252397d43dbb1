import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Engine } from './client';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies the committed SQL migrations; the same files run on PGlite and PostgreSQL. */
export async function migrateDatabase(engine: Engine): Promise<void> {
  if (engine.kind === 'pglite') {
    await migratePglite(drizzlePglite(engine.client), { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  await migratePostgres(drizzlePostgres(engine.pool), { migrationsFolder: MIGRATIONS_FOLDER });
}
