import { Command } from 'commander';
import { registerDemoCommand } from './commands/demo.command';
import { registerForecastCommand } from './commands/forecast.command';
import { registerImportCommand } from './commands/import.command';
import { registerMigrateCommand } from './commands/migrate.command';
import { registerModelCommand } from './commands/model.command';
import { registerScoreCommand } from './commands/score.command';
import { registerServiceCommands } from './commands/service.command';
import { registerSimulateCommand } from './commands/simulate.command';
import { registerStartCommand } from './commands/start.command';
import { registerUserCommand } from './commands/user.command';

const program = new Command()
  .name('vipdesk')
  .description(
    'vipdesk — keep a mobile operator’s most valuable subscribers.\n' +
      'Configuration comes from the environment: DATABASE_URL (unset = embedded PGlite), VIPDESK_DATA_DIR,\n' +
      'PORT, HOST, LOG_LEVEL, VIPDESK_TIMEZONE, VIPDESK_DEMO_SUBSCRIBERS, VIPDESK_DUCKDB_MEMORY_LIMIT.',
  )
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: true });

registerStartCommand(program);
registerSimulateCommand(program);
registerMigrateCommand(program);
registerImportCommand(program);
registerDemoCommand(program);
registerModelCommand(program);
registerScoreCommand(program);
registerServiceCommands(program);
registerForecastCommand(program);
registerUserCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`vipdesk: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
