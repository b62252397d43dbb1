// The signal codes are the scoring rules' own: the demo plants exactly what scoring looks for.
import { SIGNAL_CODES, type SignalCode } from '#src/features/scoring/rules/churn-signals';
import type { Day } from './calendar';
import { type DemoWindow, FUTURE_CHURN_MONTHS, firstDayAt } from './demo-window';
import type { Profile } from './profile';
import { Rng, STREAM } from './random';

/**
 * How often each signal precedes a churn (churners get a random subset), and how often it shows up
 * alone as noise on someone who stays. Usage drop is the commonest precursor in operator studies;
 * arrears suspension the rarest, since most leavers pay their last bill.
 */
const SIGNAL_ODDS: Record<SignalCode, { churner: number; noise: number }> = {
  USAGE_DROP: { churner: 0.5, noise: 2 },
  ZERO_CALL_DAYS: { churner: 0.3, noise: 1.5 },
  COMPETITOR_HOTLINE: { churner: 0.35, noise: 1.5 },
  COMPETITOR_MARKETING: { churner: 0.35, noise: 1.5 },
  CONTRACT_EXPIRING: { churner: 0.3, noise: 1 },
  ARPU_DECLINE: { churner: 0.25, noise: 1 },
  OPEN_COMPLAINT: { churner: 0.2, noise: 1 },
  DATA_OVERAGE: { churner: 0.15, noise: 1 },
  ARREARS_SUSPENDED: { churner: 0.1, noise: 1.2 },
};

/** Average monthly churn hazard before the per-subscriber risk factors. */
const BASE_MONTHLY_CHURN = 0.031;
const SILENT_CHURNER_SHARE = 0.15;
const NOISE_SHARE = 0.08;

/**
 * Whether, when and how a subscriber leaves, with the concrete evidence planted beforehand. The
 * evidence sits just before `evidenceDay`: the last day of the month before churning, or the end
 * of asOfMonth for everyone still here, so scoring at asOfMonth sees what a future churner shows.
 */
export type ChurnPlan = {
  /** Window month index of the churn (≥ months: after asOfMonth); null for those who stay. */
  churnMonthIndex: number | null;
  churnDay: Day | null;
  /** Signals planted: the churner's precursors, or a noise signal on someone who stays. */
  signals: SignalCode[];
  evidenceDay: Day;
  /** The last complete month before the churn (or asOfMonth): where month-based signals show. */
  evidenceMonthIndex: number;
  /** USAGE_DROP: months of falling usage ending at the evidence month (1 or 2). */
  dropMonths: number;
  /** ARREARS_SUSPENDED: the first day without service. */
  suspensionDay: Day | null;
  /** ZERO_CALL_DAYS: a run of days without a single call. */
  zeroRun: { from: Day; to: Day } | null;
  hotlineDays: Day[];
  marketingDays: Day[];
  /** CONTRACT_EXPIRING: when the binding contract ends. */
  contractEndDay: Day | null;
  /** OPEN_COMPLAINT: complaints to file; complaintLeftOpen leaves a single one open past its SLA. */
  complaintDays: Day[];
  complaintLeftOpen: boolean;
  /** ARPU_DECLINE: extra subscriptions (fen a month) the subscriber cancels step by step. */
  valueAddedBoostFen: number;
};

export function planChurn(window: DemoWindow, profile: Profile): ChurnPlan {
  const rng = Rng.for(window.config.seed, profile.index, STREAM.churn);
  const churn = drawChurnDay(rng, window, profile);
  const past = churn !== null && churn.monthIndex < window.config.months;
  // A leaver's evidence sits at the end of the month before they go: what the month-end scoring
  // (and a month-end training snapshot) sees, as an operator's nightly data would show it.
  const evidenceDay = past && churn ? firstDayAt(window, churn.monthIndex) - 1 : window.asOfEnd;
  const evidenceMonthIndex = past && churn ? churn.monthIndex - 1 : window.config.months - 1;
  const plan: ChurnPlan = {
    churnMonthIndex: churn?.monthIndex ?? null,
    churnDay: churn?.day ?? null,
    signals: [],
    evidenceDay,
    evidenceMonthIndex,
    dropMonths: 1,
    suspensionDay: null,
    zeroRun: null,
    hotlineDays: [],
    marketingDays: [],
    contractEndDay: null,
    complaintDays: [],
    complaintLeftOpen: false,
    valueAddedBoostFen: 0,
  };
  const eligible = SIGNAL_CODES.filter((code) => isEligible(code, window, profile, plan));
  plan.signals = churn ? chooseChurnerSignals(rng, eligible) : chooseNoiseSignal(rng, eligible);
  // The suspension date comes first: nothing can be planted on a day the line was already cut off.
  if (plan.signals.includes('ARREARS_SUSPENDED')) plan.suspensionDay = evidenceDay - rng.int(3, 12);
  for (const code of SIGNAL_CODES) if (plan.signals.includes(code)) plant(code, rng, window, profile, plan);
  return plan;
}

function drawChurnDay(
  rng: Rng,
  window: DemoWindow,
  profile: Profile,
): { monthIndex: number; day: Day } | null {
  const hazard = BASE_MONTHLY_CHURN * riskFactor(profile, window.asOfEnd);
  const lastIndex = window.config.months + FUTURE_CHURN_MONTHS - 1;
  // Six weeks at least: a brand-new line that is never used is a cancelled sale, not a churner.
  const earliest = profile.joinDay + 45;
  for (let index = 0; index <= lastIndex; index += 1) {
    const leaves = rng.chance(hazard);
    const from = Math.max(firstDayAt(window, index), earliest);
    const to = firstDayAt(window, index + 1) - 1;
    if (leaves && from <= to) return { monthIndex: index, day: rng.int(from, to) };
  }
  return null;
}

/** New, cheap, uncommitted subscribers leave more; group members and old-timers rarely do. */
function riskFactor(profile: Profile, asOf: Day): number {
  const tenureYears = (asOf - profile.joinDay) / 365;
  let factor = tenureYears < 1 ? 1.5 : tenureYears < 3 ? 1.15 : tenureYears < 8 ? 0.9 : 0.65;
  if (profile.brand === 'easyown') factor *= 1.2;
  if (profile.brand === 'gotone') factor *= 0.8;
  if (profile.isGroupCustomer) factor *= 0.5;
  return factor;
}

function isEligible(code: SignalCode, window: DemoWindow, profile: Profile, plan: ChurnPlan): boolean {
  const join = profile.joinDay;
  const monthStart = (offset: number) => firstDayAt(window, plan.evidenceMonthIndex + offset);
  switch (code) {
    case 'USAGE_DROP':
      return join <= monthStart(-4); // three ordinary months to fall from
    case 'ARPU_DECLINE':
      return join <= monthStart(-3); // four full bills, falling three times
    case 'DATA_OVERAGE':
      return join <= monthStart(0) && profile.plan.includedDataMb <= 40 * 1024;
    case 'ZERO_CALL_DAYS':
    case 'COMPETITOR_HOTLINE':
    case 'COMPETITOR_MARKETING':
    case 'OPEN_COMPLAINT':
      return join <= plan.evidenceDay - 30; // a full 30-day look-back in service
    case 'ARREARS_SUSPENDED':
      return join <= plan.evidenceDay - 60;
    case 'CONTRACT_EXPIRING':
      return join <= plan.evidenceDay - 90;
  }
}

function chooseChurnerSignals(rng: Rng, eligible: SignalCode[]): SignalCode[] {
  if (eligible.length === 0 || rng.chance(SILENT_CHURNER_SHARE)) return [];
  const chosen = eligible.filter((code) => rng.chance(SIGNAL_ODDS[code].churner));
  if (chosen.length === 0) chosen.push(rng.weighted(eligible, (code) => SIGNAL_ODDS[code].churner));
  // A bill pushed up by overage cannot also fall each month: keep the likelier story.
  if (chosen.includes('ARPU_DECLINE') && chosen.includes('DATA_OVERAGE')) {
    return chosen.filter((code) => code !== 'DATA_OVERAGE');
  }
  return chosen;
}

function chooseNoiseSignal(rng: Rng, eligible: SignalCode[]): SignalCode[] {
  if (eligible.length === 0 || !rng.chance(NOISE_SHARE)) return [];
  return [rng.weighted(eligible, (code) => SIGNAL_ODDS[code].noise)];
}

/** Fixes the concrete evidence of one signal, inside the 30 days a day-based rule looks back over. */
function plant(code: SignalCode, rng: Rng, window: DemoWindow, profile: Profile, plan: ChurnPlan): void {
  const end = plan.evidenceDay;
  switch (code) {
    case 'CONTRACT_EXPIRING':
      // Stayers' contracts end 26–60 days after asOfMonth, so the signal holds whenever in the
      // following month the scores run; leavers walk out when (or just after) it ends.
      plan.contractEndDay = isChurnedBy(plan, window)
        ? end - rng.int(0, 25)
        : window.asOfEnd + rng.int(26, 60);
      return;
    case 'USAGE_DROP':
      plan.dropMonths = rng.chance(0.5) ? 2 : 1;
      return;
    case 'COMPETITOR_MARKETING':
      plan.marketingDays = rng.distinctInts(rng.int(2, 5), end - 27, lastServiceDay(plan));
      return;
    case 'ZERO_CALL_DAYS': {
      const length = rng.int(7, 11);
      const to = rng.int(end - 29 + length - 1, lastServiceDay(plan));
      plan.zeroRun = { from: to - length + 1, to };
      return;
    }
    case 'COMPETITOR_HOTLINE': {
      const run = plan.zeroRun;
      const open: Day[] = [];
      for (let day = end - 27; day <= lastServiceDay(plan); day += 1) {
        if (!run || day < run.from || day > run.to) open.push(day);
      }
      const count = rng.int(1, 3);
      plan.hotlineDays = rng.distinctInts(count, 0, open.length - 1).flatMap((i) => open[i] ?? []);
      return;
    }
    case 'ARPU_DECLINE':
      plan.valueAddedBoostFen = profile.valueAddedFen >= 1500 ? 0 : rng.int(15, 40) * 100;
      return;
    case 'OPEN_COMPLAINT':
      plan.complaintLeftOpen = rng.chance(0.45);
      plan.complaintDays = plan.complaintLeftOpen
        ? [end - rng.int(5, 20)]
        : rng.distinctInts(rng.int(2, 3), end - 80, end - 2);
      return;
    case 'ARREARS_SUSPENDED': // dated before the others, in planChurn
    case 'DATA_OVERAGE':
      return;
  }
}

function lastServiceDay(plan: ChurnPlan): Day {
  return plan.suspensionDay === null ? plan.evidenceDay : plan.suspensionDay - 1;
}

/** Minutes multiplier for a month: the planted fall in usage, deepest in the month of leaving. */
export function usageDropFactor(rng: Rng, plan: ChurnPlan, monthIndex: number): number {
  if (!plan.signals.includes('USAGE_DROP')) return 1;
  if (plan.churnMonthIndex !== null && monthIndex === plan.churnMonthIndex) return 0.1;
  const depth = monthIndex - (plan.evidenceMonthIndex - plan.dropMonths);
  if (depth < 1 || monthIndex > plan.evidenceMonthIndex) return 1;
  if (plan.dropMonths === 1) return rng.between(0.15, 0.3);
  return depth === 1 ? rng.between(0.25, 0.35) : rng.between(0.1, 0.2);
}

/** ARPU_DECLINE: the share of subscriptions still paid for in a month (null: business as usual). */
export function valueAddedStep(plan: ChurnPlan, monthIndex: number): number | null {
  if (!plan.signals.includes('ARPU_DECLINE')) return null;
  const step = monthIndex - (plan.evidenceMonthIndex - 3);
  if (step < 1) return null;
  return [0.65, 0.35, 0.1][step - 1] ?? 0;
}

export function isChurnedBy(plan: ChurnPlan, window: DemoWindow): boolean {
  return plan.churnMonthIndex !== null && plan.churnMonthIndex < window.config.months;
}
