import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isCalendarDate, lastCompleteMonthOn, monthEnd } from './months';

describe('months', () => {
  it('adds months across year ends in both directions', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', -15)).toBe('2024-12');
  });

  it('finds month ends including leap Februaries', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2026-02')).toBe('2026-02-28');
    expect(monthEnd('2026-12')).toBe('2026-12-31');
  });

  it('takes the date’s own month as complete only on its last day', () => {
    expect(lastCompleteMonthOn('2026-10-31')).toBe('2026-10');
    expect(lastCompleteMonthOn('2026-11-23')).toBe('2026-10');
    expect(lastCompleteMonthOn('2026-01-05')).toBe('2025-12');
  });

  it('counts days and rejects impossible dates', () => {
    expect(daysBetween('2026-10-01', '2026-11-01')).toBe(31);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });
});
