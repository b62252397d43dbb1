import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceMonth } from './bills';
import { monthDays } from './calendar';
import { PLANS, planByCode } from './plans';

const march = monthDays('2026-03');

describe('priceMonth', () => {
  it('charges only the monthly fee and subscriptions when usage stays within the allowance', () => {
    const bill = priceMonth(
      planByCode('GT128'),
      march,
      31,
      { minutes: 400, dataTenths: 200_000, smsCount: 20 },
      500,
    );
    expect(bill.totalFen).toBe(12_800 + 500);
    expect(bill.overageFen).toBe(0);
    expect(bill.valueAddedFen).toBe(500);
  });

  it('charges overage at the plan rates when usage exceeds the allowance', () => {
    // EO08: 50 minutes, 300 MB, 10 SMS included; 0.19 yuan/min, 0.29 yuan/MB, 0.10 yuan/SMS.
    const bill = priceMonth(
      planByCode('EO08'),
      march,
      31,
      { minutes: 60, dataTenths: 3105, smsCount: 12 },
      0,
    );
    expect(bill.overageFen).toBe(10 * 19 + 11 * 29 + 2 * 10); // 10.5 MB over bills as 11 started MB
    expect(bill.totalFen).toBe(800 + bill.overageFen);
    expect(bill.voiceFen + bill.dataFen + bill.smsFen + bill.valueAddedFen).toBe(bill.totalFen);
  });

  it('pro-rates the fee and the allowances when the line was open part of the month', () => {
    const plan = planByCode('MZ58');
    const bill = priceMonth(plan, march, 10, { minutes: 100, dataTenths: 0, smsCount: 0 }, 0);
    expect(bill.totalFen - bill.overageFen).toBe(Math.round((5800 * 10) / 31));
    // 200 minutes pro rata over 10 of 31 days is 64: the other 36 are overage.
    expect(bill.overageFen).toBe(36 * plan.overageVoiceFenPerMinute);
  });

  it('never books more overage than the total and always adds up when given any usage', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PLANS),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 50_000 }),
        (plan, days, minutes, dataTenths, smsCount, valueAdded) => {
          const bill = priceMonth(plan, march, days, { minutes, dataTenths, smsCount }, valueAdded);
          expect(bill.overageFen).toBeLessThanOrEqual(bill.totalFen);
          expect(bill.voiceFen + bill.dataFen + bill.smsFen + bill.valueAddedFen).toBe(bill.totalFen);
          for (const part of [bill.voiceFen, bill.dataFen, bill.smsFen])
            expect(part).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('plan catalogue', () => {
  it('offers the three brands with their price ladders when listing plans', () => {
    const fees = (brand: string) =>
      PLANS.filter((p) => p.brand === brand && p.isActive).map((p) => p.monthlyFeeFen / 100);
    expect(fees('gotone')).toEqual(expect.arrayContaining([88, 128, 158, 188, 288, 388, 588]));
    expect(fees('mzone')).toEqual(expect.arrayContaining([38, 58]));
    expect(fees('easyown')).toEqual(expect.arrayContaining([19, 29]));
    expect(PLANS.some((p) => p.nightPack)).toBe(true);
    expect(new Set(PLANS.map((p) => p.code)).size).toBe(PLANS.length);
  });
});
