import type { Command } from 'commander';
import { count } from 'drizzle-orm';
import { subscribers } from '#src/db/schema/subscribers';
import { users } from '#src/db/schema/users';
import { startDailySummaryJob } from '#src/features/daily-summary/daily-summary-job';
import { startDemoCampaigns } from '#src/features/demo/demo-campaigns';
import { startDemoService } from '#src/features/demo/demo-service';
import { failInterruptedImports } from '#src/features/ingest/import-runs.repository';
import { seedReferenceData } from '#src/features/reference-data/seed-reference-data';
import { recoverInterruptedRuns } from '#src/features/scoring/runs/interrupted-runs';
import { scheduleNightlyScoring } from '#src/features/scoring/runs/nightly-schedule';
import { runScoring } from '#src/features/scoring/runs/run-scoring';
import { scoringContextFor } from '#src/features/scoring/runs/scoring-context';
import { failUnfinishedReportJobs } from '#src/features/service-report/report-jobs.repository';
import { startSmsSender } from '#src/features/sms/sms-sender';
import { startSlaSweep } from '#src/features/tickets/sla-sweep';
import { createLogger } from '#src/lib/logger';
import { buildApp } from '#src/server/build-app';
import { closeStores, openStores } from '#src/server/stores';
import { configOrExit } from '../context';
import { loadDemoOperator } from './demo.command';
import { printSummary } from './score.command';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the vipdesk server (loads the demo operator on first start of an empty store)')
    .action(async () => {
      const config = configOrExit();
      // The pool's own logger: a lost PostgreSQL connection is a warning in the log, not silence.
      const stores = await openStores(config, createLogger(config.logLevel));
      try {
        const [row] = await stores.handle.db.select({ n: count() }).from(subscribers);
        await seedReferenceData(stores.handle.db);
        const scoring = scoringContextFor(config, stores);
        if ((row?.n ?? 0) === 0 && config.demoSubscribers > 0) {
          await loadDemoOperator(config, stores, { subscribers: config.demoSubscribers, months: 6, seed: 1 });
          console.log('Scoring the demo operator …');
          printSummary(await runScoring(scoring, { trigger: 'first_start' }));
          // Tickets before campaigns: an open VIP ticket suppresses sales offers in today's plan.
          const service = await startDemoService(stores.handle, new Date());
          console.log(
            `Demo service desk: ${service.groups} service groups, ${service.tickets} tickets ` +
              `(${service.openTickets} still open) from the imported complaints`,
          );
          const day = await startDemoCampaigns(stores.handle, config.contactPolicy);
          console.log(
            `Demo campaigns: ${day.campaigns} launched with ${day.members} members (10% held out); ` +
              `today's plan: ${day.plannedCalls} calls`,
          );
        }
        // A report job a restart interrupted will never finish: say so instead of showing it running.
        await failUnfinishedReportJobs(stores.handle.db);
        // Likewise an import a kill cut off; its Idempotency-Key may then run it again.
        await failInterruptedImports(stores.handle.db);
        // Likewise a scoring run a kill cut short: marked interrupted, its work files removed.
        await recoverInterruptedRuns(scoring);
        const app = await buildApp(config, { stores });
        const schedule = config.scoringSchedule
          ? scheduleNightlyScoring(scoring, config.scoringSchedule, app.log)
          : undefined;
        const smsSender = startSmsSender({
          handle: stores.handle,
          config: config.sms,
          logger: app.log,
          policy: config.contactPolicy,
        });
        const slaSweep = startSlaSweep({ handle: stores.handle, logger: app.log });
        // Each team's daily summary is written as a CSV file every morning for the team leads.
        const summaries = startDailySummaryJob({
          handle: stores.handle,
          logger: app.log,
          dataDir: config.dataDir,
          timeZone: config.timeZone,
          at: '07:30',
        });
        app.addHook('onClose', async () => {
          schedule?.stop();
          summaries.stop();
          await slaSweep.stop();
          await smsSender.stop();
          await closeStores(stores);
        });
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
        const [people] = await stores.handle.db.select({ n: count() }).from(users);
        if ((people?.n ?? 0) === 0) {
          console.log('No users yet: create the first admin with `vipdesk user add <username> --role admin`');
        }
        const next = schedule?.nextRun();
        if (next)
          console.log(
            `Next scheduled scoring run: ${next.toISOString()} (${config.scoringSchedule}, ${config.timeZone})`,
          );
      } catch (error) {
        await closeStores(stores);
        throw error;
      }
    });
}
