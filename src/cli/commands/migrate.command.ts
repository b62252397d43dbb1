import type { Command } from 'commander';
import { configOrExit, withStores } from '../context';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('create or update the relational schema (the server also does this at start)')
    .action(async () => {
      const config = configOrExit();
      // Opening the stores applies pending migrations.
      await withStores(config, async () => undefined);
      console.log(`Schema up to date (${config.database.kind}).`);
    });
}
