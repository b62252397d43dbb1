import type { SeriesPoint } from '#src/features/tickets/reports/hot-spot-cell.service';

export type TrackingPhase = 'baseline' | 'hot_spot' | 'in_work' | 'after_close';

export type TrackingWeek = SeriesPoint & {
  phase: TrackingPhase;
  /** The week still under way: its count is not final. */
  partial: boolean;
};

export type WorkOrderTracking = {
  /** The week the order was raised and the week it was closed (null while not done). */
  raisedWeekStart: string;
  closedWeekStart: string | null;
  weeks: TrackingWeek[];
  /** Mean weekly complaints before the hot spot, and over complete weeks after the close. */
  baselineMean: number | null;
  afterCloseMean: number | null;
  afterCloseWeeks: number;
};

/**
 * Where a week stands in the order's life: its baseline, the hot spot itself, the weeks while
 * the order was worked (through the week it closed), and the weeks after it closed — which show
 * whether the fix held.
 */
export function trackingPhase(week: string, hotSpotWeek: string, closedWeek: string | null): TrackingPhase {
  if (week < hotSpotWeek) return 'baseline';
  if (week === hotSpotWeek) return 'hot_spot';
  if (closedWeek === null || week <= closedWeek) return 'in_work';
  return 'after_close';
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

export function trackWorkOrder(
  series: readonly SeriesPoint[],
  order: { hotSpotWeek: string; raisedWeek: string; closedWeek: string | null; currentWeek: string },
): WorkOrderTracking {
  const weeks = series.map((point) => ({
    ...point,
    phase: trackingPhase(point.weekStart, order.hotSpotWeek, order.closedWeek),
    partial: point.weekStart === order.currentWeek,
  }));
  const after = weeks.filter((w) => w.phase === 'after_close' && !w.partial).map((w) => w.observed);
  return {
    raisedWeekStart: order.raisedWeek,
    closedWeekStart: order.closedWeek,
    weeks,
    baselineMean: mean(weeks.filter((w) => w.phase === 'baseline').map((w) => w.observed)),
    afterCloseMean: mean(after),
    afterCloseWeeks: after.length,
  };
}
