/**
 * Calendar-date arithmetic on 'YYYY-MM-DD' strings, done in UTC so the result never depends on the
 * server's zone or clock: the rules only ever move between dates they were given.
 */
const DAY_MS = 86_400_000;

function toUtcMs(date: string): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** Completed years of age on `on` for someone born on `birthDate`. */
export function ageOn(birthDate: string, on: string): number {
  const [by = 0, bm = 1, bd = 1] = birthDate.split('-').map(Number);
  const [y = 0, m = 1, d = 1] = on.split('-').map(Number);
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The first birthday on or after `on`; 29 February falls on 28 February in common years. */
export function nextBirthday(birthDate: string, on: string): string {
  const [, month = 1, day = 1] = birthDate.split('-').map(Number);
  const year = Number(on.slice(0, 4));
  const thisYear = birthdayIn(year, month, day);
  return thisYear >= on ? thisYear : birthdayIn(year + 1, month, day);
}

function birthdayIn(year: number, month: number, day: number): string {
  const d = month === 2 && day === 29 && !isLeapYear(year) ? 28 : day;
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
