/**
 * Calendar-date arithmetic on 'YYYY-MM-DD' strings, done in UTC so the result never depends on the
 * server's zone or clock: the rules only ever move between dates they were given.
 *
 * A scoring run calls these a few times for each of millions of subscribers, so a well-formed
 * 'YYYY-MM-DD' is read digit by digit and day texts are cached; anything else takes the general
 * path (split on '-'), which gives the same answer for well-formed dates.
 */
const DAY_MS = 86_400_000;

type Ymd = [year: number, month: number, day: number];

/** The three numbers of 'YYYY-MM-DD' as split('-').map(Number) reads them. */
function parts(date: string): Ymd {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const year = digits(date, 0, 4);
    const month = digits(date, 5, 7);
    const day = digits(date, 8, 10);
    if (year >= 0 && month >= 0 && day >= 0) return [year, month, day];
  }
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return [year, month, day];
}

/** The decimal number of text[from, to), or -1 unless every character is a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** True when `date` is exactly 'YYYY-MM-DD' in digits (then digits() reads its fields). */
function wellFormed(date: string): boolean {
  return (
    date.length === 10 &&
    date.charCodeAt(4) === 45 &&
    date.charCodeAt(7) === 45 &&
    digits(date, 0, 4) >= 0 &&
    digits(date, 5, 7) >= 0 &&
    digits(date, 8, 10) >= 0
  );
}

function toUtcMs(date: string): number {
  if (wellFormed(date)) return Date.UTC(digits(date, 0, 4), digits(date, 5, 7) - 1, digits(date, 8, 10));
  const [year, month, day] = parts(date);
  return Date.UTC(year, month - 1, day);
}

const dayTexts = new Map<number, string>();

function fromUtcMs(ms: number): string {
  let text = dayTexts.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString().slice(0, 10);
    // Days a run meets are a few thousand; the bound only guards against a caller walking centuries.
    if (dayTexts.size < 200_000) dayTexts.set(ms, text);
  }
  return text;
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
  if (wellFormed(birthDate) && wellFormed(on)) {
    const bm = digits(birthDate, 5, 7);
    const m = digits(on, 5, 7);
    const hadBirthday = m > bm || (m === bm && digits(on, 8, 10) >= digits(birthDate, 8, 10));
    return digits(on, 0, 4) - digits(birthDate, 0, 4) - (hadBirthday ? 0 : 1);
  }
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(on);
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The first birthday on or after `on`; 29 February falls on 28 February in common years. */
export function nextBirthday(birthDate: string, on: string): string {
  const [, month, day] = parts(birthDate);
  const year = Number(on.slice(0, 4));
  const thisYear = birthdayIn(year, month, day);
  return thisYear >= on ? thisYear : birthdayIn(year + 1, month, day);
}

function birthdayIn(year: number, month: number, day: number): string {
  const d = month === 2 && day === 29 && !isLeapYear(year) ? 28 : day;
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
