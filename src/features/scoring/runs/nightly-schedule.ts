import { Cron } from 'croner';
import { AppError } from '#src/lib/app-error';
import { runScoring, type ScoringContext } from './run-scoring';

export type ScheduleLogger = {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
};

/**
 * Scores every subscriber on the configured cron pattern in the business time zone while the
 * server runs. A tick that finds a run already going (someone started one by hand) skips.
 */
export function scheduleNightlyScoring(
  ctx: ScoringContext,
  pattern: string,
  logger: ScheduleLogger,
): { stop(): void; nextRun(): Date | null } {
  const job = new Cron(pattern, { timezone: ctx.timeZone, protect: true }, async () => {
    try {
      const summary = await runScoring(ctx, { trigger: 'schedule' });
      logger.info(
        { runId: summary.runId, subscribers: summary.subscribers, seconds: summary.seconds.total },
        'nightly scoring run finished',
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') {
        logger.info({ reason: error.message }, 'nightly scoring skipped');
        return;
      }
      logger.error({ err: error }, 'nightly scoring run failed');
    }
  });
  return { stop: () => job.stop(), nextRun: () => job.nextRun() };
}
