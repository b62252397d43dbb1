import { z } from 'zod';
import { RECOMMENDATION_KINDS } from './plan-advice';

const reasonSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const planAdviceSchema = z
  .object({
    subscriberId: z.number().int(),
    /** The scoring run whose usage series the advice prices; null when the subscriber has no score. */
    runId: z.number().int().nullable(),
    asOf: z.string().nullable(),
    currentPlanCode: z.string(),
    /** The billing months priced (YYYY-MM, oldest first): the last 3, skipping months without a bill. */
    months: z.array(z.string()),
    /** Share of the last 30 days' data used 00:00–06:00; null when unknown. */
    nightDataShare: z.number().nullable(),
    current: z
      .object({
        code: z.string(),
        averageFen: z.number().int(),
        overageMonths: z.number().int(),
        averageOverageFen: z.number().int(),
      })
      .nullable(),
    plans: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        onSale: z.boolean(),
        averageFen: z.number().int(),
        savingFen: z.number().int().nullable(),
        coversUse: z.boolean(),
        proposable: z.boolean(),
      }),
    ),
    recommendations: z.array(
      z.object({
        kind: z.enum(RECOMMENDATION_KINDS),
        targetPlanCode: z.string().nullable(),
        targetPlanName: z.string().nullable(),
        offerCode: z.string().nullable(),
        /** New average monthly cost minus the current one: negative saves the subscriber money. */
        monthlyDifferenceFen: z.number().int(),
        reasons: z.array(reasonSchema),
      }),
    ),
  })
  .meta({ id: 'PlanAdvice' });
export type PlanAdviceView = z.infer<typeof planAdviceSchema>;
