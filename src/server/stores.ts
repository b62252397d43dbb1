import type { Config } from '#src/config/config';
import { type DbHandle, openDatabase, type WarnLogger } from '#src/db/client';
import { migrateDatabase } from '#src/db/migrate';
import { UsageStore } from '#src/usage/usage-store';

/** The two stores every feature works over: relational (people and work) and columnar (usage). */
export type Stores = { handle: DbHandle; usage: UsageStore };

/** Opens both stores and brings the relational schema up to date (migrations are idempotent). */
export async function openStores(config: Config, logger?: WarnLogger): Promise<Stores> {
  const handle = await openDatabase(config.database, logger);
  try {
    await migrateDatabase(handle.engine);
    const usage = await UsageStore.open({ usageDir: config.usageDir, memoryLimit: config.duckdbMemoryLimit });
    return { handle, usage };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

export async function closeStores(stores: Stores): Promise<void> {
  await stores.usage.close();
  await stores.handle.close();
}
