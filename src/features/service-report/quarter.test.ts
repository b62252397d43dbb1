import { describe, expect, it } from 'vitest';
import {
  lastCompleteQuarterOn,
  parseQuarter,
  previousQuarter,
  reportableQuarters,
  seriesIndexesOf,
} from './quarter';

describe('report quarters', () => {
  it('parses a quarter into its months and days', () => {
    expect(parseQuarter('2026-Q3')).toMatchObject({
      months: ['2026-07', '2026-08', '2026-09'],
      start: '2026-07-01',
      end: '2026-09-30',
    });
    expect(parseQuarter('2026-Q5')).toBeUndefined();
    expect(parseQuarter('2026Q3')).toBeUndefined();
  });

  it('takes the last quarter complete on the run day, the own quarter on its last day', () => {
    expect(lastCompleteQuarterOn('2026-10-15').code).toBe('2026-Q3');
    expect(lastCompleteQuarterOn('2026-09-29').code).toBe('2026-Q2');
    expect(lastCompleteQuarterOn('2026-09-30').code).toBe('2026-Q3');
    expect(lastCompleteQuarterOn('2027-02-01').code).toBe('2026-Q4');
  });

  it('crosses the year going back', () => {
    const q1 = parseQuarter('2027-Q1');
    expect(q1 && previousQuarter(q1).code).toBe('2026-Q4');
  });

  it('places quarter months in a six-month series ending with the as-of month', () => {
    const q3 = parseQuarter('2026-Q3');
    const q2 = parseQuarter('2026-Q2');
    if (!q3 || !q2) throw new Error('bad quarter');
    expect(seriesIndexesOf(q3, '2026-10-15', 6)).toEqual([2, 3, 4]);
    expect(seriesIndexesOf(q2, '2026-10-15', 6)).toEqual([0, 1]);
    expect(reportableQuarters('2026-10-15', 6)).toEqual(['2026-Q3', '2026-Q2']);
  });
});
