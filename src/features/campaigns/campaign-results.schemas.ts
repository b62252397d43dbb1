import { z } from 'zod';

const interval = z.object({ low: z.number(), high: z.number() });
const note = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });
const rate = z.object({
  events: z.number().int(),
  trials: z.number().int(),
  rate: z.number().nullable(),
  interval,
});
const difference = z.object({ difference: z.number(), interval });

export const campaignResultsSchema = z
  .object({
    campaignId: z.number().int(),
    name: z.string(),
    campaignStatus: z.string(),
    status: z
      .enum(['not_enough_data', 'interim', 'final'])
      .describe('not_enough_data: an arm is below the minimum; interim: the outcome window is still open'),
    note,
    asOf: z.string(),
    launchDay: z.string(),
    outcomeWindowDays: z.number().int(),
    windowEndsOn: z.string(),
    observedUntil: z.string(),
    minimumPerArm: z.number().int(),
    arms: z.object({ treatment: z.number().int(), holdout: z.number().int() }),
    holdoutContacted: z.number().int().describe('Holdout members this campaign contacted: must be 0'),
    contactRate: rate.describe('Treated members with at least one attempt'),
    reachRate: rate.describe('Treated members reached at least once'),
    acceptanceRate: rate.describe('Reached members who accepted an offer'),
    churn: z.object({ treatment: rate, holdout: rate }),
    saveRateUplift: difference
      .nullable()
      .describe("Holdout churn − treated churn (intention to treat), Newcombe's 95% interval"),
    incrementalArpu: z.union([
      z.object({
        laterRunId: z.number().int(),
        treatedChanged: z.number().int(),
        holdoutChanged: z.number().int(),
        difference: z.number().describe('Mean ARPU change, treated − holdout, fen'),
        interval,
        degreesOfFreedom: z.number().nullable(),
        standardError: z.number(),
      }),
      z.object({ note }),
    ]),
    costPerSave: z.union([
      z.object({
        totalOfferCostFen: z.number(),
        estimateFen: z.number(),
        interval: z.object({ low: z.number(), high: z.number().nullable().describe('null: no upper bound') }),
      }),
      z.object({ totalOfferCostFen: z.number(), estimateFen: z.null(), note }),
    ]),
    strata: z.array(
      z.object({
        stratum: z.string(),
        tier: z.string(),
        riskBand: z.string(),
        treatment: z.object({ members: z.number().int(), contacted: z.number().int(), churn: rate }),
        holdout: z.object({ members: z.number().int(), churn: rate }),
        uplift: difference.nullable(),
      }),
    ),
    dailyChurn: z.array(
      z.object({
        day: z.number().int(),
        date: z.string(),
        treatment: z.object({ churned: z.number().int(), rate: z.number().nullable() }),
        holdout: z.object({ churned: z.number().int(), rate: z.number().nullable() }),
      }),
    ),
  })
  .meta({ id: 'CampaignResults' });
