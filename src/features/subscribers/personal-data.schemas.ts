import { z } from 'zod';

export const unmaskBodySchema = z.object({
  reason: z
    .string()
    .trim()
    .min(5, { error: 'say why you need the full value (at least 5 characters)' })
    .max(200),
  fields: z
    .array(z.enum(['msisdn', 'idNumber']))
    .min(1)
    .max(2)
    .refine((fields) => new Set(fields).size === fields.length, { error: 'lists a field twice' }),
});
export type UnmaskBody = z.infer<typeof unmaskBodySchema>;

/**
 * The only response schema with full personal data in it; served by the audited unmask endpoint
 * to roles allowed to unmask, for subscribers in their scope.
 */
export const unmaskedSchema = z
  .object({
    msisdn: z.string().optional(),
    idNumber: z.string().nullable().optional(),
    auditId: z.number().int(),
  })
  .meta({ id: 'UnmaskedPersonalData' });
