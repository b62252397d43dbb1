import { z } from 'zod';
import { CAMPAIGN_KINDS } from '#src/features/decisions/decision-types';
import { segmentResponseSchema, segmentSchema } from './segment-rules';

export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'ended'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

// z.iso.date, not a refine: the document then says `format: date` with its pattern, as the check is.
const calendarDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
const id = z.coerce.number().int().positive().max(2_147_483_647);
/**
 * Shares are stored as PostgreSQL `real`, which refuses magnitudes below 1.2e-38 (a 500 the fuzzer
 * found with 3.5e-121); a share finer than a millionth means nothing, so it is rounded to one.
 */
export function toMillionths(share: number): number {
  return Math.round(share * 1_000_000) / 1_000_000;
}

/** In a JSON body a number is a number: "12" is refused, as the document says (only URLs carry text). */
const bodyId = z.number().int().positive().max(2_147_483_647);

export const campaignIdParamsSchema = z.object({ id });

/** What a campaign builder sends (create, and replace while still a draft). */
export const campaignBodySchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    kind: z.enum(CAMPAIGN_KINDS),
    segment: segmentSchema,
    scriptCode: z.string().trim().min(1).max(60).nullable().default(null),
    offerCodes: z
      .array(z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/, { error: 'must be an UPPER_SNAKE offer code' }))
      .max(20)
      .default([])
      .refine((codes) => new Set(codes).size === codes.length, { error: 'lists an offer twice' }),
    startsOn: calendarDate,
    endsOn: calendarDate.nullable().default(null),
    dailyQuota: z.number().int().min(1).max(100_000).default(100),
    /** Share of each stratum kept out of contact to prove the effect. */
    holdoutShare: z.number().min(0).max(0.5).default(0.1).transform(toMillionths),
    /** Days after launch in which churn is counted. */
    outcomeWindowDays: z.number().int().min(1).max(365).default(90),
    /** One team's books only; a lead's campaigns are always their own team's. */
    teamId: bodyId.nullable().default(null),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.endsOn !== null && body.endsOn < body.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must not be before startsOn' });
    }
  });
export type CampaignBody = z.infer<typeof campaignBodySchema>;

export const listCampaignsQuerySchema = z.object({ status: z.enum(CAMPAIGN_STATUSES).optional() });

const armCountsSchema = z.object({ treatment: z.number().int(), holdout: z.number().int() });

export const campaignSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z.enum(CAMPAIGN_KINDS),
    status: z.enum(CAMPAIGN_STATUSES),
    segment: segmentResponseSchema,
    scriptCode: z.string().nullable(),
    offerCodes: z.array(z.string()),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    dailyQuota: z.number().int(),
    holdoutShare: z.number(),
    outcomeWindowDays: z.number().int(),
    teamId: z.number().int().nullable(),
    scoringRunId: z.number().int().nullable(),
    launchedAt: z.string().nullable(),
    /** The seed of the holdout draw (the launch instant in microseconds): re-draws the same arms. */
    randomSeed: z.string().nullable(),
    createdBy: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    members: armCountsSchema,
  })
  .meta({ id: 'Campaign' });
export type CampaignView = z.infer<typeof campaignSchema>;

export const campaignListSchema = z.object({ items: z.array(campaignSchema) });

export const segmentCountBodySchema = z
  .object({ segment: segmentSchema, teamId: bodyId.nullable().default(null) })
  .strict();

export const segmentCountSchema = z.object({
  /** The scoring run counted; null before the first run (then the count is 0). */
  runId: z.number().int().nullable(),
  asOf: z.string().nullable(),
  teamId: z.number().int().nullable(),
  total: z.number().int(),
  breakdown: z.array(z.object({ tier: z.string(), riskBand: z.string(), count: z.number().int() })),
});

export const launchResultSchema = z.object({
  campaign: campaignSchema,
  drawn: z.object({ total: z.number().int(), ...armCountsSchema.shape }),
});
