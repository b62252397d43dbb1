import { wallTimeToUtc, zoneOffsetMs } from '#src/lib/zoned-time';
import { CHINA_ADJUSTED_WORKDAYS, CHINA_HOLIDAYS } from './china-public-holidays';

/** Opening hours of one local day, 'HH:MM' wall-clock times; `close` may be '24:00'. */
export interface DayHours {
  readonly open: string;
  readonly close: string;
}

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface BusinessCalendar {
  readonly timeZone: string;
  /** Hours per weekday; null is closed. */
  readonly weekly: Readonly<Record<Weekday, DayHours | null>>;
  /** Local dates (YYYY-MM-DD) closed whatever the weekday. */
  readonly holidays: ReadonlySet<string>;
  /** Local dates open with `adjustedWorkdayHours` whatever the weekday (调休上班). */
  readonly adjustedWorkdays: ReadonlySet<string>;
  readonly adjustedWorkdayHours: DayHours | null;
}

export interface BusinessCalendarOptions {
  timeZone?: string;
  weekly?: Partial<Record<Weekday, DayHours | null>>;
  holidays?: Iterable<string>;
  adjustedWorkdays?: Iterable<string>;
  adjustedWorkdayHours?: DayHours | null;
}

const OFFICE_HOURS: DayHours = { open: '09:00', close: '18:00' };
const ALL_DAY: DayHours = { open: '00:00', close: '24:00' };
const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
// A calendar with no opening in ten years is misconfigured, not slow.
const MAX_DAYS_SCANNED = 3_660;

/** Mon–Fri 09:00–18:00 Asia/Shanghai with China's public holidays and adjusted working days. */
export function businessCalendar(options: BusinessCalendarOptions = {}): BusinessCalendar {
  const weekly: Record<Weekday, DayHours | null> = {
    sun: null,
    mon: OFFICE_HOURS,
    tue: OFFICE_HOURS,
    wed: OFFICE_HOURS,
    thu: OFFICE_HOURS,
    fri: OFFICE_HOURS,
    sat: null,
    ...options.weekly,
  };
  const adjustedWorkdayHours =
    options.adjustedWorkdayHours === undefined ? weekly.mon : options.adjustedWorkdayHours;
  for (const [day, hours] of Object.entries({ ...weekly, adjusted: adjustedWorkdayHours })) {
    if (hours) assertDayHours(day, hours);
  }
  return {
    timeZone: options.timeZone ?? 'Asia/Shanghai',
    weekly,
    holidays: new Set(options.holidays ?? CHINA_HOLIDAYS),
    adjustedWorkdays: new Set(options.adjustedWorkdays ?? CHINA_ADJUSTED_WORKDAYS),
    adjustedWorkdayHours,
  };
}

/** Open every minute of every day, holidays included: network faults and other calendar-time clocks. */
export function alwaysOpenCalendar(timeZone = 'Asia/Shanghai'): BusinessCalendar {
  return businessCalendar({
    timeZone,
    weekly: {
      sun: ALL_DAY,
      mon: ALL_DAY,
      tue: ALL_DAY,
      wed: ALL_DAY,
      thu: ALL_DAY,
      fri: ALL_DAY,
      sat: ALL_DAY,
    },
    holidays: [],
    adjustedWorkdays: [],
  });
}

export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = businessCalendar();

function assertDayHours(day: string, hours: DayHours): void {
  if (!CLOCK.test(hours.open) || !CLOCK.test(hours.close) || hours.open === '24:00') {
    throw new RangeError(
      `${day}: hours must be HH:MM (close may be 24:00), got ${hours.open}–${hours.close}`,
    );
  }
  if (hours.open >= hours.close)
    throw new RangeError(`${day}: opens at ${hours.open}, after closing at ${hours.close}`);
}

/** Local midnight of the day holding `instantMs`, as a wall-clock time encoded as UTC. */
function localDayOf(instantMs: number, timeZone: string): number {
  const wall = instantMs + zoneOffsetMs(timeZone, instantMs);
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

function hoursOn(localDay: number, calendar: BusinessCalendar): DayHours | null {
  const date = new Date(localDay).toISOString().slice(0, 10);
  if (calendar.holidays.has(date)) return null;
  if (calendar.adjustedWorkdays.has(date)) return calendar.adjustedWorkdayHours;
  return calendar.weekly[WEEKDAYS[new Date(localDay).getUTCDay()] ?? 'sun'];
}

function wallMinutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

interface Opening {
  readonly start: number;
  readonly end: number;
}

/** The instants the local day `localDay` is open, or null when it is closed. */
function openingOn(localDay: number, calendar: BusinessCalendar): Opening | null {
  const hours = hoursOn(localDay, calendar);
  if (!hours) return null;
  return {
    start: wallTimeToUtc(localDay + wallMinutes(hours.open) * MINUTE_MS, calendar.timeZone),
    end: wallTimeToUtc(localDay + wallMinutes(hours.close) * MINUTE_MS, calendar.timeZone),
  };
}

export function isBusinessTime(
  instant: Date,
  calendar: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR,
): boolean {
  const t = instant.getTime();
  const opening = openingOn(localDayOf(t, calendar.timeZone), calendar);
  return opening !== null && t >= opening.start && t < opening.end;
}

/**
 * The instant `minutes` business minutes after `start`. A start outside business hours counts from
 * the next opening; zero minutes returns `start` unchanged.
 */
export function addBusinessMinutes(
  start: Date,
  minutes: number,
  calendar: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR,
): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be ≥ 0, got ${minutes}`);
  const from = start.getTime();
  if (minutes === 0) return new Date(from);
  let remaining = minutes * MINUTE_MS;
  let day = localDayOf(from, calendar.timeZone);
  for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++, day += DAY_MS) {
    const opening = openingOn(day, calendar);
    if (!opening || opening.end <= from) continue;
    const begin = Math.max(from, opening.start);
    const available = opening.end - begin;
    if (remaining <= available) return new Date(begin + remaining);
    remaining -= available;
  }
  throw new RangeError(`calendar has fewer than ${minutes} business minutes in ${MAX_DAYS_SCANNED} days`);
}

/** Business minutes in [a, b); zero when b is not after a. */
export function businessMinutesBetween(
  a: Date,
  b: Date,
  calendar: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR,
): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to <= from) return 0;
  let total = 0;
  const lastDay = localDayOf(to, calendar.timeZone);
  for (let day = localDayOf(from, calendar.timeZone); day <= lastDay; day += DAY_MS) {
    const opening = openingOn(day, calendar);
    if (!opening) continue;
    const overlap = Math.min(to, opening.end) - Math.max(from, opening.start);
    if (overlap > 0) total += overlap;
  }
  return total / MINUTE_MS;
}
