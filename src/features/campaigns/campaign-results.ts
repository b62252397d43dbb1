import { OPERATING_TIERS } from '#src/features/scoring/rules/operating-tier';
import { RISK_BANDS } from '#src/features/scoring/rules/risk-band';
import { addDays, daysBetween } from '#src/lib/months';
import type { Arm } from './holdout-draw';
import { type MeanDifference, welchInterval } from './mean-difference';
import {
  churnUplift,
  type Interval,
  type Proportion,
  rateDifference,
  wilsonInterval,
} from './rate-difference';

/**
 * A campaign's proof (issue 5 §4), from a few counted figures: contact, reach and acceptance among
 * the treated; churn in the outcome window, treated against holdout, as randomised (intention to
 * treat: every treated member counts, contacted or not); incremental ARPU; cost per save. Every
 * figure carries its 95% interval, and nothing is claimed while an arm is below the minimum sample.
 */

/** What the results' SQL counts for one arm, overall or within one stratum. */
export type ArmCounts = {
  members: number;
  /** Members with at least one attempt for this campaign. */
  contacted: number;
  reached: number;
  accepted: number;
  /** Members who churned within the observed part of the outcome window. */
  churned: number;
  /** Offer cost of the accepted attempts. */
  offerCostFen: number;
  /** ARPU change (latest run − baseline) of members with both figures. */
  arpuChange: { n: number; mean: number; variance: number };
};

export type ResultsInput = {
  launchDay: string;
  outcomeWindowDays: number;
  /** The day the figures are true on: today in the business time zone. */
  asOf: string;
  minimumPerArm: number;
  arms: Record<Arm, ArmCounts>;
  strata: { stratum: string; arms: Record<Arm, ArmCounts> }[];
  /** Churned members per arm by day since launch (not cumulative). */
  churnByDay: { arm: Arm; day: number; churned: number }[];
  /** The scoring run later than the launch's that ARPU changes were measured on, if any. */
  laterRunId: number | null;
};

export type ResultsStatus = 'not_enough_data' | 'interim' | 'final';
/** A sentence the console renders in the reader's language. */
export type ResultNote = { code: string; params: Record<string, string | number> };
export type RateWithInterval = { events: number; trials: number; rate: number | null; interval: Interval };

export function rateOf(proportion: Proportion): RateWithInterval {
  return {
    ...proportion,
    rate: proportion.trials > 0 ? proportion.events / proportion.trials : null,
    interval: wilsonInterval(proportion),
  };
}

/** The window runs from the launch day through launch day + N, both included. */
export function outcomeWindowEnd(launchDay: string, outcomeWindowDays: number): string {
  return addDays(launchDay, outcomeWindowDays);
}

/** The last day churn can have been seen on: the window's end, or the as-of day before that. */
export function observedUntil(launchDay: string, outcomeWindowDays: number, asOf: string): string {
  const end = outcomeWindowEnd(launchDay, outcomeWindowDays);
  return asOf < end ? asOf : end;
}

export function resultsStatus(
  input: Pick<ResultsInput, 'arms' | 'minimumPerArm' | 'launchDay' | 'outcomeWindowDays' | 'asOf'>,
): {
  status: ResultsStatus;
  note: ResultNote;
} {
  const { treatment, holdout } = input.arms;
  if (treatment.members < input.minimumPerArm || holdout.members < input.minimumPerArm) {
    return {
      status: 'not_enough_data',
      note: {
        code: 'arm_below_minimum',
        params: {
          minimumPerArm: input.minimumPerArm,
          treatment: treatment.members,
          holdout: holdout.members,
        },
      },
    };
  }
  const windowEndsOn = outcomeWindowEnd(input.launchDay, input.outcomeWindowDays);
  if (input.asOf < windowEndsOn) {
    return {
      status: 'interim',
      note: {
        code: 'window_open',
        params: {
          windowEndsOn,
          daysObserved: Math.max(0, daysBetween(input.launchDay, input.asOf)),
          outcomeWindowDays: input.outcomeWindowDays,
        },
      },
    };
  }
  return { status: 'final', note: { code: 'window_closed', params: { windowEndsOn } } };
}

export type CostPerSave =
  | { totalOfferCostFen: number; estimateFen: number; interval: { low: number; high: number | null } }
  | { totalOfferCostFen: number; estimateFen: null; note: ResultNote };

/**
 * Offer cost over saves, saves = uplift × treated members. The interval follows from the uplift's:
 * the most saves give the lowest cost; when the uplift's lower bound is not above 0 there may be no
 * saves at all, so the cost has no upper bound (null). With no measured saves there is no figure.
 */
export function costPerSave(
  totalOfferCostFen: number,
  uplift: { difference: number; interval: Interval } | null,
  treatedMembers: number,
): CostPerSave {
  if (!uplift) return { totalOfferCostFen, estimateFen: null, note: { code: 'not_enough_data', params: {} } };
  if (uplift.difference <= 0 || treatedMembers === 0) {
    return {
      totalOfferCostFen,
      estimateFen: null,
      note: { code: 'no_measured_saves', params: { uplift: uplift.difference } },
    };
  }
  const saves = (rate: number) => rate * treatedMembers;
  return {
    totalOfferCostFen,
    estimateFen: totalOfferCostFen / saves(uplift.difference),
    interval: {
      low: totalOfferCostFen / saves(uplift.interval.high),
      high: uplift.interval.low > 0 ? totalOfferCostFen / saves(uplift.interval.low) : null,
    },
  };
}

export type IncrementalArpu =
  | ({ laterRunId: number; treatedChanged: number; holdoutChanged: number } & MeanDifference)
  | { note: ResultNote };

export function incrementalArpu(arms: Record<Arm, ArmCounts>, laterRunId: number | null): IncrementalArpu {
  if (laterRunId === null) return { note: { code: 'no_later_run', params: {} } };
  const difference = welchInterval(arms.treatment.arpuChange, arms.holdout.arpuChange);
  if (!difference) {
    return {
      note: {
        code: 'too_few_arpu_changes',
        params: { treatment: arms.treatment.arpuChange.n, holdout: arms.holdout.arpuChange.n },
      },
    };
  }
  return {
    laterRunId,
    treatedChanged: arms.treatment.arpuChange.n,
    holdoutChanged: arms.holdout.arpuChange.n,
    ...difference,
  };
}

export type DailyChurnPoint = {
  day: number;
  date: string;
  treatment: { churned: number; rate: number | null };
  holdout: { churned: number; rate: number | null };
};

/** Cumulative churn per arm on each day from launch to the last observed day (the chart). */
export function cumulativeChurnSeries(
  churnByDay: ResultsInput['churnByDay'],
  armSizes: Record<Arm, number>,
  launchDay: string,
  lastDay: string,
): DailyChurnPoint[] {
  const days = daysBetween(launchDay, lastDay);
  const daily = {
    treatment: new Array<number>(days + 1).fill(0),
    holdout: new Array<number>(days + 1).fill(0),
  };
  for (const row of churnByDay) {
    if (row.day >= 0 && row.day <= days)
      daily[row.arm][row.day] = (daily[row.arm][row.day] ?? 0) + row.churned;
  }
  const points: DailyChurnPoint[] = [];
  const total = { treatment: 0, holdout: 0 };
  for (let day = 0; day <= days; day++) {
    total.treatment += daily.treatment[day] ?? 0;
    total.holdout += daily.holdout[day] ?? 0;
    const rate = (arm: Arm) => (armSizes[arm] > 0 ? total[arm] / armSizes[arm] : null);
    points.push({
      day,
      date: addDays(launchDay, day),
      treatment: { churned: total.treatment, rate: rate('treatment') },
      holdout: { churned: total.holdout, rate: rate('holdout') },
    });
  }
  return points;
}

export type StratumResult = {
  stratum: string;
  tier: string;
  riskBand: string;
  treatment: { members: number; contacted: number; churn: RateWithInterval };
  holdout: { members: number; churn: RateWithInterval };
  /** Holdout churn − treated churn within the stratum; null when an arm is empty. */
  uplift: { difference: number; interval: Interval } | null;
};

const TIER_RANK = new Map<string, number>(OPERATING_TIERS.map((tier, rank) => [tier, rank]));
const BAND_RANK = new Map<string, number>(RISK_BANDS.map((band, rank) => [band, rank]));
const tierOrder = (tier: string) => TIER_RANK.get(tier) ?? TIER_RANK.size;
const bandOrder = (band: string) => BAND_RANK.get(band) ?? BAND_RANK.size;

function stratumResult(stratum: string, arms: Record<Arm, ArmCounts>): StratumResult {
  const [tier = '', riskBand = ''] = stratum.split('|');
  const treated = { events: arms.treatment.churned, trials: arms.treatment.members };
  const held = { events: arms.holdout.churned, trials: arms.holdout.members };
  const both = treated.trials > 0 && held.trials > 0;
  const difference = both ? rateDifference(held, treated) : null;
  return {
    stratum,
    tier,
    riskBand,
    treatment: {
      members: arms.treatment.members,
      contacted: arms.treatment.contacted,
      churn: rateOf(treated),
    },
    holdout: { members: arms.holdout.members, churn: rateOf(held) },
    uplift: difference ? { difference: difference.difference, interval: difference.interval } : null,
  };
}

export function buildCampaignResults(input: ResultsInput) {
  const { treatment, holdout } = input.arms;
  const { status, note } = resultsStatus(input);
  const lastDay = observedUntil(input.launchDay, input.outcomeWindowDays, input.asOf);
  const treatedChurn = { events: treatment.churned, trials: treatment.members };
  const holdoutChurn = { events: holdout.churned, trials: holdout.members };
  const uplift = churnUplift(treatedChurn, holdoutChurn, input.minimumPerArm);
  const saveRateUplift = uplift.enoughData
    ? { difference: uplift.difference, interval: uplift.interval }
    : null;
  const strata = input.strata
    .map((s) => stratumResult(s.stratum, s.arms))
    .sort(
      (a, b) =>
        tierOrder(a.tier) - tierOrder(b.tier) ||
        bandOrder(a.riskBand) - bandOrder(b.riskBand) ||
        a.stratum.localeCompare(b.stratum),
    );
  return {
    status,
    note,
    asOf: input.asOf,
    launchDay: input.launchDay,
    outcomeWindowDays: input.outcomeWindowDays,
    windowEndsOn: outcomeWindowEnd(input.launchDay, input.outcomeWindowDays),
    observedUntil: lastDay,
    minimumPerArm: input.minimumPerArm,
    arms: { treatment: treatment.members, holdout: holdout.members },
    /** Must stay 0: a holdout member contacted by this campaign breaks the comparison. */
    holdoutContacted: holdout.contacted,
    contactRate: rateOf({ events: treatment.contacted, trials: treatment.members }),
    reachRate: rateOf({ events: treatment.reached, trials: treatment.members }),
    acceptanceRate: rateOf({ events: treatment.accepted, trials: treatment.reached }),
    churn: { treatment: rateOf(treatedChurn), holdout: rateOf(holdoutChurn) },
    saveRateUplift,
    incrementalArpu: incrementalArpu(input.arms, input.laterRunId),
    costPerSave: costPerSave(
      treatment.offerCostFen + holdout.offerCostFen,
      saveRateUplift,
      treatment.members,
    ),
    strata,
    dailyChurn:
      lastDay >= input.launchDay
        ? cumulativeChurnSeries(
            input.churnByDay,
            { treatment: treatment.members, holdout: holdout.members },
            input.launchDay,
            lastDay,
          )
        : [],
  };
}
export type CampaignResults = ReturnType<typeof buildCampaignResults>;
