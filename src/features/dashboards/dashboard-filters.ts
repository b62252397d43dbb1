import { z } from 'zod';
import { OPERATING_TIERS } from '#src/features/scoring/rules/operating-tier';
import { AppError } from '#src/lib/app-error';
import { addDays, daysBetween, isCalendarDate, monthEnd } from '#src/lib/months';

/**
 * The console's common dashboard filters: region (`city`, as scoring stored it), operating tier,
 * and time as either `period` (a calendar month) or `from`/`to` (calendar days, inclusive).
 * Strict objects: a filter a dashboard does not take is refused by name instead of silently ignored.
 */
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const cityFilter = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(40, { error: 'must be at most 40 characters' })
  .describe('Region: the city as stored on the scores (e.g. 南京市)');
export const tierFilter = z.enum(OPERATING_TIERS).describe('Operating tier');
export const periodFilter = z
  .string()
  .regex(MONTH, { error: 'must be a month YYYY-MM' })
  .describe('A calendar month, YYYY-MM (instead of from/to)');
const day = z.string().refine(isCalendarDate, { error: 'must be a date YYYY-MM-DD' });

export const scoreFilterFields = { city: cityFilter.optional(), tier: tierFilter.optional() };
export const timeFilterFields = {
  period: periodFilter.optional(),
  from: day.optional().describe('First day, inclusive (YYYY-MM-DD)'),
  to: day.optional().describe('Last day, inclusive (YYYY-MM-DD)'),
};

export type ScoreFilter = { city?: string | undefined; tier?: string | undefined };
export type TimeFilter = { period?: string | undefined; from?: string | undefined; to?: string | undefined };
export type DayRange = { from: string; to: string };

/** The longest range a dashboard covers: a year, so a typo in a year cannot scan everything. */
export const MAX_RANGE_DAYS = 366;

export function invalidFilter(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `The request is invalid: ${path} ${message}`, {
    issues: [{ path, message }],
  });
}

/**
 * The days a time filter asks for, or undefined when it names none (each dashboard has its own
 * default). `period` and `from`/`to` are two ways of saying the same thing: both at once is refused.
 */
export function requestedRange(filter: TimeFilter): Partial<DayRange> & { given: boolean } {
  if (filter.period !== undefined) {
    if (filter.from !== undefined || filter.to !== undefined) {
      throw invalidFilter('querystring.period', 'cannot be combined with from/to');
    }
    return { from: `${filter.period}-01`, to: monthEnd(filter.period), given: true };
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    throw invalidFilter('querystring.to', 'must not be before from');
  }
  return { from: filter.from, to: filter.to, given: filter.from !== undefined || filter.to !== undefined };
}

/** A bounded day range: the requested one, else the `defaultDays` ending today. */
export function boundedRange(filter: TimeFilter, today: string, defaultDays: number): DayRange {
  const asked = requestedRange(filter);
  const to = asked.to ?? today;
  const from = asked.from ?? addDays(to, -(defaultDays - 1));
  if (from > to) throw invalidFilter('querystring.from', 'must not be after to');
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) {
    throw invalidFilter('querystring.from', `the range may span at most ${MAX_RANGE_DAYS} days`);
  }
  return { from, to };
}
