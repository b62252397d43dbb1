import { z } from 'zod';
import { LIFECYCLE_STAGES } from '#src/features/scoring/rules/lifecycle';
import { OPERATING_TIERS } from '#src/features/scoring/rules/operating-tier';

export const consumptionParamsSchema = z.object({ id: z.coerce.number().int().positive() });

/**
 * What the response leaves out or estimates, as stable codes the console words in zh-CN and en:
 * MIX_IS_3_MONTH_SHARE — monthly voice/data/VAS revenue applies the run's one 3-month mix to each
 *   month's spend; NO_REVENUE_MIX — no spend in the last 3 months, so no split;
 * NIGHT_SHARE_ONLY — the usage store keeps daily data with a 00:00–06:00 night volume, no hourly or
 *   daypart voice/data, so the time-of-day profile is the 30-day night share of data;
 * NO_NIGHT_SHARE — not even that (no data use, or a run stored before the share was kept).
 */
export const CONSUMPTION_NOTES = [
  'MIX_IS_3_MONTH_SHARE',
  'NO_REVENUE_MIX',
  'NIGHT_SHARE_ONLY',
  'NO_NIGHT_SHARE',
] as const;
export type ConsumptionNote = (typeof CONSUMPTION_NOTES)[number];

const direction = z.enum(['up', 'down', 'flat']);
const historyChange = z.object({
  last: z.number().nullable(),
  baselineMean: z.number().nullable(),
  baselineMonths: z.number().int(),
  changePct: z.number().nullable(),
  direction: direction.nullable(),
});
const peerMeasure = z.object({
  value: z.number().nullable(),
  p25: z.number().nullable(),
  median: z.number().nullable(),
  p75: z.number().nullable(),
  position: z.enum(['below_p25', 'p25_to_median', 'median_to_p75', 'above_p75']).nullable(),
});

export const subscriberConsumptionSchema = z
  .object({
    subscriberId: z.number().int(),
    runId: z.number().int(),
    asOf: z.string(),
    tier: z.string(),
    city: z.string(),
    lifecycleStage: z.string(),
    months: z.array(z.string()),
    /** Spend split per month; voice is "voice revenue", value-added the "new/value-added revenue". */
    revenue: z.array(
      z.object({
        month: z.string(),
        spendFen: z.number().nullable(),
        voiceFen: z.number().nullable(),
        dataFen: z.number().nullable(),
        valueAddedFen: z.number().nullable(),
        otherFen: z.number().nullable(),
      }),
    ),
    /** The 3-month shares the split uses (other = SMS and the rest). */
    mix: z
      .object({ voice: z.number(), data: z.number(), valueAdded: z.number(), other: z.number() })
      .nullable(),
    /** Last month against the mean of the 3 months before it. */
    vsHistory: z.object({ spendFen: historyChange, minutes: historyChange, dataMb: historyChange }),
    /** Last month against every subscriber of the same tier and city in the run (this one included). */
    vsPeers: z.object({
      tier: z.string(),
      city: z.string(),
      peers: z.number().int(),
      month: z.string(),
      spendFen: peerMeasure,
      minutes: peerMeasure,
      dataMb: peerMeasure,
    }),
    timeOfDay: z.object({
      source: z.enum(['series_night_share']),
      windowDays: z.number().int(),
      nightHours: z.string(),
      nightDataShare: z.number().nullable(),
      dayDataShare: z.number().nullable(),
      peerMedianNightDataShare: z.number().nullable(),
    }),
    notes: z.array(z.enum(CONSUMPTION_NOTES)),
  })
  .meta({ id: 'SubscriberConsumption' });
export type SubscriberConsumption = z.infer<typeof subscriberConsumptionSchema>;

export const segmentConsumptionQuerySchema = z.object({
  tier: z.enum(OPERATING_TIERS).optional(),
  city: z.string().trim().min(1).max(50).optional(),
  lifecycleStage: z.enum(LIFECYCLE_STAGES).optional(),
});
export type SegmentConsumptionQuery = z.infer<typeof segmentConsumptionQuerySchema>;

const segmentRow = z.object({
  tier: z.string().nullable(),
  city: z.string().nullable(),
  subscribers: z.number().int(),
  arpuMeanFen: z.number().nullable(),
  arpuMedianFen: z.number().nullable(),
  /** Monthly revenue of the segment by part: 3-month ARPU × 3-month mix, summed over subscribers. */
  revenue: z.object({
    voiceFen: z.number(),
    dataFen: z.number(),
    valueAddedFen: z.number(),
    otherFen: z.number(),
    voiceShare: z.number().nullable(),
    dataShare: z.number().nullable(),
    valueAddedShare: z.number().nullable(),
  }),
  minutesMedian: z.number().nullable(),
  dataMbMedian: z.number().nullable(),
  spendFenByMonth: z.array(z.number()),
  /** Month-over-month % change of the segment's total spend (one per month after the first). */
  spendChangePct: z.array(z.number().nullable()),
});

export const segmentConsumptionSchema = z
  .object({
    runId: z.number().int().nullable(),
    asOf: z.string().nullable(),
    months: z.array(z.string()),
    filter: z.object({
      tier: z.string().nullable(),
      city: z.string().nullable(),
      lifecycleStage: z.string().nullable(),
    }),
    segments: z.array(segmentRow),
    overall: segmentRow.nullable(),
  })
  .meta({ id: 'SegmentConsumption' });
export type SegmentConsumption = z.infer<typeof segmentConsumptionSchema>;
export type SegmentConsumptionRow = z.infer<typeof segmentRow>;
