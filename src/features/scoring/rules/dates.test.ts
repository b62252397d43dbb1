import { describe, expect, it } from 'vitest';
import { addDays, ageOn, daysBetween, nextBirthday } from './dates';

describe('date arithmetic', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-10-31', 1)).toBe('2026-11-01');
    expect(addDays('2026-12-31', 7)).toBe('2027-01-07');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-10-31', '2026-12-30')).toBe(60);
    expect(daysBetween('2026-10-31', '2026-10-30')).toBe(-1);
  });

  it('counts completed years of age', () => {
    expect(ageOn('2000-11-01', '2026-10-31')).toBe(25);
    expect(ageOn('2000-10-31', '2026-10-31')).toBe(26);
  });

  it('finds the next birthday on or after a day, across the year end', () => {
    expect(nextBirthday('1986-11-03', '2026-10-31')).toBe('2026-11-03');
    expect(nextBirthday('1986-10-31', '2026-10-31')).toBe('2026-10-31');
    expect(nextBirthday('1986-01-02', '2026-12-31')).toBe('2027-01-02');
  });

  it('keeps 29 February birthdays on 28 February in common years', () => {
    expect(nextBirthday('2000-02-29', '2027-02-01')).toBe('2027-02-28');
    expect(nextBirthday('2000-02-29', '2028-02-01')).toBe('2028-02-29');
  });
});

describe('dates that are not written YYYY-MM-DD', () => {
  it('are read the general way, with the same answers', () => {
    expect(daysBetween('2026-1-5', '2026-01-06')).toBe(1);
    expect(addDays('2026-1-31', 1)).toBe('2026-02-01');
    expect(ageOn('2000-2-29', '2026-03-01')).toBe(26);
    expect(nextBirthday('1986-1-2', '2026-12-31')).toBe('2027-01-02');
  });
});
