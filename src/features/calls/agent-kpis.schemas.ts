import { z } from 'zod';
import { daysBetween } from '#src/lib/months';

/** A year at most: the query scans every call in the range. */
const MAX_RANGE_DAYS = 366;

export const agentKpiQuerySchema = z
  .object({
    from: z.iso
      .date()
      .optional()
      .describe('First day, inclusive (YYYY-MM-DD, business time zone); default today'),
    to: z.iso
      .date()
      .optional()
      .describe('Last day, inclusive (YYYY-MM-DD, business time zone); default from'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'must not be before from', path: ['to'] })
  .refine((q) => !q.from || !q.to || daysBetween(q.from, q.to) < MAX_RANGE_DAYS, {
    error: `must be within ${MAX_RANGE_DAYS} days of from`,
    path: ['to'],
  });
export type AgentKpiQuery = z.infer<typeof agentKpiQuerySchema>;

const figures = {
  calls: z.number().int(),
  reached: z.number().int(),
  /** reached / calls; null without calls. */
  reachRate: z.number().nullable(),
  /** Accepted offers: the saves. */
  accepted: z.number().int(),
  /** accepted / reached; null when nobody was reached. */
  acceptanceRate: z.number().nullable(),
  /** Mean handle time of the calls that recorded one, in seconds; null without any. */
  averageHandleSeconds: z.number().nullable(),
  callbacks: z.number().int(),
  complaints: z.number().int(),
};

export const agentKpisSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    /** The lead's team, or null for everyone. */
    teamId: z.number().int().nullable(),
    items: z.array(
      z.object({
        agentUserId: z.number().int(),
        displayName: z.string(),
        teamName: z.string().nullable(),
        ...figures,
      }),
    ),
    totals: z.object(figures),
  })
  .meta({ id: 'AgentKpis' });
export type AgentKpis = z.infer<typeof agentKpisSchema>;
