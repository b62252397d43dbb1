import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '#src/config/config';
import type { DbHandle } from '#src/db/client';
import { buildApp } from '#src/server/build-app';
import { UsageStore } from '#src/usage/usage-store';

export type TestApp = { app: FastifyInstance; usage: UsageStore; dataDir: string; close(): Promise<void> };

/** The real application over a test database and a fresh usage store in a temp directory. */
export async function buildTestApp(handle: DbHandle): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vipdesk-app-'));
  const config = loadConfig({
    VIPDESK_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    VIPDESK_DUCKDB_MEMORY_LIMIT: '1GB',
  });
  const usage = await UsageStore.open({ usageDir: config.usageDir, memoryLimit: config.duckdbMemoryLimit });
  const app = await buildApp(config, { stores: { handle, usage }, logger: false });
  return {
    app,
    usage,
    dataDir,
    close: async () => {
      await app.close();
      await usage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
