import { describe, expect, it } from 'vitest';
import { localInstant } from './plan-clock';
import { agentDuty, type DutyContext } from './plan-duty';
import { planInputsSchema, shiftCapacity } from './plan-inputs';

const ZONE = 'Asia/Shanghai';
const DAY = '2026-11-24';
const local = (clock: string) => localInstant(DAY, clock, ZONE);
const context = (now: string): DutyContext => ({
  day: DAY,
  timeZone: ZONE,
  callWindow: { from: '08:00', until: '21:00' },
  now: new Date(`${now}+08:00`),
  handleMinutes: 6,
  occupancy: 0.85,
});
const shift = (from: string, until: string, breakMinutes = 60) => ({
  agentUserId: 7,
  from,
  until,
  breakMinutes,
});

describe('shift capacity', () => {
  it('is floor((shift − break) × occupancy ÷ handle time): 09:00–18:00 less an hour holds 68 calls', () => {
    expect(shiftCapacity(shift('09:00', '18:00'), 6, 0.85)).toBe(68);
    expect(shiftCapacity(shift('09:00', '13:00', 0), 8, 1)).toBe(30);
    expect(shiftCapacity(shift('09:00', '09:05', 0), 6, 0.85)).toBe(0);
  });
});

describe('an agent on duty', () => {
  it('calls inside the shift and the calling window, before work already queued', () => {
    const duty = agentDuty(shift('07:00', '22:00', 0), 3, 5, context('2026-11-23T12:00:00'));
    expect(duty.windowStart).toEqual(local('08:00'));
    expect(duty.windowEnd).toEqual(local('21:00'));
    expect(duty.shiftCapacity).toBe(127);
    expect(duty.capacity).toBe(122);
    expect(duty.teamId).toBe(3);
  });

  it('keeps only the rest of the shift when planning the current day', () => {
    const duty = agentDuty(shift('09:00', '18:00'), null, 0, context(`${DAY}T13:30:00`));
    expect(duty.windowStart).toEqual(local('13:30'));
    expect(duty.capacity).toBe(Math.floor(68 * (4.5 / 9)));
    expect(agentDuty(shift('09:00', '18:00'), null, 0, context(`${DAY}T18:30:00`)).capacity).toBe(0);
  });

  it('has nothing to do when the shift lies outside the calling window', () => {
    expect(agentDuty(shift('21:00', '23:30', 0), null, 0, context('2026-11-23T12:00:00')).capacity).toBe(0);
  });
});

describe('plan inputs', () => {
  it('fills defaults: today, every agent, 6 minutes, 85% occupancy', () => {
    expect(planInputsSchema.parse({})).toEqual({ handleMinutes: 6, occupancy: 0.85 });
  });

  it('names the field of every problem', () => {
    const result = planInputsSchema.safeParse({
      day: '2026-02-30',
      shifts: [
        { agentUserId: 1, from: '9:00', until: '18:00' },
        { agentUserId: 2, from: '09:00', until: '10:00', breakMinutes: 60 },
        { agentUserId: 2, from: '09:00', until: '18:00' },
      ],
      handleMinutes: 0,
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual([
      'day',
      'handleMinutes',
      'shifts.0.from',
      'shifts.1.breakMinutes',
      'shifts.2.agentUserId',
    ]);
  });
});
