import { z } from 'zod';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const localeQuery = z.enum(LOCALES).default('zh-CN').describe('Language of evidence and reasons');

export const listScoresQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  tier: z.string().trim().min(1).max(40).optional(),
  signal: z.string().trim().min(1).max(40).optional(),
  riskBand: z.string().trim().min(1).max(40).optional(),
  stage: z.string().trim().min(1).max(40).optional(),
  city: z.string().trim().min(1).max(50).optional(),
  inTargetPool: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  sort: z.enum(['probability', 'revenueAtRisk', 'arpu3']).default('probability'),
  order: z.enum(['asc', 'desc']).default('desc'),
  lang: localeQuery,
});
export type ListScoresQuery = z.infer<typeof listScoresQuerySchema>;

export const scoreLocaleQuerySchema = z.object({ lang: localeQuery });
export const scoreSubscriberParamsSchema = z.object({ id: z.coerce.number().int().positive() });

const renderedSignal = z.object({
  code: z.string(),
  title: z.string(),
  evidence: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
const renderedReason = z.object({
  feature: z.string(),
  contribution: z.number(),
  value: z.union([z.number(), z.string(), z.null()]),
  text: z.string(),
});
const renderedMoment = z.object({ code: z.string(), dueDate: z.string(), text: z.string() });

/** A scored subscriber in a list: masked identity, placement, risk, and the why in plain words. */
export const scoreSummarySchema = z
  .object({
    subscriberId: z.number().int(),
    msisdnMasked: z.string().regex(/^\d{3}\*{4}\d{4}$/),
    name: z.string(),
    city: z.string(),
    probability: z.number(),
    riskBand: z.string(),
    tier: z.string(),
    tierReason: z.string(),
    lifecycleStage: z.string(),
    vipKind: z.string(),
    contributionClass: z.string(),
    inTargetPool: z.boolean(),
    segments: z.array(z.string()),
    arpu3Fen: z.number().int().nullable(),
    revenueAtRiskFen: z.number().int(),
    signals: z.array(renderedSignal),
    reasons: z.array(renderedReason),
    keyMoments: z.array(renderedMoment),
  })
  .meta({ id: 'ScoreSummary' });
export type ScoreSummary = z.infer<typeof scoreSummarySchema>;

export const scorePageSchema = z
  .object({
    runId: z.number().int().nullable(),
    asOf: z.string().nullable(),
    items: z.array(scoreSummarySchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'ScorePage' });

export const scoreDetailSchema = scoreSummarySchema
  .extend({
    runId: z.number().int(),
    asOf: z.string(),
    modelId: z.number().int().nullable(),
    series: z.object({
      months: z.array(z.string()),
      spendFen: z.array(z.number().nullable()),
      minutes: z.array(z.number().nullable()),
      dataMb: z.array(z.number().nullable()),
      /** Share of the last 30 days' data used 00:00–06:00; null without data use or for older runs. */
      nightDataShare: z.number().nullable(),
    }),
    /** Shares of revenue over the last 3 billed months; null without spend or for older runs. */
    revenueMix: z
      .object({ voice: z.number(), data: z.number(), valueAdded: z.number(), other: z.number() })
      .nullable(),
  })
  .meta({ id: 'ScoreDetail' });
export type ScoreDetail = z.infer<typeof scoreDetailSchema>;

export const scoreHistorySchema = z
  .object({
    items: z.array(
      z.object({
        runId: z.number().int(),
        asOf: z.string(),
        modelId: z.number().int().nullable(),
        probability: z.number(),
        riskBand: z.string(),
        tier: z.string(),
        lifecycleStage: z.string(),
        signalCodes: z.array(z.string()),
        revenueAtRiskFen: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'ScoreHistory' });
