import { z } from 'zod';
import { BRANDS, SUBSCRIBER_STATUSES, VIP_LEVELS } from '#src/db/schema/enums';

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
});
export type ListSubscribersQuery = z.infer<typeof listSubscribersQuerySchema>;

export const subscriberIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });

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

export const subscriberPageSchema = z
  .object({
    items: z.array(subscriberSummarySchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'SubscriberPage' });

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
    plan: z.object({
      code: z.string(),
      name: z.string(),
      monthlyFeeFen: z.number().int(),
      includedMinutes: z.number().int(),
      includedDataMb: z.number().int(),
      includedSms: z.number().int(),
    }),
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
