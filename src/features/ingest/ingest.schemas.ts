import { z } from 'zod';
import { IMPORT_KINDS } from './import-report';

export const importParamsSchema = z.object({ kind: z.enum(IMPORT_KINDS) });

export const importQuerySchema = z.object({
  skipBad: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  encoding: z.enum(['utf8', 'gbk']).default('utf8'),
});

const rowErrorSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  value: z.string().optional(),
  reason: z.string(),
});

export const importReportSchema = z
  .object({
    /** The import_runs row recording this import (the same on a replay of its Idempotency-Key). */
    importId: z.number().int(),
    kind: z.enum(IMPORT_KINDS),
    status: z.enum(['committed', 'rejected']),
    rowsRead: z.number().int(),
    rowsLoaded: z.number().int(),
    rowsRejected: z.number().int(),
    errors: z.array(rowErrorSchema),
    errorCount: z.number().int(),
    months: z.array(z.string()).optional(),
    durationMs: z.number(),
  })
  .meta({ id: 'ImportReport' });
