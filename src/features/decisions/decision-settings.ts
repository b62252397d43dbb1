import { z } from 'zod';

/**
 * The next-best-action levers an analyst tunes (issue §2, DOMAIN.md §7): how value is counted, what
 * a contact costs, the per-subscriber retention budget, which actions may be chosen, and the
 * P(save | action) priors. One document per saved version (decision_settings_versions). Every field
 * has a default, so `{}` is a complete document and a document saved before a lever existed still
 * parses.
 */

const BETWEEN_0_AND_1 = 'must be between 0 and 1';
const fraction = () => z.number().min(0, { error: BETWEEN_0_AND_1 }).max(1, { error: BETWEEN_0_AND_1 });
const fen = () =>
  z
    .int({ error: 'must be whole fen' })
    .min(0, { error: 'must not be negative' })
    .max(100_000_000, { error: 'must be at most 100000000 fen' });
/** A multiplier on value or P(save); 0 switches a thing off, above 5 would be a typo. */
const factor = () =>
  z.number().min(0, { error: 'must not be negative' }).max(5, { error: 'must be at most 5' });
const tierKey = () => z.string().min(1, { error: 'must name a tier' });

const prior = (byDefault: number, byTier: Record<string, number>) =>
  z
    .strictObject({
      /** P(save) for a tier not listed in byTier. */
      default: fraction().default(byDefault),
      byTier: z.record(tierKey(), fraction()).default(byTier),
    })
    .prefault({});

const actionSwitch = () => z.strictObject({ enabled: z.boolean().default(true) }).prefault({});

export const decisionSettingsSchema = z
  .strictObject({
    value: z
      .strictObject({
        /**
         * Months of monthly value a save keeps. Scoring's revenue at risk already multiplies by
         * P(churn) (and the model's own horizon), so the decision starts from 3-month ARPU instead.
         */
        horizonMonths: z
          .int({ error: 'must be a whole number' })
          .min(1, { error: 'must be at least 1' })
          .max(36, { error: 'must be at most 36' })
          .default(6),
        /** Value weight per operating tier; a tier not listed weighs 1. */
        tierWeights: z
          .record(tierKey(), factor())
          .default({ high_value: 1.3, potential: 1.1, ordinary: 0.8, churn_warning: 1 }),
        /** Extra value share for VIPs (high value, high influence, both): value × (1 + boost). */
        vipBoost: factor().default(0.2),
      })
      .prefault({}),
    costs: z
      .strictObject({
        /** Agent time for one outbound call, in fen. */
        callCostFen: fen().default(600),
        smsCostFen: fen().default(10),
      })
      .prefault({}),
    /** Below this expected value (fen) doing nothing wins. */
    minExpectedValueFen: fen().default(500),
    actions: z
      .strictObject({
        retention_call: actionSwitch(),
        care_call: actionSwitch(),
        upsell_call: actionSwitch(),
        care_sms: actionSwitch(),
      })
      .prefault({}),
    /** Retention spend is bounded by the subscriber's value (DOMAIN.md §7): the lower of the two. */
    budget: z
      .strictObject({
        maxShareOfAnnualValue: fraction().default(0.1),
        capFen: fen().default(30_000),
      })
      .prefault({}),
    retention: z
      .strictObject({
        /** P(save) of a retention call that presents no offer, relative to one that does. */
        withoutOfferFactor: factor().default(0.5),
        /** P(save) multiplier by the offer's retention rule (cost, product, relationship, value, embedded). */
        offerRuleFactors: z
          .record(z.string().min(1), factor())
          .default({ cost: 1, product: 1, relationship: 0.9, value: 0.8, embedded: 0.8 }),
        /** Offer kinds a retention call never presents: they sell more, they do not keep. */
        excludedOfferKinds: z.array(z.string().min(1)).default(['family_plan', 'night_pack', 'data_pack']),
      })
      .prefault({}),
    upsell: z
      .strictObject({
        /** Offer kinds an upsell call presents. */
        offerKinds: z
          .array(z.string().min(1))
          .default([
            'plan_change',
            'family_plan',
            'custom_bundle',
            'broadband_bundle',
            'group_bundle',
            'night_pack',
            'data_pack',
          ]),
        /** Months of ARPU gain counted for an accepted upsell. */
        horizonMonths: z
          .int({ error: 'must be a whole number' })
          .min(1, { error: 'must be at least 1' })
          .max(36, { error: 'must be at most 36' })
          .default(6),
        /**
         * Monthly ARPU gain of an accepted offer, first found of: by offer code; a plan move's target
         * fee minus today's ARPU; by offer kind; the default.
         */
        monthlyGainFenByOffer: z.record(z.string().min(1), fen()).default({}),
        monthlyGainFenByKind: z
          .record(z.string().min(1), fen())
          .default({ night_pack: 1_000, data_pack: 1_000, group_bundle: 1_500, broadband_bundle: 4_000 }),
        defaultMonthlyGainFen: fen().default(2_000),
      })
      .prefault({}),
    care: z
      .strictObject({
        /** P(save) multiplier when a key moment (birthday, revisit, …) falls in the window. */
        keyMomentFactor: factor().default(2),
        /** A key moment due within this many days of the planning day counts (overdue ones too). */
        keyMomentWindowDays: z
          .int({ error: 'must be a whole number' })
          .min(0, { error: 'must not be negative' })
          .max(60, { error: 'must be at most 60' })
          .default(7),
      })
      .prefault({}),
    pSave: z
      .strictObject({
        /** Pseudo-trials the prior counts for in the Beta–binomial estimate. */
        priorStrength: z
          .number()
          .min(1, { error: 'must be at least 1' })
          .max(10_000, { error: 'must be at most 10000' })
          .default(20),
        /** Outcomes older than this are not counted. */
        lookbackDays: z
          .int({ error: 'must be a whole number' })
          .min(1, { error: 'must be at least 1' })
          .max(1_095, { error: 'must be at most 1095' })
          .default(365),
        priors: z
          .strictObject({
            retention_call: prior(0.25, { high_value: 0.3, churn_warning: 0.2 }),
            upsell_call: prior(0.1, { potential: 0.15, high_value: 0.12 }),
            // Care sells nothing: its save rate is smaller (DOMAIN.md §7, shallow care).
            care_call: prior(0.06, { high_value: 0.08 }),
            care_sms: prior(0.02, {}),
          })
          .prefault({}),
      })
      .prefault({}),
  })
  .prefault({});

export type DecisionSettings = z.infer<typeof decisionSettingsSchema>;

export const DEFAULT_DECISION_SETTINGS: DecisionSettings = decisionSettingsSchema.parse({});

/** Thrown when a stored or supplied document is invalid; `problems` lists "path: message". */
export class DecisionSettingsError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid decision settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DecisionSettingsError';
    this.problems = problems;
  }
}

export function parseDecisionSettings(input: unknown): DecisionSettings {
  const result = decisionSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  throw new DecisionSettingsError(problems);
}
