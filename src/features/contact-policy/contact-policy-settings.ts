import { z } from 'zod';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM (24-hour)' });

const window = z
  .object({ from: clock, until: clock })
  .refine((w) => w.from < w.until, { error: 'must start before it ends (same day)', path: ['until'] });

/**
 * The contact policy (DOMAIN.md §12): China-ready defaults, every number operator configuration.
 * Caps count contacts per subscriber over a rolling window.
 */
export const contactPolicySettingsSchema = z.object({
  timeZone: z.string().min(1).default('Asia/Shanghai'),
  /** Outbound calls only inside this local window. */
  callWindow: window.default({ from: '08:00', until: '21:00' }),
  /** SMS quiet hours: messages only inside this local window. */
  smsWindow: window.default({ from: '08:00', until: '21:00' }),
  caps: z
    .object({
      windowDays: z.number().int().min(1).max(365).default(30),
      /** Marketing contacts that reached the subscriber (or are planned) per window. */
      marketing: z.number().int().min(0).max(100).default(1),
      /** Care contacts per window, counted apart from marketing. */
      care: z.number().int().min(0).max(100).default(2),
      /** All outbound contacts per window. */
      total: z.number().int().min(0).max(100).default(3),
      /** Call attempts (reached or not) in any 24 hours. */
      attemptsPer24h: z.number().int().min(0).max(50).default(5),
    })
    .prefault({}),
});
export type ContactPolicySettings = z.infer<typeof contactPolicySettingsSchema>;

export const DEFAULT_CONTACT_POLICY: ContactPolicySettings = contactPolicySettingsSchema.parse({});
