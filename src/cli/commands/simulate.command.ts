import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '#src/config/config';
import { seedReferenceData } from '#src/features/reference-data/seed-reference-data';
import { runScoring } from '#src/features/scoring/runs/run-scoring';
import { scoringContextFor } from '#src/features/scoring/runs/scoring-context';
import { DEFAULT_SIMULATION, simulateMonth } from '#src/features/simulation/simulate-month';
import { formatSimulationReport } from '#src/features/simulation/simulation-report';
import { configOrExit, withStores } from '../context';
import { loadDemoOperator } from './demo.command';

type Options = { subscribers: number; seed: number; holdout: number };

/**
 * `vipdesk simulate month`: a demo operator in a scratch embedded database (never the configured
 * one — the simulation writes churn), a month of the retention loop with outcomes drawn from the
 * planted truth, and the results report next to what was planted.
 */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .argument('<what>', "what to simulate: 'month'")
    .description(
      'simulate a month of the retention loop on a scratch demo operator and print the results report',
    )
    .option('--subscribers <n>', 'demo subscribers', (v) => Number(v), 20_000)
    .option('--seed <n>', 'seed of the planted call outcomes', (v) => Number(v), DEFAULT_SIMULATION.seed)
    .option(
      '--holdout <share>',
      'holdout share of the campaign',
      (v) => Number(v),
      DEFAULT_SIMULATION.holdoutShare,
    )
    .action(async (what: string, options: Options) => {
      if (what !== 'month') throw new Error(`simulate: only 'month' is known, got '${what}'`);
      const scratch = await mkdtemp(join(tmpdir(), 'vipdesk-simulation-'));
      try {
        // The configured settings, but always a scratch embedded database: the simulation writes churn.
        const configured = configOrExit();
        const config: Config = {
          ...configured,
          database: { kind: 'pglite', dataDir: join(scratch, 'pglite') },
          dataDir: scratch,
          usageDir: join(scratch, 'usage'),
        };
        await withStores(config, async (stores) => {
          await loadDemoOperator(config, stores, { subscribers: options.subscribers, months: 6, seed: 1 });
          await seedReferenceData(stores.handle.db);
          console.log('Scoring the demo operator …');
          await runScoring(scoringContextFor(config, stores), { trigger: 'cli' });
          const started = performance.now();
          const report = await simulateMonth(stores.handle, {
            ...DEFAULT_SIMULATION,
            seed: options.seed,
            holdoutShare: options.holdout,
            timeZone: config.timeZone,
            onDay: (line) => console.log(`  ${line}`),
          });
          console.log(`\nSimulated month (${((performance.now() - started) / 1000).toFixed(0)} s):`);
          for (const line of formatSimulationReport(report)) console.log(line);
        });
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    });
}
