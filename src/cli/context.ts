import { type Config, ConfigError, loadConfig } from '#src/config/config';
import type { IngestContext } from '#src/features/ingest/import-report';
import { closeStores, openStores, type Stores } from '#src/server/stores';

/** Loads the configuration or ends the process with every problem listed (exit code 2). */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

/** Opens both stores for one command and always closes them, whatever the command does. */
export async function withStores<T>(config: Config, work: (stores: Stores) => Promise<T>): Promise<T> {
  const stores = await openStores(config);
  try {
    return await work(stores);
  } finally {
    await closeStores(stores);
  }
}

export function ingestContext(config: Config, stores: Stores): IngestContext {
  return { handle: stores.handle, usage: stores.usage, timeZone: config.timeZone };
}
