import type { ShiftInput } from '../../api/types-supervision';

/** One agent's row in the shift table. */
export type ShiftRow = {
  agentUserId: number;
  displayName: string;
  teamName: string | null;
  onDuty: boolean;
  from: string;
  until: string;
  breakMinutes: number;
};

export const DEFAULT_SHIFT = { from: '09:00', until: '18:00', breakMinutes: 60 } as const;

export function clockMinutes(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * Calls one shift holds: floor((shift − break) × occupancy ÷ handle time), as the server counts
 * them (src/features/planning/plan-inputs.ts). A preview only: the server also takes off time
 * already gone today and work already queued.
 */
export function shiftCapacity(
  row: Pick<ShiftRow, 'from' | 'until' | 'breakMinutes'>,
  handleMinutes: number,
  occupancy: number,
): number {
  const working = clockMinutes(row.until) - clockMinutes(row.from) - row.breakMinutes;
  if (working <= 0 || handleMinutes <= 0) return 0;
  return Math.max(0, Math.floor((working * occupancy) / handleMinutes + 1e-9));
}

/** What is wrong with a row before it is sent (the server checks the same and names the field). */
export function shiftProblem(row: ShiftRow): 'until' | 'breakMinutes' | null {
  const length = clockMinutes(row.until) - clockMinutes(row.from);
  if (length <= 0) return 'until';
  if (row.breakMinutes >= length) return 'breakMinutes';
  return null;
}

export function shiftInputs(rows: readonly ShiftRow[]): ShiftInput[] {
  return rows
    .filter((row) => row.onDuty)
    .map((row) => ({
      agentUserId: row.agentUserId,
      from: row.from,
      until: row.until,
      breakMinutes: row.breakMinutes,
    }));
}
