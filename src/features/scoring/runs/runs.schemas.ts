import { z } from 'zod';

export const startRunBodySchema = z
  .object({
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
      .optional()
      .describe('Score as of this day (default: the end of the latest billed month)'),
  })
  .default({});

export const runIdParamsSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const runSchema = z
  .object({
    id: z.number().int(),
    asOf: z.string(),
    status: z.string(),
    trigger: z.string(),
    stage: z.string(),
    settingsVersion: z.number().int(),
    modelId: z.number().int().nullable(),
    subscribers: z.number().int(),
    /** Live counts while the run is going in this process. */
    progress: z.object({ scored: z.number().int(), total: z.number().int() }).nullable(),
    timings: z.unknown(),
    checks: z.unknown(),
    error: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ScoringRun' });
export type RunView = z.infer<typeof runSchema>;

export const runListSchema = z.object({ items: z.array(runSchema) }).meta({ id: 'ScoringRunList' });
export const startedRunSchema = z
  .object({ runId: z.number().int(), asOf: z.string() })
  .meta({ id: 'StartedScoringRun' });
