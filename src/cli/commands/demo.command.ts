import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '#src/config/config';
import { createDemoStaff, DEMO_PASSWORD, DEMO_STAFF } from '#src/features/demo/demo-staff';
import { lastCompleteMonth, loadDemo } from '#src/features/demo/load-demo';
import { todayIn } from '#src/lib/time';
import type { Stores } from '#src/server/stores';
import { configOrExit, ingestContext, withStores } from '../context';

export type DemoOptions = { subscribers: number; months: number; seed: number; asOfMonth?: string };

/** Generates the demo operator into the data directory's scratch space, imports it, then tidies up. */
export async function loadDemoOperator(config: Config, stores: Stores, options: DemoOptions): Promise<void> {
  const asOfMonth = options.asOfMonth ?? lastCompleteMonth(todayIn(config.timeZone));
  const workDir = join(config.dataDir, 'demo-work');
  const started = performance.now();
  console.log(
    `Loading the demo operator: ${options.subscribers.toLocaleString('en-US')} subscribers, ` +
      `${options.months} months to ${asOfMonth}, seed ${options.seed} …`,
  );
  try {
    const summary = await loadDemo(ingestContext(config, stores), {
      subscribers: options.subscribers,
      months: options.months,
      seed: options.seed,
      asOfMonth,
      workDir,
      onStage: (stage) => console.log(`  ${stage}`),
    });
    const staff = await createDemoStaff(stores.handle.db, stores.handle.engine);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Demo operator loaded in ${seconds}s: ${JSON.stringify({ ...summary, staff })}`);
    console.log(
      `Demo sign-ins (password ${DEMO_PASSWORD}): ${DEMO_STAFF.map((p) => `${p.username} (${p.role})`).join(', ')}`,
    );
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0)
      throw new Error(`${name} must be a positive whole number, got '${value}'`);
    return n;
  };
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'generate and load a deterministic demo operator (subscribers, plans, bills, usage, planted churn)',
    )
    .option('--subscribers <n>', 'how many subscribers', positiveInt('--subscribers'), 20_000)
    .option('--months <n>', 'months of bills and daily usage', positiveInt('--months'), 6)
    .option('--seed <n>', 'random seed; the same seed gives the same operator', positiveInt('--seed'), 1)
    .option('--as-of <month>', 'last complete billing month YYYY-MM (default: last month)')
    .action(async (opts: { subscribers: number; months: number; seed: number; asOf?: string }) => {
      if (opts.asOf !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.asOf)) {
        throw new Error(`--as-of must be a month like 2026-10, got '${opts.asOf}'`);
      }
      const config = configOrExit();
      await withStores(config, (stores) =>
        loadDemoOperator(config, stores, {
          subscribers: opts.subscribers,
          months: opts.months,
          seed: opts.seed,
          ...(opts.asOf ? { asOfMonth: opts.asOf } : {}),
        }),
      );
    });
}
