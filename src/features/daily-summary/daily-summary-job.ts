import { Cron } from 'croner';
import type { DbHandle } from '#src/db/client';
import type { ScheduleLogger } from '#src/features/scoring/runs/nightly-schedule';
import { todayIn } from '#src/lib/time';
import { writeDailySummaries } from './daily-summary-files';

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** 'HH:MM' as the daily cron pattern croner reads ('30 7 * * *'). */
export function dailyCronPattern(at: string): string {
  const match = CLOCK.exec(at);
  if (!match) throw new RangeError(`at must be HH:MM, got '${at}'`);
  return `${Number(match[2])} ${Number(match[1])} * * *`;
}

/**
 * Writes each team's daily summary CSV every morning at `at` in the business time zone, with the
 * same cron mechanism as the nightly scoring (croner, protect: a slow run is never doubled). A
 * failed morning is logged; the next one tries again.
 */
export function startDailySummaryJob(options: {
  handle: DbHandle;
  logger: ScheduleLogger;
  dataDir: string;
  timeZone: string;
  at?: string;
}): { stop(): void; nextRun(): Date | null } {
  const pattern = dailyCronPattern(options.at ?? '07:30');
  const job = new Cron(pattern, { timezone: options.timeZone, protect: true }, async () => {
    const date = todayIn(options.timeZone);
    try {
      const files = await writeDailySummaries(options.handle, options, date);
      options.logger.info({ date, files: files.length }, 'daily summaries written');
    } catch (error) {
      options.logger.error({ err: error, date }, 'daily summaries failed');
    }
  });
  return { stop: () => job.stop(), nextRun: () => job.nextRun() };
}
