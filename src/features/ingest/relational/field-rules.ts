import { parseYuanToFen } from '#src/lib/money';
import { wallTimeToUtc } from '#src/lib/zoned-time';

/**
 * Why a cell was refused. Parsers return the parsed value or an Invalid, so the common case
 * allocates nothing; fixed reasons are shared instances.
 */
export class Invalid {
  constructor(readonly reason: string) {}
}

const INT4_MAX = 2_147_483_647;

const NOT_A_DATE = new Invalid('is not a date in YYYY-MM-DD form');
const NOT_A_CALENDAR_DATE = new Invalid('is not a real calendar date');
const NOT_A_DATE_TIME = new Invalid(
  'is not a date-time such as 2026-10-03T14:05:00+08:00 or 2026-10-03 14:05 (business time zone)',
);
const NOT_AN_AMOUNT = new Invalid('is not an amount in yuan such as 128 or 58.50');
const NEGATIVE_AMOUNT = new Invalid('is negative; amounts must be 0 or more');
const TOO_MANY_DECIMALS = new Invalid('has more than 2 decimals; amounts are yuan to the fen (e.g. 58.50)');
const AMOUNT_TOO_LARGE = new Invalid('is too large for an amount');
const NOT_A_COUNT = new Invalid('is not a whole number of 0 or more');
const COUNT_TOO_LARGE = new Invalid('is too large');
const NOT_A_BOOLEAN = new Invalid('is not a yes/no value (true/false, 1/0, yes/no, 是/否)');

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const AMOUNT = /^(-?)(\d+)(?:\.(\d+))?$/;
const COUNT = /^\d{1,10}$/;

/** `YYYY-MM-DD` that exists in the calendar (2026-02-30 does not); returns the same text. */
export function parseIsoDate(text: string): string | Invalid {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NOT_A_DATE;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  if (year < 0 || month < 0 || day < 0) return NOT_A_DATE;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return NOT_A_CALENDAR_DATE;
  }
  return text;
}

/**
 * ISO 8601 date-time → epoch milliseconds. With an offset (Z, +08:00) it is exact; without one
 * it is read as wall-clock time in `timeZone`. A bare date means midnight there.
 */
export function parseDateTime(text: string, timeZone: string): number | Invalid {
  const match = DATE_TIME.exec(text);
  if (!match) return NOT_A_DATE_TIME;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return NOT_A_CALENDAR_DATE;
  if (hour > 23 || minute > 59 || second > 59) return NOT_A_DATE_TIME;
  const millis = fraction === '' ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (offset === undefined) return wallTimeToUtc(wall, timeZone);
  if (offset.toUpperCase() === 'Z') return wall;
  const sign = offset.startsWith('-') ? -1 : 1;
  const offsetDigits = offset.slice(1).replace(':', '');
  const offsetHours = Number(offsetDigits.slice(0, 2));
  const offsetMinutes = Number(offsetDigits.slice(2) || '0');
  if (offsetHours > 14 || offsetMinutes > 59) return NOT_A_DATE_TIME;
  return wall - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** Yuan with at most two decimals, 0 or more → integer fen. */
export function parseMoneyFen(text: string): number | Invalid {
  const match = AMOUNT.exec(text);
  if (!match) return NOT_AN_AMOUNT;
  const [, sign, whole = '', fraction = ''] = match;
  if (sign === '-') return NEGATIVE_AMOUNT;
  if (fraction.length > 2) return TOO_MANY_DECIMALS;
  if (whole.length > 8) return AMOUNT_TOO_LARGE;
  const fen = parseYuanToFen(text);
  if (fen === undefined) return NOT_AN_AMOUNT;
  return fen > INT4_MAX ? AMOUNT_TOO_LARGE : fen;
}

/** A whole number ≥ 0 that fits the integer columns. */
export function parseCount(text: string): number | Invalid {
  if (!COUNT.test(text)) return NOT_A_COUNT;
  const value = Number(text);
  return value > INT4_MAX ? COUNT_TOO_LARGE : value;
}

const BOOLEANS = new Map<string, boolean>([
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
  ['yes', true],
  ['no', false],
  ['是', true],
  ['否', false],
]);

export function parseBoolean(text: string): boolean | Invalid {
  // The exact text first: most files are already lower case, and lowering copies the cell.
  return BOOLEANS.get(text) ?? BOOLEANS.get(text.toLowerCase()) ?? NOT_A_BOOLEAN;
}

/** A parser for one vocabulary: canonical values plus aliases (e.g. 全球通 → gotone), ASCII case-insensitive. */
export type ChoiceParser<T extends string> = (text: string) => T | Invalid;

export function choiceOf<T extends string>(
  values: readonly T[],
  aliases: Readonly<Record<string, T>> = {},
): ChoiceParser<T> {
  const lookup = new Map<string, T>();
  for (const value of values) lookup.set(value.toLowerCase(), value);
  for (const [alias, value] of Object.entries(aliases)) lookup.set(alias.toLowerCase(), value);
  const refused = new Invalid(`is not one of ${[...values, ...Object.keys(aliases)].join(', ')}`);
  // Keys are lower case, so an exact hit is the same answer without copying the cell.
  return (text) => lookup.get(text) ?? lookup.get(text.toLowerCase()) ?? refused;
}

/** Length in characters as people count them (code points), not UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function digitsAt(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i += 1) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
