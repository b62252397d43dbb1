import { z } from 'zod';
import { AUDIT_ACTIONS } from './audit-actions';

export const auditSearchQuerySchema = z
  .object({
    actor: z.string().trim().min(1).max(64).optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    subscriberId: z.coerce.number().int().positive().optional(),
    from: z.iso.date().optional().describe('First day, inclusive (YYYY-MM-DD, business time zone)'),
    to: z.iso.date().optional().describe('Last day, inclusive (YYYY-MM-DD, business time zone)'),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'must not be before from', path: ['to'] });

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    occurredAt: z.date(),
    actorLabel: z.string(),
    action: z.string(),
    subscriberId: z.number().int().nullable(),
    target: z.string().nullable(),
    sourceIp: z.string().nullable(),
    reason: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const auditPageSchema = z
  .object({
    items: z.array(auditEntrySchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'AuditPage' });
