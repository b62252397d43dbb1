import { describe, expect, it } from 'vitest';
import { comparePlans, monthlyCostFen, type PlanPricing } from './plan-cost';

const plan = (code: string, overrides: Partial<PlanPricing> = {}): PlanPricing => ({
  code,
  monthlyFeeFen: 12_800,
  includedMinutes: 500,
  includedDataMb: 30_720,
  includedSms: 100,
  overageVoiceFenPerMinute: 19,
  overageDataFenPerMb: 29,
  overageSmsFen: 10,
  ...overrides,
});

describe('monthlyCostFen', () => {
  it('is the fee alone within every allowance', () => {
    expect(monthlyCostFen(plan('A'), { minutes: 500, dataMb: 30_720, sms: 100 })).toBe(12_800);
  });

  it('adds overage per minute, per started MB and per message', () => {
    // 20 min × 19 + ceil(10.2) MB × 29 + 5 × 10 = 380 + 319 + 50
    expect(monthlyCostFen(plan('A'), { minutes: 520, dataMb: 30_730.2, sms: 105 })).toBe(12_800 + 749);
  });
});

describe('comparePlans', () => {
  const small = plan('GT58', { monthlyFeeFen: 5_800, includedMinutes: 100, includedDataMb: 5_120 });
  const medium = plan('GT88', { monthlyFeeFen: 8_800, includedMinutes: 300, includedDataMb: 20_480 });
  const large = plan('GT128');

  it('prices every plan on the actual months, cheapest first, with the saving against the current plan', () => {
    const months = [
      { minutes: 280, dataMb: 18_000, sms: 20 },
      { minutes: 310, dataMb: 19_000, sms: 30 },
      { minutes: 290, dataMb: 17_500, sms: 10 },
    ];
    const result = comparePlans([small, medium, large], 'GT128', months);
    expect(result.map((r) => r.code)).toEqual(['GT88', 'GT128', 'GT58']);
    // GT88: fee 8,800, one month 10 min over at 19 → (8,800 × 3 + 190) / 3 = 8,863.3 → 8,863.
    expect(result[0]).toEqual({ code: 'GT88', averageFen: 8_863, savingFen: 12_800 - 8_863 });
    expect(result.find((r) => r.code === 'GT58')?.savingFen).toBeLessThan(0);
  });

  it('gives nothing without months of use, and no saving when the current plan is not in the catalogue', () => {
    expect(comparePlans([small], 'GT58', [])).toEqual([]);
    expect(comparePlans([small], 'OLD', [{ minutes: 0, dataMb: 0, sms: 0 }])[0]?.savingFen).toBe(0);
  });
});
