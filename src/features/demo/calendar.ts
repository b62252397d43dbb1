/**
 * Calendar arithmetic on plain day numbers (days since 1970-01-01) and `YYYY-MM` strings. The demo
 * lives in business dates, never instants, so the machine's time zone must not matter: everything
 * here goes through UTC.
 */
const MS_PER_DAY = 86_400_000;

export type Day = number;

export function dayOf(date: string): Day {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

export function formatDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

export function addMonths(month: string, count: number): string {
  const year = Number(month.slice(0, 4));
  const index = year * 12 + Number(month.slice(5, 7)) - 1 + count;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

export function firstDayOf(month: string): Day {
  return dayOf(`${month}-01`);
}

export function lastDayOf(month: string): Day {
  return firstDayOf(addMonths(month, 1)) - 1;
}

/** A day `years` whole years before `day` (29 February falls back to the 28th). */
export function yearsBefore(day: Day, years: number): Day {
  const date = formatDay(day);
  const year = Number(date.slice(0, 4)) - years;
  const monthDay = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return dayOf(`${String(year).padStart(4, '0')}-${monthDay}`);
}

/** One billing month with its days laid out once, so daily rows need no date arithmetic. */
export type MonthDays = {
  month: string;
  first: Day;
  last: Day;
  length: number;
  dates: string[];
  /** Saturday or Sunday, per day of the month (index 0 = the 1st). */
  weekend: boolean[];
};

export function monthDays(month: string): MonthDays {
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  const dates: string[] = [];
  const weekend: boolean[] = [];
  for (let day = first; day <= last; day += 1) {
    dates.push(formatDay(day));
    const weekday = weekdayOf(day);
    weekend.push(weekday === 0 || weekday === 6);
  }
  return { month, first, last, length: last - first + 1, dates, weekend };
}

/** The last billing month that has fully ended on `today` (YYYY-MM-DD): on 2026-11-23, 2026-10. */
export function lastCompleteMonth(today: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])-\d{2}$/.test(today))
    throw new Error(`today must be YYYY-MM-DD, got '${today}'`);
  return addMonths(today.slice(0, 7), -1);
}
