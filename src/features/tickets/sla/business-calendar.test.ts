import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  alwaysOpenCalendar,
  businessCalendar,
  businessMinutesBetween,
  DEFAULT_BUSINESS_CALENDAR,
  isBusinessTime,
} from './business-calendar';
import { CHINA_PUBLIC_HOLIDAYS } from './china-public-holidays';

/** A Beijing wall-clock time, 'YYYY-MM-DD HH:MM'. */
const bj = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+08:00`);
const cal = DEFAULT_BUSINESS_CALENDAR;

describe('China public holidays', () => {
  it('declares only weekend days as adjusted working days, never a holiday', () => {
    for (const year of Object.values(CHINA_PUBLIC_HOLIDAYS)) {
      for (const date of year.adjustedWorkdays) {
        expect([0, 6], date).toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
        expect(year.holidays).not.toContain(date);
      }
    }
  });

  it('holds the days off of the State Council notices for 2025 and 2026', () => {
    expect(CHINA_PUBLIC_HOLIDAYS[2025]?.holidays).toHaveLength(28);
    expect(CHINA_PUBLIC_HOLIDAYS[2026]?.holidays).toHaveLength(33);
    expect(CHINA_PUBLIC_HOLIDAYS[2026]?.holidays).toContain('2026-02-23');
  });
});

describe('isBusinessTime', () => {
  it('is open from 09:00 until just before 18:00 on a working Monday', () => {
    expect(isBusinessTime(bj('2025-03-03 08:59'), cal)).toBe(false);
    expect(isBusinessTime(bj('2025-03-03 09:00'), cal)).toBe(true);
    expect(isBusinessTime(bj('2025-03-03 17:59'), cal)).toBe(true);
    expect(isBusinessTime(bj('2025-03-03 18:00'), cal)).toBe(false);
  });

  it('is closed on weekends and public holidays', () => {
    expect(isBusinessTime(bj('2025-03-08 10:00'))).toBe(false);
    expect(isBusinessTime(bj('2025-10-01 10:00'))).toBe(false);
    expect(isBusinessTime(bj('2026-06-19 10:00'))).toBe(false);
  });

  it('is open on weekend days declared working days (调休)', () => {
    for (const day of [
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
      '2026-02-14',
      '2026-10-10',
    ]) {
      expect(isBusinessTime(bj(`${day} 10:00`)), day).toBe(true);
    }
  });

  it('follows configured hours per weekday', () => {
    const saturdays = businessCalendar({ weekly: { sat: { open: '09:00', close: '12:00' } } });
    expect(isBusinessTime(bj('2025-03-08 11:59'), saturdays)).toBe(true);
    expect(isBusinessTime(bj('2025-03-08 12:00'), saturdays)).toBe(false);
  });

  it('is always open on a 24×7 calendar, holidays included', () => {
    expect(isBusinessTime(bj('2025-10-01 03:00'), alwaysOpenCalendar())).toBe(true);
  });

  it('rejects malformed or inverted hours', () => {
    expect(() => businessCalendar({ weekly: { mon: { open: '9:00', close: '18:00' } } })).toThrow(/mon/);
    expect(() => businessCalendar({ weekly: { tue: { open: '18:00', close: '09:00' } } })).toThrow(/tue/);
  });
});

describe('addBusinessMinutes', () => {
  it('carries what is left on Friday evening over to Monday morning', () => {
    expect(addBusinessMinutes(bj('2025-03-07 17:30'), 60, cal)).toEqual(bj('2025-03-10 09:30'));
  });

  it('starts the clock at the next opening when started outside hours', () => {
    expect(addBusinessMinutes(bj('2025-03-08 12:00'), 30, cal)).toEqual(bj('2025-03-10 09:30'));
    expect(addBusinessMinutes(bj('2025-03-11 07:00'), 30, cal)).toEqual(bj('2025-03-11 09:30'));
    expect(addBusinessMinutes(bj('2025-03-11 19:00'), 30, cal)).toEqual(bj('2025-03-12 09:30'));
  });

  it('skips the National Day week', () => {
    expect(addBusinessMinutes(bj('2025-09-30 17:00'), 120, cal)).toEqual(bj('2025-10-09 10:00'));
  });

  it('works on the Sunday declared a working day (调休)', () => {
    expect(addBusinessMinutes(bj('2025-09-26 17:00'), 120, cal)).toEqual(bj('2025-09-28 10:00'));
  });

  it('crosses the 2026 Spring Festival through its adjusted Saturday', () => {
    expect(addBusinessMinutes(bj('2026-02-13 17:00'), 600, cal)).toEqual(bj('2026-02-14 18:00'));
    expect(addBusinessMinutes(bj('2026-02-13 17:00'), 660, cal)).toEqual(bj('2026-02-24 10:00'));
  });

  it('returns the start itself for zero minutes', () => {
    expect(addBusinessMinutes(bj('2025-03-08 12:00'), 0, cal)).toEqual(bj('2025-03-08 12:00'));
  });

  it('counts round the clock on a 24×7 calendar', () => {
    expect(addBusinessMinutes(bj('2025-10-01 00:00'), 1440, alwaysOpenCalendar())).toEqual(
      bj('2025-10-02 00:00'),
    );
  });

  it('keeps local hours across a daylight-saving change', () => {
    const newYork = businessCalendar({ timeZone: 'America/New_York', holidays: [], adjustedWorkdays: [] });
    // Friday 17:00 EST, and 10:00 EDT the Monday after clocks went forward.
    expect(addBusinessMinutes(new Date('2025-03-07T22:00:00Z'), 120, newYork)).toEqual(
      new Date('2025-03-10T14:00:00Z'),
    );
  });

  it('refuses a calendar that never opens', () => {
    const closed = businessCalendar({
      weekly: { mon: null, tue: null, wed: null, thu: null, fri: null },
      adjustedWorkdays: [],
    });
    expect(() => addBusinessMinutes(bj('2025-03-03 09:00'), 1, closed)).toThrow(RangeError);
  });
});

describe('businessMinutesBetween', () => {
  it('counts only opening hours over a weekend', () => {
    expect(businessMinutesBetween(bj('2025-03-07 17:00'), bj('2025-03-10 10:00'), cal)).toBe(120);
  });

  it('counts one working day across the National Day week', () => {
    expect(businessMinutesBetween(bj('2025-09-30 09:00'), bj('2025-10-09 09:00'), cal)).toBe(540);
  });

  it('is zero when the end is not after the start', () => {
    expect(businessMinutesBetween(bj('2025-03-10 10:00'), bj('2025-03-07 17:00'), cal)).toBe(0);
  });

  const instant = fc
    .integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2026-12-01T00:00:00Z') })
    .map((ms) => new Date(ms));

  it('undoes addBusinessMinutes, and the due instant never precedes the start', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        (start, minutes, roundTheClock) => {
          const calendar = roundTheClock ? alwaysOpenCalendar() : cal;
          const due = addBusinessMinutes(start, minutes, calendar);
          expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
          expect(businessMinutesBetween(start, due, calendar)).toBe(minutes);
        },
      ),
      { numRuns: 200 },
    );
  });
});
