import { z } from 'zod';
import { BRANDS, SUBSCRIBER_STATUSES, VIP_LEVELS } from '#src/db/schema/enums';
import { SIGNAL_CODES } from '#src/features/scoring/rules/churn-signals';
import { OPERATING_TIERS } from '#src/features/scoring/rules/operating-tier';
import { RISK_BANDS } from '#src/features/scoring/rules/risk-band';
import { LOCALES } from '#src/features/scoring/scores/scores.schemas';

export const listSubscribersQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** A full MSISDN, its last 4+ digits, or the start of a name. */
  q: z.string().trim().min(1).max(50).optional(),
  city: z.string().trim().min(1).max(50).optional(),
  brand: z.enum(BRANDS).optional(),
  status: z.enum(SUBSCRIBER_STATUSES).optional(),
  vipLevel: z.enum(VIP_LEVELS).optional(),
  isGroupCustomer: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  tier: z.enum(OPERATING_TIERS).optional(),
  riskBand: z.enum(RISK_BANDS).optional(),
  signal: z.enum(SIGNAL_CODES).optional(),
  sort: z
    .enum(['id', 'risk'])
    .default('id')
    .describe('id: stable order; risk: highest churn probability first'),
  lang: z.enum(LOCALES).default('zh-CN'),
});
export type ListSubscribersQuery = z.infer<typeof listSubscribersQuerySchema>;

export const subscriberIdParamsSchema = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

/**
 * What a list row may carry. Only masked personal data exists in this schema, so a full MSISDN
 * cannot be serialised from it whatever the service returns (unmasking is a separate, audited call).
 */
export const subscriberSummarySchema = z
  .object({
    id: z.number().int(),
    msisdnMasked: z.string().regex(/^\d{3}\*{4}\d{4}$/),
    name: z.string(),
    gender: z.string().nullable(),
    province: z.string(),
    city: z.string(),
    district: z.string().nullable(),
    brand: z.enum(BRANDS),
    planCode: z.string(),
    planName: z.string(),
    status: z.enum(SUBSCRIBER_STATUSES),
    vipLevel: z.enum(VIP_LEVELS),
    isGroupCustomer: z.boolean(),
    joinDate: z.string(),
    contractEnd: z.string().nullable(),
  })
  .meta({ id: 'SubscriberSummary' });
export type SubscriberSummary = z.infer<typeof subscriberSummarySchema>;

/** A list row: the masked summary, who owns the subscriber, and where the current run placed them. */
export const subscriberListItemSchema = subscriberSummarySchema
  .extend({
    ownerName: z.string().nullable(),
    score: z
      .object({
        probability: z.number(),
        riskBand: z.string(),
        tier: z.string(),
        lifecycleStage: z.string(),
        vipKind: z.string(),
        signalCodes: z.array(z.string()),
        arpu3Fen: z.number().int().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'SubscriberListItem' });
export type SubscriberListItem = z.infer<typeof subscriberListItemSchema>;

export const subscriberPageSchema = z
  .object({
    runId: z.number().int().nullable(),
    asOf: z.string().nullable(),
    items: z.array(subscriberListItemSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    /** True when the count stopped at its cap: "total or more". */
    totalCapped: z.boolean(),
  })
  .meta({ id: 'SubscriberPage' });

export const subscriberFiltersSchema = z
  .object({
    cities: z.array(z.string()),
    tiers: z.array(z.string()),
    riskBands: z.array(z.string()),
    signals: z.array(z.string()),
    vipLevels: z.array(z.string()),
    statuses: z.array(z.string()),
  })
  .meta({ id: 'SubscriberFilters' });

/** A subscriber's plan as the screens show it. */
export const planSchema = z.object({
  code: z.string(),
  name: z.string(),
  monthlyFeeFen: z.number().int(),
  includedMinutes: z.number().int(),
  includedDataMb: z.number().int(),
  includedSms: z.number().int(),
});

export const subscriberDetailSchema = subscriberSummarySchema
  .extend({
    idNumberMasked: z.string().nullable(),
    birthDate: z.string().nullable(),
    statusSince: z.string(),
    handsetModel: z.string().nullable(),
    marketingConsent: z.boolean(),
    doNotCall: z.boolean(),
    profilingOptOut: z.boolean(),
    sceneTags: z.array(z.string()),
    plan: planSchema,
    statusHistory: z.array(
      z.object({ status: z.string(), validFrom: z.string(), validTo: z.string().nullable() }),
    ),
    contracts: z.array(
      z.object({
        contractNo: z.string(),
        kind: z.string(),
        startDate: z.string(),
        endDate: z.string(),
        status: z.string(),
      }),
    ),
    complaints: z.array(
      z.object({
        complaintNo: z.string(),
        category: z.string(),
        status: z.string(),
        openedAt: z.string(),
        slaDueAt: z.string().nullable(),
        resolvedAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'SubscriberDetail' });
export type SubscriberDetail = z.infer<typeof subscriberDetailSchema>;
