/**
 * Billing-month arithmetic on plain strings (YYYY-MM and YYYY-MM-DD), in UTC so the server's own
 * zone never shifts a date. Months are calendar months; no time of day is involved.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function addMonths(month: string, count: number): string {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month (YYYY-MM): '${month}'`);
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + count;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The last day of a month, YYYY-MM-DD. */
export function monthEnd(month: string): string {
  const next = `${addMonths(month, 1)}-01T00:00:00Z`;
  return new Date(Date.parse(next) - 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The latest month that is complete on `date`: its own month when `date` is the month's last day. */
export function lastCompleteMonthOn(date: string): string {
  const month = monthOf(date);
  return monthEnd(month) === date ? month : addMonths(month, -1);
}
