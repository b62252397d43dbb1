import { describe, expect, it } from 'vitest';
import { SIGNAL_CODES } from '#src/features/scoring/rules/churn-signals';
import { dayOf, formatDay } from './calendar';
import { buildWindow } from './demo-window';
import { signalsShown } from './signal-evidence';
import { generateSubscriber, type SubscriberRecords } from './subscriber-records';

const window = buildWindow({ subscribers: 6000, months: 6, seed: 7, asOfMonth: '2026-03' });
const all: SubscriberRecords[] = Array.from({ length: 6000 }, (_, i) => generateSubscriber(window, i));
const churners = all.filter((r) => r.truth !== null);
const stayers = all.filter((r) => r.truth === null);
const evidence = (r: SubscriberRecords) => ({
  day: r.churn.evidenceDay,
  monthIndex: r.churn.evidenceMonthIndex,
});

describe('planted churn', () => {
  it('churns 2–3% of the active base a month when averaged over the window', () => {
    const rates = window.months.map((month, m) => {
      const activeAtStart = all.filter(
        (r) =>
          r.profile.joinDay < month.first && (r.churn.churnDay === null || r.churn.churnDay >= month.first),
      ).length;
      const leaving = all.filter((r) => r.churn.churnMonthIndex === m).length;
      return leaving / activeAtStart;
    });
    const average = rates.reduce((sum, r) => sum + r, 0) / rates.length;
    expect(average).toBeGreaterThan(0.02);
    expect(average).toBeLessThan(0.03);
  });

  it('marks past churners churned on their churn date and stops bills and usage after it', () => {
    const past = all.filter((r) => r.state.status === 'churned');
    expect(past.length).toBeGreaterThan(0);
    for (const r of past) {
      const churnDay = r.churn.churnDay ?? 0;
      expect(r.state.statusSince).toBe(formatDay(churnDay));
      expect(r.truth?.churnMonth).toBe(formatDay(churnDay).slice(0, 7));
      const lastUsage = r.usage.flat().at(-1);
      if (lastUsage) expect(dayOf(lastUsage.date)).toBeLessThan(churnDay);
      // The last bill is for the month of the last day in service (none if that was before the window).
      const lastMonth = churnDay - 1 >= window.firstDay ? formatDay(churnDay - 1).slice(0, 7) : undefined;
      expect(r.bills.at(-1)?.month).toBe(lastMonth);
    }
  });

  it('keeps future churners in service and records their churn only in the ground truth', () => {
    const future = churners.filter((r) => r.truth && r.truth.churnMonth > '2026-03');
    expect(future.length).toBeGreaterThan(0);
    for (const r of future) {
      expect(r.state.status).not.toBe('churned');
      expect(r.bills.at(-1)?.month).toBe('2026-03');
      expect(r.truth?.churnMonth).toMatch(/^2026-0[4-6]$/);
    }
  });

  it('leaves about 15% of churners without any planted signal', () => {
    const silent = churners.filter((r) => r.truth?.signals.length === 0).length / churners.length;
    expect(silent).toBeGreaterThan(0.1);
    expect(silent).toBeLessThan(0.22);
  });

  it('plants every one of the nine signals on some churners', () => {
    const planted = new Set(churners.flatMap((r) => r.truth?.signals ?? []));
    expect([...planted].sort()).toEqual([...SIGNAL_CODES].sort());
  });

  it('shows each planted signal in the generated rows when its evidence lies inside the window', () => {
    let checked = 0;
    for (const r of churners) {
      // Month rules need the three months before the evidence month to be in the files.
      if (r.churn.evidenceMonthIndex < 3) continue;
      const shown = signalsShown(window, r, evidence(r));
      for (const code of r.truth?.signals ?? []) {
        checked += 1;
        expect({ msisdn: r.profile.msisdn, code, shown: shown.has(code) }).toEqual({
          msisdn: r.profile.msisdn,
          code,
          shown: true,
        });
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('drops a USAGE_DROP churner below half the prior three-month minutes when the drop is planted', () => {
    const droppers = churners.filter(
      (r) => r.truth?.signals.includes('USAGE_DROP') && r.churn.evidenceMonthIndex >= 3,
    );
    expect(droppers.length).toBeGreaterThan(50);
    for (const r of droppers) {
      const m = r.churn.evidenceMonthIndex;
      const minutesAt = (i: number) => r.bills.find((b) => b.month === window.months[i]?.month)?.minutes ?? 0;
      const prior = (minutesAt(m - 1) + minutesAt(m - 2) + minutesAt(m - 3)) / 3;
      expect(minutesAt(m)).toBeLessThan(prior / 2);
    }
  });

  it('shows no signal on most subscribers who stay', () => {
    const atAsOf = { day: window.asOfEnd, monthIndex: window.months.length - 1 };
    const quiet = stayers.filter((r) => signalsShown(window, r, atAsOf).size === 0).length / stayers.length;
    const loud =
      churners.filter((r) => signalsShown(window, r, evidence(r)).size > 0).length / churners.length;
    expect(quiet).toBeGreaterThan(0.65);
    // Silent churners (15%) and young lines too new for the look-back signals stay quiet.
    expect(loud).toBeGreaterThan(0.75);
  });

  it('plants noise signals on a few stayers without recording them as churners', () => {
    const noisy = stayers.filter((r) => r.churn.signals.length > 0).length / stayers.length;
    expect(noisy).toBeGreaterThan(0.04);
    expect(noisy).toBeLessThan(0.12);
  });
});
