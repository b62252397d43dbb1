import type { SignalCode } from '#src/features/scoring/rules/churn-signals';
import { dayOf } from './calendar';
import { type DemoWindow, monthAt } from './demo-window';
import type { SubscriberRecords } from './subscriber-records';

/**
 * The DOMAIN.md §4 rules, evaluated on one subscriber's generated rows as of a day, exactly as a
 * scorer reading the imported files would. The demo uses it to check that what it planted can be
 * found, and that people who stay mostly show nothing.
 */
export type EvidencePoint = {
  /** Last day of data looked at (the end of asOfMonth, or the day before leaving). */
  day: number;
  /** Window index of the last complete month (the "last month" of the month-based rules). */
  monthIndex: number;
};

type Daily = { day: number; calls: number; dataTenths: number; hotline: number; marketing: number };

export function signalsShown(
  window: DemoWindow,
  records: SubscriberRecords,
  at: EvidencePoint,
): Set<SignalCode> {
  const shown = new Set<SignalCode>();
  const days = dailyRows(records).filter((d) => d.day > at.day - 30 && d.day <= at.day);
  const billAt = (offset: number) =>
    records.bills.find((b) => b.month === monthAt(window, at.monthIndex + offset));

  let zeroDays = 0;
  let run = 0;
  let longestRun = 0;
  let hotline = 0;
  let marketing = 0;
  for (const d of days) {
    run = d.calls === 0 ? run + 1 : 0;
    longestRun = Math.max(longestRun, run);
    if (d.calls === 0) zeroDays += 1;
    hotline += d.hotline;
    marketing += d.marketing;
  }
  if (zeroDays >= 7 || longestRun >= 5) shown.add('ZERO_CALL_DAYS');
  if (hotline >= 1) shown.add('COMPETITOR_HOTLINE');
  if (marketing >= 1) shown.add('COMPETITOR_MARKETING');

  const last = billAt(0);
  const previous = [billAt(-3), billAt(-2), billAt(-1)];
  if (last && previous.every((b) => b !== undefined)) {
    const avgMinutes = previous.reduce((sum, b) => sum + (b?.minutes ?? 0), 0) / 3;
    const avgSpend = previous.reduce((sum, b) => sum + (b?.totalFen ?? 0), 0) / 3;
    if (last.minutes < avgMinutes / 2 || last.totalFen < avgSpend / 2) shown.add('USAGE_DROP');
    const totals = [...previous, last].map((b) => b?.totalFen ?? 0);
    if (totals.every((t, i) => i === 0 || t < (totals[i - 1] ?? 0))) shown.add('ARPU_DECLINE');
  }
  if (last && last.dataTenths > records.profile.plan.includedDataMb * 10 && last.overageFen > 0) {
    shown.add('DATA_OVERAGE');
  }
  // A leaver's contract has usually just ended when they go: look a month back as well.
  if (records.contracts.some((c) => c.endDay >= at.day - 30 && c.endDay <= at.day + 60)) {
    shown.add('CONTRACT_EXPIRING');
  }
  const recent = records.complaints.filter((c) => c.openedDay > at.day - 90 && c.openedDay <= at.day);
  const overdue = records.complaints.some(
    (c) => c.status === 'open' && dayOf(c.slaDueAt.slice(0, 10)) < at.day,
  );
  if (recent.length >= 2 || overdue) shown.add('OPEN_COMPLAINT');
  // Suspended now, or (for a leaver) the line dead for its last days: no calls, no data.
  const lastTwo = days.slice(-2);
  const dead = lastTwo.length === 2 && lastTwo.every((d) => d.calls === 0 && d.dataTenths === 0);
  if (records.state.status === 'arrears_suspended' || dead) shown.add('ARREARS_SUSPENDED');
  return shown;
}

function dailyRows(records: SubscriberRecords): Daily[] {
  const out: Daily[] = [];
  for (const month of records.usage) {
    for (const row of month) {
      out.push({
        day: dayOf(row.date),
        calls: row.callsOut + row.callsIn,
        dataTenths: row.dataTenths,
        hotline: row.hotlineCalls,
        marketing: row.marketingContacts,
      });
    }
  }
  return out;
}
