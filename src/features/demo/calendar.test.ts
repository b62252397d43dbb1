import { describe, expect, it } from 'vitest';
import {
  addMonths,
  dayOf,
  formatDay,
  lastCompleteMonth,
  monthDays,
  weekdayOf,
  yearsBefore,
} from './calendar';

describe('calendar', () => {
  it('returns the previous month when asked for the last complete month on any day', () => {
    expect(lastCompleteMonth('2026-11-23')).toBe('2026-10');
    expect(lastCompleteMonth('2026-01-01')).toBe('2025-12');
    expect(lastCompleteMonth('2026-03-31')).toBe('2026-02');
  });

  it('refuses a today that is not a YYYY-MM-DD date', () => {
    expect(() => lastCompleteMonth('2026-11')).toThrow(/YYYY-MM-DD/);
  });

  it('crosses year boundaries when adding months', () => {
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });

  it('lays out every day of February with its weekends when the year is a leap year', () => {
    const feb = monthDays('2028-02');
    expect(feb.length).toBe(29);
    expect(feb.dates.at(-1)).toBe('2028-02-29');
    // 2028-02-05 is a Saturday.
    expect(feb.weekend[4]).toBe(true);
    expect(weekdayOf(dayOf('2028-02-05'))).toBe(6);
  });

  it('round-trips dates and steps whole years back when given 29 February', () => {
    expect(formatDay(dayOf('1999-12-31'))).toBe('1999-12-31');
    expect(formatDay(yearsBefore(dayOf('2028-02-29'), 1))).toBe('2027-02-28');
  });
});
