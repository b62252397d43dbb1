import { describe, expect, it } from 'vitest';
import {
  changeAgainstOwnHistory,
  directionOf,
  monthOverMonth,
  peerPosition,
  percentChange,
  revenueByMonth,
} from './consumption';

describe('changeAgainstOwnHistory', () => {
  it('compares the last month with the mean of the 3 before it', () => {
    expect(changeAgainstOwnHistory([1, 1, 8_000, 10_000, 12_000, 15_000])).toEqual({
      last: 15_000,
      baselineMean: 10_000,
      baselineMonths: 3,
      changePct: 50,
      direction: 'up',
    });
  });

  it('skips months without a bill in the baseline', () => {
    const change = changeAgainstOwnHistory([0, 0, null, 200, 400, 150]);
    expect(change.baselineMean).toBe(300);
    expect(change.baselineMonths).toBe(2);
    expect(change.changePct).toBe(-50);
    expect(change.direction).toBe('down');
  });

  it('gives no change when the baseline is zero or missing or the last month is', () => {
    expect(changeAgainstOwnHistory([5, 5, 0, 0, 0, 100]).changePct).toBeNull();
    expect(changeAgainstOwnHistory([5, 5, null, null, null, 100]).baselineMean).toBeNull();
    expect(changeAgainstOwnHistory([5, 5, 5, 5, 5, null]).direction).toBeNull();
  });
});

describe('directionOf', () => {
  it('reads changes under 1% as flat', () => {
    expect(directionOf(0.9)).toBe('flat');
    expect(directionOf(-0.9)).toBe('flat');
    expect(directionOf(1)).toBe('up');
    expect(directionOf(-1.2)).toBe('down');
  });
});

describe('percentChange and monthOverMonth', () => {
  it('rounds to one decimal and refuses a zero base', () => {
    expect(percentChange(70_000, 68_000)).toBe(-2.9);
    expect(percentChange(0, 5)).toBeNull();
    expect(monthOverMonth([70_000, 70_000, 68_000, 70_000, 72_000, 75_000])).toEqual([
      0, -2.9, 2.9, 2.9, 4.2,
    ]);
    expect(monthOverMonth([null, 10, 0, 5])).toEqual([null, -100, null]);
  });
});

describe('revenueByMonth', () => {
  it('splits each month’s spend by the 3-month mix, other taking the rest', () => {
    const [first] = revenueByMonth(['2026-01'], [10_000], { voice: 0.4, data: 0.3, valueAdded: 0.1 });
    expect(first).toEqual({
      month: '2026-01',
      spendFen: 10_000,
      voiceFen: 4_000,
      dataFen: 3_000,
      valueAddedFen: 1_000,
      otherFen: 2_000,
    });
  });

  it('leaves months without a bill, and every month without a mix, unsplit', () => {
    const rows = revenueByMonth(['2026-01', '2026-02'], [null, 500], null);
    expect(rows[0]?.voiceFen).toBeNull();
    expect(rows[1]).toMatchObject({ spendFen: 500, voiceFen: null, otherFen: null });
  });
});

describe('peerPosition', () => {
  const q = { p25: 175, median: 300, p75: 500 };
  it('places a value in its quarter, bounds in the lower band', () => {
    expect(peerPosition(100, q)).toBe('below_p25');
    expect(peerPosition(175, q)).toBe('p25_to_median');
    expect(peerPosition(300, q)).toBe('p25_to_median');
    expect(peerPosition(301, q)).toBe('median_to_p75');
    expect(peerPosition(501, q)).toBe('above_p75');
    expect(peerPosition(null, q)).toBeNull();
    expect(peerPosition(1, { p25: null, median: null, p75: null })).toBeNull();
  });
});
