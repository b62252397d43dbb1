import { z } from 'zod';

const storeStatus = z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() });

export const healthResponseSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    relational: storeStatus.extend({ engine: z.enum(['pglite', 'postgres']) }),
    usage: storeStatus.extend({ billMonths: z.array(z.string()), usageMonths: z.array(z.string()) }),
  })
  .meta({ id: 'Health' });

export type HealthReport = z.infer<typeof healthResponseSchema>;
