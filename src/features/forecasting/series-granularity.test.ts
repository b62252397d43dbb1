import { describe, expect, it } from 'vitest';
import { aggregateMonths, monthRange, periodAfter } from './series-granularity';

const months = monthRange('2025-11', '2026-07').map((month, i) => ({ month, value: i + 1 }));

describe('aggregating monthly history', () => {
  it('lists every month between two months across a year end', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('sums flows per quarter and leaves the cut quarters out', () => {
    // 2025-11 (1), 2025-12 (2) | 2026-01..03 (3,4,5) | 2026-04..06 (6,7,8) | 2026-07 (9)
    expect(aggregateMonths(months, 'revenue', 'quarter')).toEqual({
      points: [
        { period: '2026-Q1', value: 12 },
        { period: '2026-Q2', value: 21 },
      ],
      partial: ['2025-Q4', '2026-Q3'],
    });
  });

  it("reads a stock (VIP count) at the period's last month", () => {
    expect(aggregateMonths(months, 'vip_count', 'quarter').points).toEqual([
      { period: '2026-Q1', value: 5 },
      { period: '2026-Q2', value: 8 },
    ]);
  });

  it('keeps months as they are and drops partial years', () => {
    expect(aggregateMonths(months, 'churners', 'month').points).toHaveLength(9);
    expect(aggregateMonths(months, 'churners', 'year')).toEqual({ points: [], partial: ['2025', '2026'] });
  });

  it('labels the periods after the last one', () => {
    expect(periodAfter('2026-11', 3, 'month')).toBe('2027-02');
    expect(periodAfter('2026-Q4', 1, 'quarter')).toBe('2027-Q1');
    expect(periodAfter('2026', 2, 'year')).toBe('2028');
  });
});
