import type { Day, MonthDays } from './calendar';
import type { ChurnPlan } from './churn';
import type { Profile } from './profile';
import type { Rng } from './random';

/** One day of one subscriber. Data is kept in tenths of a MB so monthly sums add up exactly. */
export type UsageRow = {
  date: string;
  callsOut: number;
  callsIn: number;
  /** Billable (outgoing) minutes: incoming calls are free on every plan here. */
  minutes: number;
  distinctContacts: number;
  dataTenths: number;
  nightTenths: number;
  hotlineCalls: number;
  marketingContacts: number;
};

/** What shapes one month beyond the subscriber's habits. */
export type MonthEffects = {
  minutesFactor: number;
  dataFactor: number;
  /** Usage held under these totals (ARPU_DECLINE months: no overage to spoil the fall). */
  minutesCap: number | null;
  dataCapTenths: number | null;
  /** DATA_OVERAGE: the month's data is stretched to this total. */
  dataTargetTenths: number | null;
  /** Background noise: a stray call to a competitor's hotline, a competitor's marketing SMS. */
  extraHotlineDays: Day[];
  extraMarketingDays: Day[];
};

export type MonthUsage = { rows: UsageRow[]; minutes: number; dataTenths: number };

/**
 * Below this many calls a day, a normal subscriber would show days without calls often enough to
 * look like a churner; light users make many short calls instead.
 */
const MIN_CALLS_PER_DAY = 2.5;

export function generateMonthUsage(
  rng: Rng,
  profile: Profile,
  churn: ChurnPlan,
  month: MonthDays,
  activeFrom: Day,
  activeTo: Day,
  effects: MonthEffects,
): MonthUsage {
  const outCalls = profile.minutesPerMonth / 30.4 / profile.minutesPerCall;
  // Light users are rung more than they ring: the floor is made of incoming calls, which are free.
  const inCalls = Math.max(
    (outCalls * (1 - profile.outgoingShare)) / profile.outgoingShare,
    MIN_CALLS_PER_DAY - outCalls,
  );
  const dailyDataTenths = (profile.dataMbPerMonth / 30.4) * 10 * effects.dataFactor;
  const suspendedFrom = churn.suspensionDay ?? Number.POSITIVE_INFINITY;
  const zero = churn.zeroRun;
  const rows: UsageRow[] = [];
  for (let day = activeFrom; day <= activeTo; day += 1) {
    const i = day - month.first;
    const date = month.dates[i] ?? '';
    if (day >= suspendedFrom) {
      rows.push(emptyDay(date));
      continue;
    }
    const weekend = month.weekend[i] === true;
    let dataTenths = Math.round(
      dailyDataTenths * (weekend ? profile.weekendDataFactor : 1) * Math.exp(0.5 * rng.normal() - 0.125),
    );
    const silent = zero !== null && day >= zero.from && day <= zero.to;
    // A day without calls has no hotline call either: a stray background one is dropped.
    const hotlineCalls = silent
      ? 0
      : countOn(day, churn.hotlineDays) + countOn(day, effects.extraHotlineDays);
    const marketingContacts = countOn(day, churn.marketingDays) + countOn(day, effects.extraMarketingDays);
    if (silent) dataTenths = Math.round(dataTenths * 0.7);
    const night = Math.min(0.95, profile.nightShare * rng.between(0.6, 1.4));
    const row: UsageRow = {
      date,
      callsOut: 0,
      callsIn: 0,
      minutes: 0,
      distinctContacts: 0,
      dataTenths,
      nightTenths: Math.round(dataTenths * night),
      hotlineCalls,
      marketingContacts,
    };
    if (!silent) {
      const level =
        effects.minutesFactor * (weekend ? profile.weekendVoiceFactor : 1) * rng.between(0.6, 1.4);
      const callsOut = rng.poisson(outCalls * level);
      row.callsOut = callsOut + hotlineCalls;
      row.callsIn = rng.poisson(inCalls * level);
      row.minutes = billableMinutes(rng, callsOut, profile.minutesPerCall) + hotlineCalls * rng.int(3, 9);
      const total = row.callsOut + row.callsIn;
      row.distinctContacts =
        total === 0
          ? 0
          : Math.min(total, Math.max(1, Math.round(total * profile.contactBreadth * rng.between(0.7, 1.1))));
    }
    rows.push(row);
  }
  return applyMonthTotals(rows, effects);
}

function emptyDay(date: string): UsageRow {
  return {
    date,
    callsOut: 0,
    callsIn: 0,
    minutes: 0,
    distinctContacts: 0,
    dataTenths: 0,
    nightTenths: 0,
    hotlineCalls: 0,
    marketingContacts: 0,
  };
}

function countOn(day: Day, days: readonly Day[]): number {
  let count = 0;
  for (const d of days) if (d === day) count += 1;
  return count;
}

/** Every started minute is billed, so a call costs at least one. */
function billableMinutes(rng: Rng, calls: number, perCall: number): number {
  if (calls === 0) return 0;
  return Math.max(calls, Math.round(calls * perCall * rng.between(0.5, 1.5)));
}

/** Stretches or trims the month's totals to what the planted story needs. */
function applyMonthTotals(rows: UsageRow[], effects: MonthEffects): MonthUsage {
  let minutes = 0;
  let dataTenths = 0;
  for (const row of rows) {
    minutes += row.minutes;
    dataTenths += row.dataTenths;
  }
  const dataGoal =
    effects.dataTargetTenths ??
    (effects.dataCapTenths !== null && dataTenths > effects.dataCapTenths ? effects.dataCapTenths : null);
  if (dataGoal !== null && dataTenths > 0) {
    const scale = dataGoal / dataTenths;
    dataTenths = 0;
    for (const row of rows) {
      const scaled = Math.floor(row.dataTenths * scale);
      row.nightTenths = Math.min(scaled, Math.floor(row.nightTenths * scale));
      row.dataTenths = scaled;
      dataTenths += scaled;
    }
  }
  if (effects.minutesCap !== null && minutes > effects.minutesCap) {
    const scale = effects.minutesCap / minutes;
    minutes = 0;
    for (const row of rows) {
      row.minutes = Math.floor(row.minutes * scale);
      minutes += row.minutes;
    }
  }
  return { rows, minutes, dataTenths };
}
