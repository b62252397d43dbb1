import { describe, expect, it } from 'vitest';
import { dayOf, yearsBefore } from './calendar';
import { buildWindow } from './demo-window';
import { generateSubscriber, type SubscriberRecords } from './subscriber-records';

const window = buildWindow({ subscribers: 4000, months: 6, seed: 3, asOfMonth: '2026-03' });
const all: SubscriberRecords[] = Array.from({ length: 4000 }, (_, i) => generateSubscriber(window, i));
const share = (pick: (r: SubscriberRecords) => boolean) => all.filter(pick).length / all.length;

/** Average of the last three monthly bills in yuan, for subscribers billed in all three. */
function threeMonthArpu(r: SubscriberRecords): number | null {
  const last3 = r.bills.filter((b) => b.month >= '2026-01');
  if (last3.length < 3) return null;
  return last3.reduce((sum, b) => sum + b.totalFen, 0) / 300;
}

describe('subscriber profiles', () => {
  it('puts about a fifth of subscribers at 120 CNY or more when averaging their last three bills', () => {
    const arpus = all.map(threeMonthArpu).filter((a) => a !== null);
    const high = arpus.filter((a) => a >= 120).length / arpus.length;
    expect(high).toBeGreaterThan(0.17);
    expect(high).toBeLessThan(0.23);
  });

  it('has a long right tail of spend when ranking three-month ARPU', () => {
    const arpus = all
      .map(threeMonthArpu)
      .filter((a) => a !== null)
      .sort((a, b) => a - b);
    const median = arpus[Math.floor(arpus.length / 2)] ?? 0;
    const p99 = arpus[Math.floor(arpus.length * 0.99)] ?? 0;
    const mean = arpus.reduce((sum, a) => sum + a, 0) / arpus.length;
    expect(mean).toBeGreaterThan(median);
    expect(p99).toBeGreaterThan(4 * median);
  });

  it('covers every lifecycle stage when drawing join dates', () => {
    const tenureDays = (r: SubscriberRecords) => window.asOfEnd - r.profile.joinDay;
    expect(share((r) => tenureDays(r) < 90)).toBeGreaterThan(0.05);
    expect(share((r) => tenureDays(r) >= 90 && tenureDays(r) < 365)).toBeGreaterThan(0.1);
    expect(share((r) => tenureDays(r) > 10 * 365)).toBeGreaterThan(0.1);
    for (const r of all) {
      expect(r.profile.joinDay).toBeLessThanOrEqual(window.asOfEnd);
      expect(r.profile.joinDay).toBeGreaterThanOrEqual(yearsBefore(dayOf(r.profile.birthDate), -16));
    }
  });

  it('keeps flags near operator rates when drawing thousands of subscribers', () => {
    expect(share((r) => r.profile.isGroupCustomer)).toBeGreaterThan(0.05);
    expect(share((r) => r.profile.isGroupCustomer)).toBeLessThan(0.08);
    expect(share((r) => r.profile.marketingConsent)).toBeGreaterThan(0.6);
    expect(share((r) => r.profile.marketingConsent)).toBeLessThan(0.7);
    expect(share((r) => r.profile.doNotCall)).toBeGreaterThan(0.02);
    expect(share((r) => r.profile.doNotCall)).toBeLessThan(0.04);
    expect(share((r) => r.profile.profilingOptOut)).toBeGreaterThan(0.005);
    expect(share((r) => r.profile.profilingOptOut)).toBeLessThan(0.025);
    expect(share((r) => r.state.status === 'arrears_suspended')).toBeGreaterThan(0.008);
    expect(share((r) => r.state.status === 'arrears_suspended')).toBeLessThan(0.025);
    for (const r of all) if (r.profile.doNotCall) expect(r.profile.marketingConsent).toBe(false);
  });

  it('ranks VIP levels by spend when comparing average plan fees', () => {
    const levels = ['none', 'silver', 'gold', 'platinum', 'diamond'];
    const averageFee = levels.map((level) => {
      const members = all.filter((r) => r.profile.vipLevel === level);
      return members.reduce((sum, r) => sum + r.profile.plan.monthlyFeeFen, 0) / members.length;
    });
    for (let i = 1; i < averageFee.length; i += 1)
      expect(averageFee[i]).toBeGreaterThan(averageFee[i - 1] ?? 0);
  });

  it('sells each brand to its audience when choosing plans', () => {
    const students = all.filter((r) => r.profile.sceneTags.includes('student'));
    expect(students.filter((r) => r.profile.brand === 'mzone').length / students.length).toBeGreaterThan(0.8);
    for (const r of all) {
      expect(r.profile.plan.brand).toBe(r.profile.brand);
      if (r.profile.plan.studentOnly) expect(r.profile.sceneTags).toContain('student');
    }
    const gotone = all.filter((r) => r.profile.brand === 'gotone');
    const others = all.filter((r) => r.profile.brand !== 'gotone');
    const avgFee = (rs: SubscriberRecords[]) =>
      rs.reduce((s, r) => s + r.profile.plan.monthlyFeeFen, 0) / rs.length;
    expect(avgFee(gotone)).toBeGreaterThan(2 * avgFee(others));
  });

  it('tags families, business travellers and students when drawing scenes', () => {
    expect(share((r) => r.profile.sceneTags.includes('family'))).toBeGreaterThan(0.15);
    expect(share((r) => r.profile.sceneTags.includes('business_traveller'))).toBeGreaterThan(0.02);
    for (const r of all)
      if (r.profile.sceneTags.includes('student')) expect(r.profile.age).toBeLessThanOrEqual(23);
  });
});
