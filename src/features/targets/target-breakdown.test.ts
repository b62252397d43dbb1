import { describe, expect, it } from 'vitest';
import { businessCalendar } from '#src/features/tickets/sla/business-calendar';
import {
  dailyGoalOf,
  quarterOf,
  quarterStepsProblem,
  quarterStepValues,
  statusOf,
  targetProgressOn,
} from './target-breakdown';
import { isWorkingDay, workingDaysBetween } from './working-days';

describe('working days', () => {
  it('skips Golden Week and counts the Saturday declared a working day (2025-10-11)', () => {
    // October 2025: 23 weekdays, 6 of them in the 1–8 October holiday, plus Saturday the 11th.
    expect(workingDaysBetween('2025-10-01', '2025-10-31')).toBe(18);
    expect(isWorkingDay('2025-10-08')).toBe(false);
    expect(isWorkingDay('2025-10-11')).toBe(true);
    // Q4 2025: October 18 + November 20 + December 23.
    expect(workingDaysBetween('2025-10-01', '2025-12-31')).toBe(61);
  });

  it('counts plain weekdays when the calendar has no holidays', () => {
    const plain = businessCalendar({ holidays: [], adjustedWorkdays: [] });
    expect(workingDaysBetween('2025-10-01', '2025-10-31', plain)).toBe(23);
  });
});

describe('quarterly steps', () => {
  it('turns cumulative shares into cumulative values ending on the annual value', () => {
    expect(quarterStepValues(1200, [0.2, 0.45, 0.7, 1])).toEqual([240, 540, 840, 1200]);
    expect(quarterStepValues(1001, [0.25, 0.5, 0.75, 1])).toEqual([250, 501, 751, 1001]);
  });

  it('refuses steps that are not four, fall, leave [0,1] or do not end on 1', () => {
    expect(quarterStepsProblem([0.2, 0.45, 0.7, 1])).toBeNull();
    expect(quarterStepsProblem([0.25, 0.5, 1])).toMatch(/4 cumulative shares/);
    expect(quarterStepsProblem([0.3, 0.2, 0.7, 1])).toMatch(/must not decrease: Q2/);
    expect(quarterStepsProblem([0.2, 0.45, 0.7, 0.9])).toMatch(/Q4 share must be 1/);
    expect(quarterStepsProblem([-0.1, 0.45, 0.7, 1])).toMatch(/Q1 share must be between 0 and 1/);
  });

  it('places dates in their quarter', () => {
    expect([quarterOf('2025-03-31'), quarterOf('2025-04-01'), quarterOf('2025-10-09')]).toEqual([1, 2, 4]);
  });
});

describe('targetProgressOn in the Golden Week quarter', () => {
  const plan = { year: 2025, metric: 'saves' as const, annualValue: 1200, quarterSteps: [0.2, 0.45, 0.7, 1] };

  it('expects only the previous step during the holiday: no working day of Q4 has passed', () => {
    const p = targetProgressOn(plan, { date: '2025-10-08', achievedToDate: 840, achievedBeforeDate: 840 });
    expect(p).toMatchObject({
      quarter: 4,
      quarterTarget: 1200,
      previousQuarterTarget: 840,
      workingDaysInQuarter: 61,
      workingDaysElapsed: 0,
      workingDaysRemaining: 61,
      expectedToDate: 840,
      status: 'on_track',
    });
    // (1200 − 840) / 61 = 5.90 → 6 saves a day.
    expect(p.dailyGoal).toBe(6);
  });

  it('spreads the step over the working days left on the first day back', () => {
    const p = targetProgressOn(plan, { date: '2025-10-09', achievedToDate: 805, achievedBeforeDate: 800 });
    // 840 + 360 × 1/61
    expect(p.expectedToDate).toBe(845.9);
    expect(p.workingDaysElapsed).toBe(1);
    expect(p.workingDaysRemaining).toBe(61);
    // (1200 − 800) / 61 = 6.56 → 7
    expect(p.dailyGoal).toBe(7);
    // 805 / 845.9 = 0.952: inside the ±10% band.
    expect(p.status).toBe('on_track');
  });

  it('counts the adjusted Saturday as elapsed and the last day of the year as the last chance', () => {
    expect(
      targetProgressOn(plan, { date: '2025-10-11', achievedToDate: 0, achievedBeforeDate: 0 })
        .workingDaysElapsed,
    ).toBe(3);
    const last = targetProgressOn(plan, {
      date: '2025-12-31',
      achievedToDate: 1190,
      achievedBeforeDate: 1180,
    });
    expect(last.workingDaysRemaining).toBe(1);
    expect(last.dailyGoal).toBe(20);
    expect(last.expectedToDate).toBe(1200);
  });
});

describe('daily goal and status rules', () => {
  it('rounds a goal up and a budget allowance down, and has none when no working day is left', () => {
    expect(dailyGoalOf('accepted_offers', 100, 77, 10)).toBe(3);
    expect(dailyGoalOf('spend_fen', 100_000, 77_000, 7)).toBe(3285);
    expect(dailyGoalOf('saves', 100, 120, 5)).toBe(0);
    expect(dailyGoalOf('saves', 100, 50, 0)).toBeNull();
  });

  it('is ahead beyond +10%, behind below −10%, on track between', () => {
    expect(statusOf('saves', 111, 100)).toBe('ahead');
    expect(statusOf('saves', 95, 100)).toBe('on_track');
    expect(statusOf('saves', 89, 100)).toBe('behind');
    expect(statusOf('saves', 0, 0)).toBe('on_track');
  });

  it('treats spend as a budget: over +10% is behind, under is on track, never ahead', () => {
    expect(statusOf('spend_fen', 50, 100)).toBe('on_track');
    expect(statusOf('spend_fen', 111, 100)).toBe('behind');
    expect(statusOf('spend_fen', 1, 0)).toBe('behind');
  });
});
