import { AppError } from '#src/lib/app-error';
import { addDays, daysBetween } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import { endOfDayUtc, wallTimeToUtc } from '#src/lib/zoned-time';

/** The longest period one report covers: a year, so a typo in a year cannot scan everything. */
export const MAX_REPORT_DAYS = 366;
export const DEFAULT_REPORT_DAYS = 30;

export type ReportPeriod = {
  from: string;
  to: string;
  /** First instant of `from` and the first instant after `to`, in the business time zone. */
  start: Date;
  end: Date;
};

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `The request is invalid: ${path} ${message}`, {
    issues: [{ path, message }],
  });
}

export function startOfDayUtc(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return wallTimeToUtc(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1), timeZone);
}

/**
 * Calendar days from `from` to `to` inclusive, as business-zone days: a ticket opened at 23:30 in
 * Shanghai on the 31st belongs to the 31st, whatever the server's zone. Default: the last 30 days.
 */
export function reportPeriod(
  query: { from?: string | undefined; to?: string | undefined },
  timeZone: string,
  now: Date,
): ReportPeriod {
  const to = query.to ?? todayIn(timeZone, now);
  const from = query.from ?? addDays(to, -(DEFAULT_REPORT_DAYS - 1));
  if (from > to) throw invalid('querystring.from', 'must not be after to');
  if (daysBetween(from, to) >= MAX_REPORT_DAYS) {
    throw invalid('querystring.from', `the period may span at most ${MAX_REPORT_DAYS} days`);
  }
  return {
    from,
    to,
    start: new Date(startOfDayUtc(from, timeZone)),
    end: new Date(endOfDayUtc(to, timeZone) + 1),
  };
}
