import { z } from 'zod';
import { clockMinutes } from './plan-clock';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM (24-hour)' });

/** One agent's working day: from, until (same day, local time) and unpaid break. */
export const shiftSchema = z
  .object({
    agentUserId: z.int().positive().max(2_147_483_647),
    from: clock,
    until: clock,
    breakMinutes: z.int().min(0).max(480).default(60),
  })
  .superRefine((shift, ctx) => {
    const length = clockMinutes(shift.until) - clockMinutes(shift.from);
    if (length <= 0) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'must be after from (same day)' });
    } else if (shift.breakMinutes >= length) {
      ctx.addIssue({ code: 'custom', path: ['breakMinutes'], message: 'must be shorter than the shift' });
    }
  });
export type Shift = z.infer<typeof shiftSchema>;

export const DEFAULT_SHIFT = { from: '09:00', until: '18:00', breakMinutes: 60 } as const;

/**
 * What a planner asks for (issue §5): the day, who works when, and how long a call takes. Every
 * field has a default, so `{}` plans today for every active agent on a 09:00–18:00 shift.
 */
export const planInputsSchema = z
  .object({
    /** Business date (YYYY-MM-DD in the operator's time zone); today when absent. */
    day: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional(),
    /** One per agent on duty; absent: every active agent (of the lead's team) on the default shift. */
    shifts: z.array(shiftSchema).min(1).max(5_000).optional(),
    /** Target handle time of one call including wrap-up, in minutes. */
    handleMinutes: z.number().min(1).max(120).default(6),
    /** Share of paid, non-break time spent on calls. */
    occupancy: z.number().gt(0).max(1).default(0.85),
  })
  .superRefine((inputs, ctx) => {
    const seen = new Set<number>();
    inputs.shifts?.forEach((shift, i) => {
      if (seen.has(shift.agentUserId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['shifts', i, 'agentUserId'],
          message: 'appears in more than one shift',
        });
      }
      seen.add(shift.agentUserId);
    });
  });
export type PlanInputs = z.infer<typeof planInputsSchema>;

/** Calls one agent can take in a shift: floor((shift − break) × occupancy ÷ handle time). */
export function shiftCapacity(shift: Omit<Shift, 'agentUserId'>, handleMinutes: number, occupancy: number) {
  const working = clockMinutes(shift.until) - clockMinutes(shift.from) - shift.breakMinutes;
  // The epsilon keeps 480 × 0.85 / 6 = 68 from flooring to 67 through binary rounding.
  return Math.max(0, Math.floor((working * occupancy) / handleMinutes + 1e-9));
}
