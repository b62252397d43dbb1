import { z } from 'zod';
import type { PopulationPercentiles } from '#src/features/scoring/features/subscriber-features';
import { SIGNAL_CODES } from '#src/features/scoring/rules/churn-signals';

/**
 * The operator's scoring settings: every threshold of DOMAIN.md §2–§6 lives here, never in rule
 * code. One document per saved version (storage and versioning live elsewhere); the rules read it
 * as plain data.
 */

const BETWEEN_0_AND_1 = 'must be between 0 and 1';

const fraction = () => z.number().min(0, { error: BETWEEN_0_AND_1 }).max(1, { error: BETWEEN_0_AND_1 });
/** An open percentile: 0 and 1 would make every or no subscriber qualify. */
const percentile = () =>
  z.number().gt(0, { error: 'must be above 0 and below 1' }).lt(1, { error: 'must be above 0 and below 1' });
const count = () => z.int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' });
const positiveCount = () =>
  z.int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' });
const fen = () => z.int({ error: 'must be whole fen' }).min(0, { error: 'must not be negative' });
/** A signal's log-odds weight in the prior risk score; negative weights would make a warning reassuring. */
const weight = () =>
  z.number().min(0, { error: 'must not be negative' }).max(10, { error: 'must be at most 10' });

const VIP_LEVEL = z.enum(['none', 'silver', 'gold', 'platinum', 'diamond']);
const CONTRIBUTION_CLASS = z.enum(['high', 'general', 'ordinary']);

const pattern = z.string().check((ctx) => {
  try {
    new RegExp(ctx.value, 'i');
  } catch {
    ctx.issues.push({ code: 'custom', message: 'is not a valid regular expression', input: ctx.value });
  }
});

const signal = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({ enabled: z.boolean(), weight: weight(), ...shape });

const keyMoment = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ enabled: z.boolean(), ...shape });

export const scoringSettingsSchema = z.strictObject({
  /** DOMAIN.md §2: the mid/high-end pool the phone managers work. */
  targetPool: z.strictObject({
    minArpu3Fen: fen(),
    excludeGroupCustomers: z.boolean(),
  }),
  vipKind: z.strictObject({
    /** Contribution classes that count as high monetary value. */
    highValueClasses: z.array(CONTRIBUTION_CLASS).min(1, { error: 'must name at least one class' }),
    /** The distinct-contacts percentile at or above which a subscriber is influential (the population
     * pass computes it; PopulationStats carries it as influentialContacts30). */
    influencePercentile: percentile(),
    /** No key-person flag exists in the data: these VIP levels stand in for it. */
    keyPersonVipLevels: z.array(VIP_LEVEL),
  }),
  /** ARPU percentiles for the contribution classes (PopulationStats highValueArpuFen / generalValueArpuFen). */
  contribution: z
    .strictObject({ highPercentile: percentile(), generalPercentile: percentile() })
    .refine((c) => c.generalPercentile < c.highPercentile, {
      error: 'generalPercentile must be below highPercentile',
      path: ['generalPercentile'],
    }),
  tiers: z.strictObject({
    highValue: z.strictObject({
      /** Besides a high contribution class: this ARPU with a contract or a bundle scene tag. */
      minArpu3Fen: fen(),
      bundleSceneTags: z.array(z.string().min(1)),
    }),
    potential: z.strictObject({
      maxTenureMonths: count(),
      studentSceneTags: z.array(z.string().min(1)),
      youngMaxAgeYears: positiveCount(),
      youngMinDataMbPerMonth: count(),
    }),
    ordinary: z.strictObject({
      /** "Silence wake-up": spend within ±tolerance of its mean for this many months. */
      silenceMonths: z.int().min(2, { error: 'must be at least 2' }).max(6, { error: 'must be at most 6' }),
      silenceTolerance: fraction(),
    }),
    churnWarning: z.strictObject({
      onArpuDecline: z.boolean(),
      onUnresolvedComplaint: z.boolean(),
      onCompetitorContact: z.boolean(),
      /** A churn probability at or above this also makes a churn warning; 1 switches it off. */
      minChurnProbability: fraction(),
    }),
  }),
  lifecycle: z
    .strictObject({
      introMonths: positiveCount(),
      growthMonths: positiveCount(),
      matureMonths: positiveCount(),
      /** Signals that show an intent to leave and so put anyone in decline. */
      declineSignals: z.array(z.enum(SIGNAL_CODES)),
    })
    .refine((l) => l.introMonths < l.growthMonths && l.growthMonths < l.matureMonths, {
      error: 'months must increase: introMonths < growthMonths < matureMonths',
      path: ['growthMonths'],
    }),
  /** DOMAIN.md §4, one entry per signal; weights are log-odds for the prior risk score. */
  signals: z.strictObject({
    contractExpiring: signal({ withinDays: count() }),
    usageDrop: signal({
      ratio: fraction(),
      baselineMonths: z.int().min(1, { error: 'must be at least 1' }).max(5, { error: 'must be at most 5' }),
    }),
    competitorMarketing: signal({ minContacts30: positiveCount() }),
    zeroCallDays: signal({ minDays30: positiveCount(), minStreak30: positiveCount() }),
    competitorHotline: signal({ minCalls30: positiveCount() }),
    arpuDecline: signal({
      months: z.int().min(1, { error: 'must be at least 1' }).max(5, { error: 'must be at most 5' }),
    }),
    openComplaint: signal({ onOverdue: z.boolean(), minComplaints90: positiveCount() }),
    arrearsSuspended: signal({}),
    dataOverage: signal({ minOverageFen: positiveCount() }),
  }),
  priorRisk: z.strictObject({
    /** Log-odds with no signal fired: the base churn rate before any evidence. */
    baseLogOdds: z
      .number()
      .min(-10, { error: 'must be at least -10' })
      .max(0, { error: 'must be at most 0' }),
  }),
  riskBands: z
    .strictObject({ mediumFrom: fraction(), highFrom: fraction(), veryHighFrom: fraction() })
    .refine((b) => b.mediumFrom < b.highFrom && b.highFrom < b.veryHighFrom, {
      error: 'bands must increase: mediumFrom < highFrom < veryHighFrom',
      path: ['highFrom'],
    }),
  /** DOMAIN.md §5. Security sensitivity has no data field yet, so it has no settings and never fires. */
  sensitivity: z.strictObject({
    price: z.strictObject({ minConsultations180: positiveCount() }),
    service: z.strictObject({ minServiceContacts90: positiveCount() }),
    brand: z.strictObject({
      brands: z.array(z.string().min(1)),
      /** Case-insensitive regular expressions matched against the handset model. */
      highEndHandsetPatterns: z.array(pattern),
    }),
  }),
  /** DOMAIN.md §6: which moments create a task and when it is due. */
  keyMoments: z.strictObject({
    birthday: keyMoment({ withinDays: count() }),
    arrearsSuspension: keyMoment({ withinHours: positiveCount(), maxDaysSuspended: count() }),
    contractExpiring: keyMoment({ lookAheadDays: count(), daysBeforeEnd: count() }),
    businessHandled: keyMoment({ revisitAfterDays: count(), lookbackDays: count() }),
    complaintResolved: keyMoment({ revisitWithinDays: count(), lookbackDays: count() }),
    leaving: keyMoment({ withinDays: count() }),
  }),
  model: z.strictObject({
    horizonMonths: z.int().min(1, { error: 'must be at least 1' }).max(12, { error: 'must be at most 12' }),
    training: z.strictObject({
      /** Month-end snapshots stacked for training, newest first. */
      snapshots: positiveCount(),
      /** Bill months a snapshot needs behind it (the feature series are 6 months long). */
      minHistoryMonths: positiveCount(),
      /** Too few rows or churners to learn from: keep the signal prior instead. */
      minRows: positiveCount(),
      minPositives: positiveCount(),
      /** Rows sampled at most, across all snapshots, to bound training time and memory. */
      maxRows: positiveCount(),
    }),
  }),
});

export type ScoringSettings = z.infer<typeof scoringSettingsSchema>;

export const DEFAULT_SCORING_SETTINGS: ScoringSettings = {
  targetPool: { minArpu3Fen: 12_000, excludeGroupCustomers: true },
  vipKind: { highValueClasses: ['high'], influencePercentile: 0.9, keyPersonVipLevels: ['diamond'] },
  contribution: { highPercentile: 0.95, generalPercentile: 0.8 },
  tiers: {
    highValue: { minArpu3Fen: 19_800, bundleSceneTags: ['family'] },
    potential: {
      maxTenureMonths: 6,
      studentSceneTags: ['student'],
      youngMaxAgeYears: 26,
      youngMinDataMbPerMonth: 20_480,
    },
    ordinary: { silenceMonths: 3, silenceTolerance: 0.05 },
    churnWarning: {
      onArpuDecline: true,
      onUnresolvedComplaint: true,
      onCompetitorContact: true,
      minChurnProbability: 0.5,
    },
  },
  lifecycle: {
    introMonths: 3,
    growthMonths: 12,
    matureMonths: 36,
    declineSignals: ['COMPETITOR_HOTLINE', 'USAGE_DROP', 'ZERO_CALL_DAYS', 'ARPU_DECLINE'],
  },
  signals: {
    contractExpiring: { enabled: true, weight: 0.8, withinDays: 60 },
    usageDrop: { enabled: true, weight: 1.5, ratio: 0.5, baselineMonths: 3 },
    competitorMarketing: { enabled: true, weight: 0.7, minContacts30: 1 },
    zeroCallDays: { enabled: true, weight: 1, minDays30: 7, minStreak30: 5 },
    competitorHotline: { enabled: true, weight: 1.6, minCalls30: 1 },
    arpuDecline: { enabled: true, weight: 1, months: 3 },
    openComplaint: { enabled: true, weight: 1.2, onOverdue: true, minComplaints90: 2 },
    arrearsSuspended: { enabled: true, weight: 1.4 },
    dataOverage: { enabled: true, weight: 0.3, minOverageFen: 1 },
  },
  priorRisk: { baseLogOdds: -3 },
  riskBands: { mediumFrom: 0.1, highFrom: 0.3, veryHighFrom: 0.6 },
  sensitivity: {
    price: { minConsultations180: 2 },
    service: { minServiceContacts90: 2 },
    brand: {
      brands: ['gotone'],
      highEndHandsetPatterns: [
        'iPhone',
        '\\bMate\\b',
        '\\bPura\\b',
        'Galaxy [SZ]',
        'Find X',
        'Xiaomi 1\\d Ultra',
        'vivo X\\d+ Pro',
      ],
    },
  },
  keyMoments: {
    birthday: { enabled: true, withinDays: 7 },
    arrearsSuspension: { enabled: true, withinHours: 24, maxDaysSuspended: 30 },
    contractExpiring: { enabled: true, lookAheadDays: 60, daysBeforeEnd: 30 },
    businessHandled: { enabled: true, revisitAfterDays: 7, lookbackDays: 30 },
    complaintResolved: { enabled: true, revisitWithinDays: 3, lookbackDays: 30 },
    leaving: { enabled: true, withinDays: 3 },
  },
  model: {
    horizonMonths: 1,
    training: { snapshots: 3, minHistoryMonths: 3, minRows: 1_000, minPositives: 50, maxRows: 200_000 },
  },
};

/** Thrown when a settings document is invalid; `problems` lists each one as "path: message". */
export class ScoringSettingsError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid scoring settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ScoringSettingsError';
    this.problems = problems;
  }
}

export function parseScoringSettings(input: unknown): ScoringSettings {
  const result = scoringSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  throw new ScoringSettingsError(problems);
}

/** Where the feature pass takes the population cut-offs the contribution and influence rules use. */
export function populationPercentiles(settings: ScoringSettings): PopulationPercentiles {
  return {
    generalValue: settings.contribution.generalPercentile,
    highValue: settings.contribution.highPercentile,
    influence: settings.vipKind.influencePercentile,
  };
}
