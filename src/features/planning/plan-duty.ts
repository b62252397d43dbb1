import { localInstant } from './plan-clock';
import { type Shift, shiftCapacity } from './plan-inputs';
import type { AgentOnDuty } from './plan-types';

const MINUTE = 60_000;

export type DutyContext = {
  day: string;
  timeZone: string;
  /** The contact policy's calling window (local 'HH:MM'). */
  callWindow: { from: string; until: string };
  now: Date;
  handleMinutes: number;
  occupancy: number;
};

export type AgentDuty = AgentOnDuty & {
  /** Calls the whole shift holds, before time already gone and work already queued. */
  shiftCapacity: number;
  /** Open or claimed tasks the agent already owns for the day. */
  queued: number;
};

/**
 * An agent's shift as the planner uses it. Calls are due inside shift ∩ calling window, and not
 * before now when planning the current day; the shift's capacity shrinks in proportion to the time
 * already gone and by the tasks the agent already owns.
 */
export function agentDuty(shift: Shift, teamId: number | null, queued: number, ctx: DutyContext): AgentDuty {
  const shiftStart = localInstant(ctx.day, shift.from, ctx.timeZone).getTime();
  const shiftEnd = localInstant(ctx.day, shift.until, ctx.timeZone).getTime();
  const full = shiftCapacity(shift, ctx.handleMinutes, ctx.occupancy);
  const now = Math.ceil(ctx.now.getTime() / MINUTE) * MINUTE;
  const remainingShare =
    now <= shiftStart ? 1 : now >= shiftEnd ? 0 : (shiftEnd - now) / (shiftEnd - shiftStart);
  const windowStart = Math.max(
    shiftStart,
    localInstant(ctx.day, ctx.callWindow.from, ctx.timeZone).getTime(),
    now,
  );
  const windowEnd = Math.min(shiftEnd, localInstant(ctx.day, ctx.callWindow.until, ctx.timeZone).getTime());
  const callable = windowEnd > windowStart;
  const capacity = callable ? Math.max(0, Math.floor(full * remainingShare + 1e-9) - queued) : 0;
  return {
    agentUserId: shift.agentUserId,
    teamId,
    windowStart: new Date(windowStart),
    // Slots are spread over [start, end): every one starts before the window closes.
    windowEnd: new Date(callable ? windowEnd : windowStart),
    capacity,
    shiftCapacity: full,
    queued,
  };
}
