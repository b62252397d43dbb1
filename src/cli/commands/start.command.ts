import type { Command } from 'commander';
import { count } from 'drizzle-orm';
import { subscribers } from '#src/db/schema/subscribers';
import { buildApp } from '#src/server/build-app';
import { closeStores, openStores } from '#src/server/stores';
import { configOrExit } from '../context';
import { loadDemoOperator } from './demo.command';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the vipdesk server (loads the demo operator on first start of an empty store)')
    .action(async () => {
      const config = configOrExit();
      const stores = await openStores(config);
      try {
        const [row] = await stores.handle.db.select({ n: count() }).from(subscribers);
        if ((row?.n ?? 0) === 0 && config.demoSubscribers > 0) {
          await loadDemoOperator(config, stores, { subscribers: config.demoSubscribers, months: 6, seed: 1 });
        }
        const app = await buildApp(config, { stores });
        app.addHook('onClose', async () => closeStores(stores));
        for (const signal of ['SIGINT', 'SIGTERM'] as const) {
          process.once(signal, () => {
            void app.close().then(() => process.exit(0));
          });
        }
        await app.listen({ port: config.port, host: config.host });
        const address = app.server.address();
        const port = typeof address === 'object' && address ? address.port : config.port;
        const where =
          config.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL';
        console.log(`vipdesk is running on http://localhost:${port} (${where}); API docs at /docs`);
      } catch (error) {
        await closeStores(stores);
        throw error;
      }
    });
}
