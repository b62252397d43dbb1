import { describe, expect, it } from 'vitest';
import { canMoveWorkOrder, workOrderStatusOf } from './work-order-status';
import { trackingPhase, trackWorkOrder } from './work-order-tracking';

describe('work-order statuses', () => {
  it('moves forward, back to open from work, and reopens a done order into work', () => {
    expect(canMoveWorkOrder('open', 'in_progress')).toBe(true);
    expect(canMoveWorkOrder('open', 'done')).toBe(true);
    expect(canMoveWorkOrder('in_progress', 'open')).toBe(true);
    expect(canMoveWorkOrder('done', 'in_progress')).toBe(true);
    expect(canMoveWorkOrder('done', 'open')).toBe(false);
    expect(canMoveWorkOrder('open', 'open')).toBe(false);
    expect(workOrderStatusOf('archived')).toBe('open');
  });
});

describe('work-order tracking', () => {
  it('marks baseline, hot spot, the weeks worked through the closing week, and after', () => {
    expect(trackingPhase('2026-09-07', '2026-09-14', null)).toBe('baseline');
    expect(trackingPhase('2026-09-14', '2026-09-14', null)).toBe('hot_spot');
    expect(trackingPhase('2026-10-05', '2026-09-14', null)).toBe('in_work');
    expect(trackingPhase('2026-09-28', '2026-09-14', '2026-09-28')).toBe('in_work');
    expect(trackingPhase('2026-10-05', '2026-09-14', '2026-09-28')).toBe('after_close');
  });

  it('averages the baseline and the complete weeks after the close, leaving this week out', () => {
    const weeks = ['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05'];
    const observed = [2, 9, 4, 1, 7];
    const tracking = trackWorkOrder(
      weeks.map((weekStart, i) => ({ weekStart, week: '', observed: observed[i] ?? 0, expected: null })),
      {
        hotSpotWeek: '2026-09-14',
        raisedWeek: '2026-09-14',
        closedWeek: '2026-09-21',
        currentWeek: '2026-10-05',
      },
    );
    expect(tracking.weeks.map((w) => [w.phase, w.partial])).toEqual([
      ['baseline', false],
      ['hot_spot', false],
      ['in_work', false],
      ['after_close', false],
      ['after_close', true],
    ]);
    expect(tracking.baselineMean).toBe(2);
    expect(tracking.afterCloseMean).toBe(1);
    expect(tracking.afterCloseWeeks).toBe(1);
  });
});
