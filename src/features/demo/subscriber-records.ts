import type { SubscriberStatus } from '#src/db/schema/enums';
import type { SignalCode } from '#src/features/scoring/rules/churn-signals';
import { type BillRow, priceMonth } from './bills';
import { type Day, formatDay, type MonthDays } from './calendar';
import { type ChurnPlan, isChurnedBy, planChurn, usageDropFactor, valueAddedStep } from './churn';
import { type ComplaintRow, drawComplaints } from './complaints';
import { type ContractRow, drawContracts, latestActiveEnd } from './contracts';
import { type DemoWindow, monthAt } from './demo-window';
import { drawProfile, type Profile } from './profile';
import { Rng, STREAM } from './random';
import { generateMonthUsage, type MonthEffects, type UsageRow } from './usage';

export type SubscriberState = { status: SubscriberStatus; statusSince: string; contractEnd: string | null };
export type TruthRow = { churnMonth: string; signals: SignalCode[] };

/** Everything the demo holds about one subscriber: small, built from (seed, index) alone. */
export type SubscriberRecords = {
  profile: Profile;
  churn: ChurnPlan;
  state: SubscriberState;
  contracts: ContractRow[];
  complaints: ComplaintRow[];
  /** One per window month the line was open, in month order. */
  bills: BillRow[];
  /** Daily rows per window month (index as in the window); empty for months without service. */
  usage: UsageRow[][];
  /** Set for every churner, past or future; null for those who stay. */
  truth: TruthRow | null;
};

/** Seasonal swing: calls home at Spring Festival (February), streaming in the summer holidays. */
const SEASON: Record<string, { voice: number; data: number }> = {
  '01': { voice: 1.05, data: 1.02 },
  '02': { voice: 1.15, data: 1.1 },
  '07': { voice: 0.97, data: 1.08 },
  '08': { voice: 0.97, data: 1.08 },
  '10': { voice: 1.02, data: 1.05 },
};

export function generateSubscriber(window: DemoWindow, index: number): SubscriberRecords {
  const profile = drawProfile(window, index);
  const churn = planChurn(window, profile);
  const contracts = drawContracts(window, profile, churn);
  const complaints = drawComplaints(window, profile, churn, contracts);
  const bills: BillRow[] = [];
  const usage: UsageRow[][] = [];
  window.months.forEach((month, monthIndex) => {
    const rows = generateMonth(window, profile, churn, month, monthIndex, bills);
    usage.push(rows?.usage ?? []);
    if (rows) bills.push(rows.bill);
  });
  const churnMonthIndex = churn.churnMonthIndex;
  return {
    profile,
    churn,
    state: stateOf(window, profile, churn, contracts),
    contracts,
    complaints,
    bills,
    usage,
    truth:
      churnMonthIndex === null
        ? null
        : { churnMonth: monthAt(window, churnMonthIndex), signals: churn.signals },
  };
}

function stateOf(
  window: DemoWindow,
  profile: Profile,
  churn: ChurnPlan,
  contracts: ContractRow[],
): SubscriberState {
  const contractEnd = latestActiveEnd(contracts);
  if (isChurnedBy(churn, window) && churn.churnDay !== null) {
    return { status: 'churned', statusSince: formatDay(churn.churnDay), contractEnd };
  }
  if (churn.suspensionDay !== null) {
    return { status: 'arrears_suspended', statusSince: formatDay(churn.suspensionDay), contractEnd };
  }
  return { status: 'active', statusSince: formatDay(profile.joinDay), contractEnd };
}

function generateMonth(
  window: DemoWindow,
  profile: Profile,
  churn: ChurnPlan,
  month: MonthDays,
  monthIndex: number,
  earlierBills: readonly BillRow[],
): { usage: UsageRow[]; bill: BillRow } | null {
  const activeFrom = Math.max(month.first, profile.joinDay);
  const activeTo = Math.min(month.last, churn.churnDay === null ? month.last : churn.churnDay - 1);
  if (activeFrom > activeTo) return null;
  const activeDays = activeTo - activeFrom + 1;
  const share = activeDays / month.length;
  const rng = Rng.for(window.config.seed, profile.index, STREAM.usage, monthIndex);
  const plan = profile.plan;
  const season = SEASON[month.month.slice(5)] ?? { voice: 1, data: 1 };
  const drop = usageDropFactor(rng, churn, monthIndex);
  // Ordinary months wander ±10%; a month of planted decline never wanders upwards.
  const wander = drop < 1 ? Math.min(1, rng.logNormal(1, 0.1)) : rng.logNormal(1, 0.1);
  const step = valueAddedStep(churn, monthIndex);
  const capped = step !== null;
  const overage = churn.signals.includes('DATA_OVERAGE') && monthIndex === churn.evidenceMonthIndex;
  const allowanceTenths = Math.floor(plan.includedDataMb * share) * 10;
  const effects: MonthEffects = {
    minutesFactor: season.voice * wander * drop,
    dataFactor: season.data * wander * (drop < 1 ? 0.5 + drop / 2 : 1),
    minutesCap: minutesCap(
      drop < 1 ? earlierBills.slice(-3) : [],
      capped ? Math.floor(plan.includedMinutes * share * 0.9) : null,
    ),
    dataCapTenths: capped ? Math.floor(allowanceTenths * 0.9) : null,
    dataTargetTenths: overage
      ? Math.round(allowanceTenths * rng.between(1.05, 1.3)) + rng.int(1000, 5000)
      : null,
    extraHotlineDays: rng.chance(0.015) ? [rng.int(activeFrom, activeTo)] : [],
    extraMarketingDays: backgroundMarketing(rng, profile, activeFrom, activeTo),
  };
  const monthUsage = generateMonthUsage(rng, profile, churn, month, activeFrom, activeTo, effects);
  let smsCount = rng.poisson(profile.smsPerMonth * share);
  if (capped) smsCount = Math.min(smsCount, Math.floor(plan.includedSms * share));
  const bill = priceMonth(
    plan,
    month,
    activeDays,
    { minutes: monthUsage.minutes, dataTenths: monthUsage.dataTenths, smsCount },
    valueAddedFen(rng, profile, churn, step, share),
  );
  return { usage: monthUsage.rows, bill };
}

/**
 * A planted drop must read as one (< 50% of the three months before) even for a light user whose
 * few calls a month swing widely, so a drop month is held under 45% of the actual recent average.
 */
function minutesCap(recentBills: readonly BillRow[], allowanceCap: number | null): number | null {
  if (recentBills.length < 3) return allowanceCap;
  const average = recentBills.reduce((sum, b) => sum + b.minutes, 0) / recentBills.length;
  const dropCap = Math.floor(average * 0.45);
  return allowanceCap === null ? dropCap : Math.min(dropCap, allowanceCap);
}

function backgroundMarketing(rng: Rng, profile: Profile, from: Day, to: Day): Day[] {
  if (!rng.chance(profile.residence.city.competitorPressure)) return [];
  return rng.distinctInts(rng.int(1, 2), from, to);
}

/**
 * Subscriptions pro rata, plus now and then a one-off (roaming, an app purchase). A subscriber
 * planted with ARPU_DECLINE cancels subscriptions step by step and buys nothing extra.
 */
function valueAddedFen(
  rng: Rng,
  profile: Profile,
  churn: ChurnPlan,
  step: number | null,
  share: number,
): number {
  const subscriptions = profile.valueAddedFen + churn.valueAddedBoostFen;
  if (step !== null) return Math.round(subscriptions * step * share);
  const oneOff = rng.chance(profile.oneOffChance) ? Math.round(profile.oneOffFen * rng.between(0.5, 1.5)) : 0;
  return Math.round(subscriptions * share) + oneOff;
}
