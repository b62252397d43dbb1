import { z } from 'zod';
import type { DecisionReason } from '#src/features/decisions/decision-types';
import { type MonthUsage, monthlyCostFen, type PlanPricing } from './plan-cost';

/**
 * The plan optimiser (DOMAIN.md §8): what every catalogue plan would have cost on the
 * subscriber's last months of actual use, and the moves worth proposing — a cheaper plan that
 * covers the use, a better-fitting plan when overage is a habit, a night pack for a night-time data
 * peak, a family plan for the family scene. Pure: catalogue, usage and settings in, advice out.
 */

/** A catalogue plan with what the optimiser needs beyond its prices. */
export type CataloguePlan = PlanPricing & {
  name: string;
  /** Withdrawn plans are priced (the current plan may be one) but never proposed. */
  onSale: boolean;
  /** Sold only to students (校园卡): proposed only to subscribers with the student scene. */
  studentOnly: boolean;
  /** A family plan by nature (shared data, extra cards): a family is never advised off it. */
  family: boolean;
  /** Includes night-time data: night use does not count against the allowance. */
  nightData: boolean;
};

/** An offer the subscriber may take today, as far as the optimiser cares. */
export type AdviceOffer = { code: string; kind: string; targetPlanCode: string | null };

const fen = () => z.int().min(0).max(10_000_000);

/** The optimiser's thresholds; analysts may tune them, the defaults are the operator's usual ones. */
export const planAdviceSettingsSchema = z.strictObject({
  /** A cheaper plan is worth a call only above this monthly saving. */
  minSavingFen: fen().default(1_000),
  /** A month counts as "over" (and a plan as not covering it) from this much overage. */
  overageMonthMinFen: fen().default(500),
  /** Overage in at least this many of the months is a habit: propose a plan that fits. */
  habitualOverageMonths: z.int().min(1).max(6).default(2),
  /** A better-fitting plan may cost at most this much more a month than the current bill. */
  maxFitIncreaseFen: fen().default(3_000),
  /** Share of data used 00:00–06:00 from which a night pack is proposed. */
  minNightDataShare: z.number().min(0).max(1).default(0.25),
  /** …and only to subscribers who use at least this much data a month. */
  minMonthlyDataMbForNightPack: z.number().min(0).default(2_048),
  /** The night pack's price and night allowance (the offers table holds no customer prices). */
  nightPack: z
    .strictObject({
      monthlyFeeFen: fen().default(1_000),
      includedMb: z.number().min(0).default(10_240),
    })
    .prefault({}),
});
export type PlanAdviceSettings = z.infer<typeof planAdviceSettingsSchema>;
export const DEFAULT_PLAN_ADVICE_SETTINGS: PlanAdviceSettings = planAdviceSettingsSchema.parse({});

export type PlanAdviceInput = {
  catalogue: readonly CataloguePlan[];
  currentPlanCode: string;
  /** Months of actual use, oldest first. */
  months: readonly MonthUsage[];
  /** Share of data used 00:00–06:00 (30 days); null when unknown. */
  nightDataShare: number | null;
  sceneTags: readonly string[];
  /** Offers available to this subscriber today (eligibility already checked). */
  offers: readonly AdviceOffer[];
};

export type PlanCost = {
  code: string;
  name: string;
  onSale: boolean;
  /** Average monthly cost over the months. */
  averageFen: number;
  /** Current average minus this one (positive: it would save); null when the current plan is unknown. */
  savingFen: number | null;
  /** No month reaches the overage threshold on this plan. */
  coversUse: boolean;
  /**
   * The subscriber may move to it: on sale, not the current plan, a student plan only for students,
   * and from a family plan only to another family plan.
   */
  proposable: boolean;
};

export const RECOMMENDATION_KINDS = ['cheaper_plan', 'fitting_plan', 'night_pack', 'family_plan'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

export type PlanRecommendation = {
  kind: RecommendationKind;
  targetPlanCode: string | null;
  /** The catalogue offer that carries the move, when there is one. */
  offerCode: string | null;
  /** New average monthly cost minus the current one, in fen: negative saves the subscriber money. */
  monthlyDifferenceFen: number;
  reasons: DecisionReason[];
};

export type PlanAdvice = {
  monthsUsed: number;
  current: { code: string; averageFen: number; overageMonths: number; averageOverageFen: number } | null;
  /** Every catalogue plan, cheapest first (ties keep catalogue order). */
  plans: PlanCost[];
  /** Biggest saving first. */
  recommendations: PlanRecommendation[];
};

/** Prices the catalogue on the months of use and picks the moves worth proposing, biggest saving first. */
export function advisePlans(
  input: PlanAdviceInput,
  settings: PlanAdviceSettings = DEFAULT_PLAN_ADVICE_SETTINGS,
): PlanAdvice {
  const { catalogue, months } = input;
  const currentPlan = catalogue.find((p) => p.code === input.currentPlanCode);
  if (months.length === 0) return { monthsUsed: 0, current: null, plans: [], recommendations: [] };

  const nightShare = input.nightDataShare ?? 0;
  const priced = catalogue.map((plan) => ({
    plan,
    monthly: months.map((m) =>
      monthlyCostFen(plan, plan.nightData ? withoutNightData(m, nightShare, settings) : m),
    ),
  }));
  const average = (values: readonly number[]) => Math.round(sum(values) / values.length);
  const covers = (plan: CataloguePlan, monthly: readonly number[]) =>
    monthly.every((cost) => cost - plan.monthlyFeeFen < settings.overageMonthMinFen);

  const currentPriced = priced.find((p) => p.plan.code === input.currentPlanCode);
  const currentAverage = currentPriced ? average(currentPriced.monthly) : null;
  const isStudent = input.sceneTags.includes('student');
  const currentFamily = currentPlan?.family ?? false;
  const plans: PlanCost[] = priced
    .map(({ plan, monthly }) => {
      const averageFen = average(monthly);
      return {
        code: plan.code,
        name: plan.name,
        onSale: plan.onSale,
        averageFen,
        savingFen: currentAverage === null ? null : currentAverage - averageFen,
        coversUse: covers(plan, monthly),
        proposable:
          plan.onSale &&
          (isStudent || !plan.studentOnly) &&
          plan.code !== input.currentPlanCode &&
          // A family plan's fee pays for several lines; one line's use cannot justify leaving it.
          (plan.family || !currentFamily),
      };
    })
    .sort((a, b) => a.averageFen - b.averageFen);

  if (!currentPlan || !currentPriced || currentAverage === null) {
    return { monthsUsed: months.length, current: null, plans, recommendations: [] };
  }
  const overages = currentPriced.monthly.map((cost) => cost - currentPlan.monthlyFeeFen);
  const overageMonths = overages.filter((o) => o >= settings.overageMonthMinFen).length;
  const current = {
    code: currentPlan.code,
    averageFen: currentAverage,
    overageMonths,
    averageOverageFen: average(overages),
  };

  const context: AdviceContext = { input, settings, plans, current, currentPlan };
  const recommendations: PlanRecommendation[] = [];
  const add = (recommendation: PlanRecommendation | null) => {
    if (!recommendation) return;
    // One proposal per target plan: a second reason for the same move joins the first.
    const same = recommendation.targetPlanCode
      ? recommendations.find((r) => r.targetPlanCode === recommendation.targetPlanCode)
      : undefined;
    if (same) same.reasons.push(...recommendation.reasons);
    else recommendations.push(recommendation);
  };
  add(cheaperPlan(context));
  add(fittingPlan(context));
  add(nightPack(context));
  add(familyPlan(context));
  recommendations.sort((a, b) => a.monthlyDifferenceFen - b.monthlyDifferenceFen);
  return { monthsUsed: months.length, current, plans, recommendations };
}

type AdviceContext = {
  input: PlanAdviceInput;
  settings: PlanAdviceSettings;
  /** Cheapest first. */
  plans: readonly PlanCost[];
  current: NonNullable<PlanAdvice['current']>;
  currentPlan: CataloguePlan;
};

/**
 * The cheapest plan on offer that covers every month, when it saves enough (seed [002]: a 19 yuan
 * plan paying 80 of overage → the 59 yuan plan saves 40 a month). When the overage is a habit the
 * fitting-plan reason joins it: it is the same move.
 */
function cheaperPlan({ input, settings, plans, current }: AdviceContext): PlanRecommendation | null {
  const best = plans.find((p) => p.proposable && p.coversUse);
  if (!best || current.averageFen - best.averageFen < settings.minSavingFen) return null;
  return planMove('cheaper_plan', best, current, input, [
    {
      code: 'PLAN_SAVES_MONEY',
      params: {
        currentPlan: current.code,
        targetPlan: best.code,
        currentAverageFen: current.averageFen,
        targetAverageFen: best.averageFen,
        savingFen: current.averageFen - best.averageFen,
        months: input.months.length,
      },
    },
  ]);
}

/**
 * Overage month after month: the cheapest plan that covers the use, even if it costs a little more
 * than today's bill — a predictable bill keeps people who would otherwise leave over bill shock.
 */
function fittingPlan({ input, settings, plans, current }: AdviceContext): PlanRecommendation | null {
  if (!isHabitual(current, settings)) return null;
  const fit = plans.find((p) => p.proposable && p.coversUse);
  if (!fit || fit.averageFen - current.averageFen > settings.maxFitIncreaseFen) return null;
  return planMove('fitting_plan', fit, current, input, [habitualOverageReason(current, input)]);
}

/**
 * A night-time data peak (seed [002]: a 02:00–04:00 peak → night pack): the pack on top of the
 * current plan, night use moved off the allowance. Not for plans that already include night data.
 */
function nightPack({ input, settings, current, currentPlan }: AdviceContext): PlanRecommendation | null {
  const share = input.nightDataShare;
  if (share === null || share < settings.minNightDataShare || currentPlan.nightData) return null;
  const averageDataMb = sum(input.months.map((m) => m.dataMb)) / input.months.length;
  if (averageDataMb < settings.minMonthlyDataMbForNightPack) return null;
  const offer = input.offers.find((o) => o.kind === 'night_pack');
  if (!offer) return null;
  const withPack = input.months.map(
    (m) =>
      monthlyCostFen(currentPlan, withoutNightData(m, share, settings)) + settings.nightPack.monthlyFeeFen,
  );
  const averageFen = Math.round(sum(withPack) / withPack.length);
  return {
    kind: 'night_pack',
    targetPlanCode: null,
    offerCode: offer.code,
    monthlyDifferenceFen: averageFen - current.averageFen,
    reasons: [
      {
        code: 'NIGHT_DATA_PEAK',
        params: {
          nightSharePct: Math.round(share * 100),
          averageNightDataMb: Math.round(averageDataMb * share),
          packFeeFen: settings.nightPack.monthlyFeeFen,
        },
      },
    ],
  };
}

/**
 * The family scene (seed [002]: 98 → 128 全家桶): the family plan that fits the use best. Family
 * plans are those that are one by nature and the targets of family-plan offers (an ordinary plan
 * sold with extra cards).
 */
function familyPlan({ input, plans, current, currentPlan }: AdviceContext): PlanRecommendation | null {
  if (!input.sceneTags.includes('family') || currentPlan.family) return null;
  const familyCodes = new Set(input.catalogue.filter((p) => p.family).map((p) => p.code));
  for (const offer of input.offers) {
    if (offer.kind === 'family_plan' && offer.targetPlanCode) familyCodes.add(offer.targetPlanCode);
  }
  const candidates = plans.filter((p) => p.proposable && familyCodes.has(p.code));
  const target = candidates.find((p) => p.coversUse) ?? candidates[0];
  if (!target) return null;
  return planMove('family_plan', target, current, input, [
    { code: 'FAMILY_SCENE', params: { currentPlan: current.code, targetPlan: target.code } },
  ]);
}

function planMove(
  kind: RecommendationKind,
  target: PlanCost,
  current: AdviceContext['current'],
  input: PlanAdviceInput,
  reasons: DecisionReason[],
): PlanRecommendation {
  // A family move is best carried by a family-plan offer; any offer moving to the plan will do.
  const moving = input.offers.filter((o) => o.targetPlanCode === target.code);
  const offer = moving.find((o) => o.kind === kind) ?? moving[0];
  return {
    kind,
    targetPlanCode: target.code,
    offerCode: offer?.code ?? null,
    monthlyDifferenceFen: target.averageFen - current.averageFen,
    reasons,
  };
}

function isHabitual(current: AdviceContext['current'], settings: PlanAdviceSettings): boolean {
  return current.overageMonths >= settings.habitualOverageMonths;
}

function habitualOverageReason(current: AdviceContext['current'], input: PlanAdviceInput): DecisionReason {
  return {
    code: 'HABITUAL_OVERAGE',
    params: {
      currentPlan: current.code,
      overageMonths: current.overageMonths,
      months: input.months.length,
      averageOverageFen: current.averageOverageFen,
    },
  };
}

/**
 * A month with its night-time data taken off (up to the night allowance). The share is the last
 * 30 days' (all the score keeps), applied to each month: night habits are steady, and the advice
 * is an estimate the agent states as one.
 */
function withoutNightData(month: MonthUsage, share: number, settings: PlanAdviceSettings): MonthUsage {
  const night = Math.min(month.dataMb * share, settings.nightPack.includedMb);
  return { ...month, dataMb: month.dataMb - night };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
