import { describe, expect, it } from 'vitest';
import { dayOf, weekdayOf } from './calendar';
import { buildWindow } from './demo-window';
import { generateSubscriber, type SubscriberRecords } from './subscriber-records';

const window = buildWindow({ subscribers: 3000, months: 3, seed: 21, asOfMonth: '2026-03' });
const all: SubscriberRecords[] = Array.from({ length: 3000 }, (_, i) => generateSubscriber(window, i));
const rowsOf = (r: SubscriberRecords) => r.usage.flat();

function nightShare(group: SubscriberRecords[]): number {
  let night = 0;
  let data = 0;
  for (const r of group) {
    for (const row of rowsOf(r)) {
      night += row.nightTenths;
      data += row.dataTenths;
    }
  }
  return night / data;
}

describe('daily usage', () => {
  it('writes one row per day in service when a subscriber is active all window', () => {
    const steady = all.find((r) => r.profile.joinDay < window.firstDay && r.churn.churnDay === null);
    expect(steady).toBeDefined();
    const days = steady ? rowsOf(steady).map((row) => row.date) : [];
    expect(days).toHaveLength(window.months.reduce((sum, m) => sum + m.length, 0));
    expect(new Set(days).size).toBe(days.length);
  });

  it('keeps every row internally consistent when generating thousands of subscriber-days', () => {
    for (const r of all) {
      for (const row of rowsOf(r)) {
        if (row.nightTenths > row.dataTenths) throw new Error(`night > data on ${row.date}`);
        if (row.distinctContacts > row.callsOut + row.callsIn)
          throw new Error(`contacts > calls on ${row.date}`);
        if (row.hotlineCalls > row.callsOut)
          throw new Error(`hotline calls not counted as calls on ${row.date}`);
      }
    }
  });

  it('uses a larger night share of data when the subscriber is young', () => {
    const young = all.filter((r) => r.profile.age <= 25);
    const older = all.filter((r) => r.profile.age >= 45);
    expect(nightShare(young)).toBeGreaterThan(1.5 * nightShare(older));
  });

  it('talks less at weekends when the subscriber is of working age', () => {
    let weekday = 0;
    let weekdays = 0;
    let weekend = 0;
    let weekends = 0;
    for (const r of all.filter((s) => s.profile.age >= 30 && s.profile.age <= 55)) {
      for (const row of rowsOf(r)) {
        const w = weekdayOf(dayOf(row.date));
        if (w === 0 || w === 6) {
          weekend += row.minutes;
          weekends += 1;
        } else {
          weekday += row.minutes;
          weekdays += 1;
        }
      }
    }
    expect(weekend / weekends).toBeLessThan(0.85 * (weekday / weekdays));
  });

  it('gives a few subscribers who stay competitor contacts as background noise', () => {
    const stayers = all.filter((r) => r.truth === null && r.churn.signals.length === 0);
    const contacted =
      stayers.filter((r) => rowsOf(r).some((row) => row.marketingContacts > 0)).length / stayers.length;
    const hotline =
      stayers.filter((r) => rowsOf(r).some((row) => row.hotlineCalls > 0)).length / stayers.length;
    expect(contacted).toBeGreaterThan(0.03);
    expect(contacted).toBeLessThan(0.3);
    expect(hotline).toBeGreaterThan(0.01);
    expect(hotline).toBeLessThan(0.1);
  });

  it('cuts all usage from the suspension day when a subscriber is suspended for arrears', () => {
    const suspended = all.filter((r) => r.state.status === 'arrears_suspended');
    expect(suspended.length).toBeGreaterThan(0);
    for (const r of suspended) {
      const since = dayOf(r.state.statusSince);
      const after = rowsOf(r).filter((row) => dayOf(row.date) >= since);
      expect(after.length).toBeGreaterThan(0);
      expect(after.every((row) => row.callsOut + row.callsIn + row.dataTenths === 0)).toBe(true);
      // The bill still comes: the monthly fee runs on while the line is barred.
      expect(r.bills.at(-1)?.totalFen).toBeGreaterThan(0);
    }
  });

  it('bills exactly the minutes and data of the daily rows when summing a month', () => {
    for (const r of all.slice(0, 500)) {
      r.usage.forEach((rows, m) => {
        const bill = r.bills.find((b) => b.month === window.months[m]?.month);
        if (rows.length === 0) {
          expect(bill).toBeUndefined();
          return;
        }
        expect(bill?.minutes).toBe(rows.reduce((sum, row) => sum + row.minutes, 0));
        expect(bill?.dataTenths).toBe(rows.reduce((sum, row) => sum + row.dataTenths, 0));
      });
    }
  });
});
