import {
  type BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
} from '#src/features/tickets/sla/business-calendar';
import { workingDaysBetween } from './working-days';

/**
 * Team targets broken down (DOMAIN.md §11, seed 003 渐进目标管理): an annual value reached through
 * progressive quarterly steps, a daily goal from what is still missing over the working days left,
 * and a status against the pro-rata expectation. Pure functions over plain data.
 */
export const TARGET_METRICS = ['saves', 'accepted_offers', 'reached', 'spend_fen'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];
export const TARGET_LEVELS = ['realistic', 'stretch'] as const;
export type TargetLevel = (typeof TARGET_LEVELS)[number];
export const TARGET_SCOPES = ['team', 'agent'] as const;
export type TargetScope = (typeof TARGET_SCOPES)[number];
export const TARGET_STATUSES = ['ahead', 'on_track', 'behind'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export type Quarter = 1 | 2 | 3 | 4;
export const EVEN_QUARTER_STEPS: readonly number[] = [0.25, 0.5, 0.75, 1];

/** Within ±10% of the expectation is on track: a day's noise should not flip the status. */
const TOLERANCE = 0.1;

/** Spend (开支控制在预算内) is a ceiling: the goal is to stay under it, not to reach it. */
export function isBudgetMetric(metric: TargetMetric): boolean {
  return metric === 'spend_fen';
}

export function quarterOf(date: string): Quarter {
  const month = Number(date.slice(5, 7));
  if (month <= 3) return 1;
  if (month <= 6) return 2;
  if (month <= 9) return 3;
  return 4;
}

/** First and last local date of a quarter. */
export function quarterRange(year: number, quarter: Quarter): { first: string; last: string } {
  const ends = ['03-31', '06-30', '09-30', '12-31'] as const;
  const starts = ['01-01', '04-01', '07-01', '10-01'] as const;
  return { first: `${year}-${starts[quarter - 1]}`, last: `${year}-${ends[quarter - 1]}` };
}

/**
 * What is wrong with cumulative quarterly shares, or null when they are fine: four shares between
 * 0 and 1, never falling (a step is cumulative), the last one 1 (the year ends on the annual value).
 */
export function quarterStepsProblem(steps: readonly number[]): string | null {
  if (steps.length !== 4) return `must have 4 cumulative shares (Q1..Q4), got ${steps.length}`;
  for (const [i, share] of steps.entries()) {
    if (!Number.isFinite(share) || share < 0 || share > 1) {
      return `Q${i + 1} share must be between 0 and 1, got ${share}`;
    }
    const before = steps[i - 1];
    if (before !== undefined && share < before) {
      return `shares are cumulative and must not decrease: Q${i + 1} ${share} < Q${i} ${before}`;
    }
  }
  if (steps[3] !== 1) return `the Q4 share must be 1 (the annual value), got ${steps[3]}`;
  return null;
}

/** The cumulative value due by the end of each quarter, whole units; Q4 is the annual value exactly. */
export function quarterStepValues(annualValue: number, steps: readonly number[]): number[] {
  return steps.map((share, i) => (i === steps.length - 1 ? annualValue : Math.round(annualValue * share)));
}

export type TargetPlan = {
  year: number;
  metric: TargetMetric;
  annualValue: number;
  quarterSteps: readonly number[];
};

export type Achievement = {
  /** The day looked at (local date); it counts as worked through its end. */
  date: string;
  /** Year to date, through the end of `date`. */
  achievedToDate: number;
  /** Year to date, before `date` began: what today's goal is measured from. */
  achievedBeforeDate: number;
};

export type TargetProgress = {
  quarter: Quarter;
  quarterFirst: string;
  quarterLast: string;
  /** Cumulative value due by the end of this quarter (the step). */
  quarterTarget: number;
  /** Cumulative value due by the end of the previous quarter. */
  previousQuarterTarget: number;
  workingDaysInQuarter: number;
  workingDaysElapsed: number;
  /** Working days from `date` through the quarter's end, `date` included when it is one. */
  workingDaysRemaining: number;
  /** Pro-rata expectation through the end of `date` (the step spread evenly over working days). */
  expectedToDate: number;
  achievedToDate: number;
  /**
   * (quarter step − achieved before today) / working days left, in whole units: rounded up for a
   * goal to reach, down for a budget to stay within. Null when no working day is left.
   */
  dailyGoal: number | null;
  status: TargetStatus;
};

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** How a target stands on a day: quarter step, pro-rata expectation, today's goal and status. */
export function targetProgressOn(
  plan: TargetPlan,
  achievement: Achievement,
  calendar: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR,
): TargetProgress {
  const quarter = quarterOf(achievement.date);
  const { first, last } = quarterRange(plan.year, quarter);
  const steps = quarterStepValues(plan.annualValue, plan.quarterSteps);
  const quarterTarget = steps[quarter - 1] ?? plan.annualValue;
  const previousQuarterTarget = quarter === 1 ? 0 : (steps[quarter - 2] ?? 0);
  const workingDaysInQuarter = workingDaysBetween(first, last, calendar);
  const workingDaysElapsed = workingDaysBetween(first, achievement.date, calendar);
  const workingDaysRemaining = workingDaysBetween(achievement.date, last, calendar);
  const share = workingDaysInQuarter === 0 ? 1 : workingDaysElapsed / workingDaysInQuarter;
  const expectedToDate = round2(previousQuarterTarget + (quarterTarget - previousQuarterTarget) * share);
  return {
    quarter,
    quarterFirst: first,
    quarterLast: last,
    quarterTarget,
    previousQuarterTarget,
    workingDaysInQuarter,
    workingDaysElapsed,
    workingDaysRemaining,
    expectedToDate,
    achievedToDate: achievement.achievedToDate,
    dailyGoal: dailyGoalOf(plan.metric, quarterTarget, achievement.achievedBeforeDate, workingDaysRemaining),
    status: statusOf(plan.metric, achievement.achievedToDate, expectedToDate),
  };
}

export function dailyGoalOf(
  metric: TargetMetric,
  quarterTarget: number,
  achievedBefore: number,
  workingDaysRemaining: number,
): number | null {
  if (workingDaysRemaining <= 0) return null;
  const perDay = Math.max(0, quarterTarget - achievedBefore) / workingDaysRemaining;
  // A goal of 2.3 saves means 3 calls that end in a save; a budget of 2.3 fen allows 2.
  if (perDay === 0) return 0;
  return isBudgetMetric(metric) ? Math.floor(perDay) : Math.ceil(perDay - 1e-9);
}

/**
 * Ahead, on track or behind the pro-rata expectation, with a ±10% band. A budget has no "ahead":
 * spending less than planned is on track, spending more than the band allows is behind.
 */
export function statusOf(metric: TargetMetric, achieved: number, expected: number): TargetStatus {
  if (isBudgetMetric(metric)) {
    if (expected <= 0) return achieved > 0 ? 'behind' : 'on_track';
    return achieved > expected * (1 + TOLERANCE) ? 'behind' : 'on_track';
  }
  if (expected <= 0) return achieved > 0 ? 'ahead' : 'on_track';
  if (achieved >= expected * (1 + TOLERANCE)) return 'ahead';
  if (achieved < expected * (1 - TOLERANCE)) return 'behind';
  return 'on_track';
}
