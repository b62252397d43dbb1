import { addDays, daysBetween } from '#src/lib/months';

/**
 * ISO weeks (Monday start) on plain calendar dates, in the business time zone's calendar: the
 * hot spots count complaints per week, and a week is named by its Monday (`2026-11-16`) in the API
 * and by its ISO label (`2026-W47`) in work-order titles.
 */

/** 0 = Monday … 6 = Sunday. */
function weekdayIndex(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function isMonday(date: string): boolean {
  return weekdayIndex(date) === 0;
}

/** The Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  return addDays(date, -weekdayIndex(date));
}

export function addWeeks(monday: string, weeks: number): string {
  return addDays(monday, weeks * 7);
}

/** Whole weeks from one Monday to another (negative when `to` is earlier). */
export function weeksBetween(from: string, to: string): number {
  return Math.round(daysBetween(from, to) / 7);
}

/** `2026-W47`: the ISO year is the year of the week's Thursday. */
export function isoWeekLabel(date: string): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Mondays from `first` to `last` inclusive, oldest first. */
export function mondaysFrom(first: string, last: string): string[] {
  const weeks: string[] = [];
  for (let monday = first; monday <= last; monday = addWeeks(monday, 1)) weeks.push(monday);
  return weeks;
}

/** The earlier of two dates (YYYY-MM-DD compares as text). */
export function earlierDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function laterDate(a: string, b: string): string {
  return a > b ? a : b;
}
