import { z } from 'zod';
import { VIP_LEVELS } from '#src/db/schema/enums';
import { QUARTER_PATTERN } from './quarter';
import { REPORT_LANGUAGES } from './report-texts';

export const reportQuerySchema = z.object({
  quarter: z
    .string()
    .regex(QUARTER_PATTERN, 'must be a quarter like 2026-Q3')
    .optional()
    .describe('The quarter to report on; default: the last complete quarter before the current run'),
  lang: z.enum(REPORT_LANGUAGES).default('zh-CN'),
});

const measureSchema = z.object({
  spendFen: z.number().nullable(),
  minutes: z.number().nullable(),
  dataMb: z.number().nullable(),
  months: z.number().int(),
});
const changeSchema = z.object({
  spend: z.number().nullable(),
  minutes: z.number().nullable(),
  dataMb: z.number().nullable(),
});

/** The report as the printable page draws it (masked name and number only: nothing else may leak). */
export const serviceReportSchema = z
  .object({
    lang: z.enum(REPORT_LANGUAGES),
    runId: z.number().int(),
    asOf: z.string(),
    quarter: z.object({ code: z.string(), start: z.string(), end: z.string(), months: z.array(z.string()) }),
    previousQuarter: z.string(),
    availableQuarters: z.array(z.string()),
    subscriber: z.object({
      id: z.number().int(),
      nameMasked: z.string(),
      msisdnMasked: z.string(),
      vipLevel: z.string(),
      planCode: z.string(),
      planName: z.string(),
      city: z.string(),
      tier: z.string(),
    }),
    usage: z.object({
      current: measureSchema,
      previous: measureSchema,
      peers: z.object({
        count: z.number().int(),
        spendFen: z.number().nullable(),
        minutes: z.number().nullable(),
        dataMb: z.number().nullable(),
      }),
      quarterSpendFen: z.number().nullable(),
      vsPrevious: changeSchema,
      vsPeers: changeSchema,
      mix: z.object({ voice: z.number(), data: z.number(), valueAdded: z.number() }).nullable(),
      sms: z.null(),
    }),
    billTrend: z.object({ months: z.array(z.string()), spendFen: z.array(z.number().nullable()) }),
    planAdvice: z.object({
      currentAverageFen: z.number().nullable(),
      suggestions: z.array(
        z.object({
          kind: z.string(),
          targetPlanCode: z.string().nullable(),
          targetPlanName: z.string().nullable(),
          monthlyDifferenceFen: z.number().int(),
        }),
      ),
    }),
    benefits: z.object({
      acceptedOffers: z.array(z.object({ offerCode: z.string(), name: z.string(), acceptedAt: z.string() })),
      careContacts: z.number().int(),
      ticketsResolved: z.number().int(),
    }),
    manager: z.object({
      displayName: z.string().nullable(),
      serviceNumber: z.string(),
      operatorName: z.string(),
    }),
    text: z.object({
      title: z.string(),
      period: z.string(),
      greeting: z.string(),
      usageSummary: z.string(),
      mixSummary: z.string().nullable(),
      peerSummary: z.string().nullable(),
      adviceSummary: z.string(),
      benefitsSummary: z.string(),
      managerLine: z.string(),
      closing: z.string(),
    }),
  })
  .meta({ id: 'ServiceReport' });

export const BULK_LIMIT_MAX = 2_000;

export const bulkReportBodySchema = z.object({
  quarter: z.string().regex(QUARTER_PATTERN, 'must be a quarter like 2026-Q3').optional(),
  lang: z.enum(REPORT_LANGUAGES).default('zh-CN'),
  segment: z.object({
    tier: z.string().min(1).optional().describe('Operating tier in the current run, e.g. high_value'),
    vipLevels: z.array(z.enum(VIP_LEVELS)).min(1).optional(),
    city: z.string().min(1).optional(),
    limit: z.number().int().min(1).max(BULK_LIMIT_MAX),
  }),
});
export type BulkReportBody = z.infer<typeof bulkReportBodySchema>;

// report_jobs.id is a PostgreSQL integer: a larger id is a 400, not a driver error.
export const reportJobParamsSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const reportJobSchema = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    quarter: z.string().nullable(),
    lang: z.string().nullable(),
    total: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    error: z.string().nullable(),
    createdBy: z.number().int().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    /** Where to download the PDF once the job has succeeded. */
    fileUrl: z.string().nullable(),
  })
  .meta({ id: 'ReportJob' });
export type ReportJobView = z.infer<typeof reportJobSchema>;
