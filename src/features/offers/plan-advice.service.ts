import { z } from 'zod';
import type { Database } from '#src/db/client';
import { SERIES_MONTHS } from '#src/features/scoring/features/feature-query.sql';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';
import { notFound } from '#src/lib/app-error';
import { addMonths, monthOf } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import { type EligibilityFacts, isEligible, offerEligibilitySchema } from './offer-eligibility';
import { findOffers } from './offers.repository';
import {
  type AdviceOffer,
  advisePlans,
  type CataloguePlan,
  DEFAULT_PLAN_ADVICE_SETTINGS,
  type PlanAdviceSettings,
} from './plan-advice';
import { findPlanCatalogue, findScoreForAdvice, findSubscriberPlanProfile } from './plan-advice.repository';
import type { PlanAdviceView } from './plan-advice.schemas';
import type { MonthUsage } from './plan-cost';
import { planFlagsFromName } from './plan-flags';

/** Months of actual use the optimiser prices (DOMAIN.md §8). */
const ADVICE_MONTHS = 3;

/**
 * The parts of a stored score series (score-record.ts ScoreSeries) the optimiser reads. Runs
 * stored before the night share was kept have no such key: it reads as null.
 */
const storedSeriesSchema = z.object({
  minutes: z.array(z.number().nullable()),
  dataMb: z.array(z.number().nullable()),
  nightDataShare: z.number().nullable().default(null),
});
type StoredSeries = z.infer<typeof storedSeriesSchema>;

export type PlanAdviceOptions = {
  /** The business day offers must be valid on (YYYY-MM-DD); default today in Asia/Shanghai. */
  today?: string;
  settings?: PlanAdviceSettings;
};

/**
 * The plan optimiser for one subscriber: the current run's monthly series (last 3 of its 6 months,
 * months without a bill skipped) priced on every catalogue plan, with the moves worth proposing and
 * the offers that carry them. A subscriber without a score gets an empty, well-formed answer.
 * The caller checks scope first (requireSubscriberInScope).
 */
export async function planAdviceFor(
  db: Database,
  subscriberId: number,
  options: PlanAdviceOptions = {},
): Promise<PlanAdviceView> {
  const today = options.today ?? todayIn('Asia/Shanghai');
  const settings = options.settings ?? DEFAULT_PLAN_ADVICE_SETTINGS;
  const profile = await findSubscriberPlanProfile(db, subscriberId);
  if (!profile) throw notFound('Subscriber');
  const run = await findCurrentRun(db);
  const score = run ? await findScoreForAdvice(db, run.id, subscriberId) : undefined;
  if (!run || !score) {
    return {
      subscriberId,
      runId: null,
      asOf: null,
      currentPlanCode: profile.planCode,
      months: [],
      nightDataShare: null,
      current: null,
      plans: [],
      recommendations: [],
    };
  }

  const series = storedSeriesSchema.parse(score.series);
  const { months, usage } = lastBilledMonths(series, run.asOf);
  const nightDataShare = series.nightDataShare;
  const catalogueRows = await findPlanCatalogue(db);
  const facts: EligibilityFacts = {
    tier: score.tier,
    riskBand: score.riskBand,
    segments: score.segments,
    signalCodes: score.signalCodes,
    planCode: profile.planCode,
    tenureMonths: wholeMonthsBetween(profile.joinDate, today),
    sceneTags: profile.sceneTags,
  };
  const offers = await offersFor(db, facts, today);
  const catalogue: CataloguePlan[] = catalogueRows.map(({ isActive, ...plan }) => ({
    ...plan,
    onSale: isActive,
    ...planFlagsFromName(plan.name),
  }));
  const advice = advisePlans(
    {
      catalogue,
      currentPlanCode: profile.planCode,
      months: usage,
      nightDataShare,
      sceneTags: profile.sceneTags,
      offers,
    },
    settings,
  );
  const planName = new Map(catalogue.map((p) => [p.code, p.name]));
  return {
    subscriberId,
    runId: run.id,
    asOf: run.asOf,
    currentPlanCode: profile.planCode,
    months,
    nightDataShare,
    current: advice.current,
    plans: advice.plans,
    recommendations: advice.recommendations.map((r) => ({
      ...r,
      targetPlanName: r.targetPlanCode ? (planName.get(r.targetPlanCode) ?? null) : null,
    })),
  };
}

/**
 * The last ADVICE_MONTHS of the stored series (which ends with the run's as-of month), skipping
 * months without usage figures. SMS counts are not in the series: they are priced as 0, which
 * under-counts SMS overage only (rare on today's plans, whose SMS allowances few exceed).
 */
function lastBilledMonths(series: StoredSeries, asOf: string): { months: string[]; usage: MonthUsage[] } {
  const lastMonth = monthOf(asOf);
  const months: string[] = [];
  const usage: MonthUsage[] = [];
  for (let index = SERIES_MONTHS - ADVICE_MONTHS; index < SERIES_MONTHS; index += 1) {
    const minutes = series.minutes[index];
    const dataMb = series.dataMb[index];
    if (minutes == null || dataMb == null) continue;
    months.push(addMonths(lastMonth, index - (SERIES_MONTHS - 1)));
    usage.push({ minutes, dataMb, sms: 0 });
  }
  return { months, usage };
}

/** Offers on sale today that this subscriber may take, as the optimiser matches them to moves. */
async function offersFor(db: Database, facts: EligibilityFacts, today: string): Promise<AdviceOffer[]> {
  const rows = await findOffers(db, { available: { on: today, is: true } });
  const result: AdviceOffer[] = [];
  for (const row of rows) {
    const eligibility = offerEligibilitySchema.safeParse(row.eligibility);
    if (!eligibility.success || !isEligible(eligibility.data, facts)) continue;
    result.push({ code: row.code, kind: row.kind, targetPlanCode: row.targetPlanCode });
  }
  return result;
}

/** Whole calendar months from `from` to `to` (YYYY-MM-DD), 0 when `to` is earlier. */
export function wholeMonthsBetween(from: string, to: string): number {
  const [fy = 0, fm = 0, fd = 0] = from.split('-').map(Number);
  const [ty = 0, tm = 0, td = 0] = to.split('-').map(Number);
  const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  return Math.max(0, months);
}
