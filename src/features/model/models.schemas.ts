import { z } from 'zod';

export const modelSchema = z
  .object({
    id: z.number().int(),
    source: z.string(),
    kind: z.string(),
    horizonMonths: z.number().int(),
    trainedOn: z.string(),
    trainRows: z.number().int(),
    positives: z.number().int(),
    metrics: z.unknown().describe('Held-out roc_auc, pr_auc, lift10 and the calibration table'),
    params: z.unknown(),
    isActive: z.boolean(),
    trainedAt: z.string(),
  })
  .meta({ id: 'ChurnModel' });

export const modelListSchema = z.object({ items: z.array(modelSchema) }).meta({ id: 'ChurnModelList' });
export const modelIdParamsSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
