import type { DbHandle } from '#src/db/client';
import { currentServiceSettings } from '#src/features/service-settings/service-settings.service';
import { findCategory } from '#src/features/tickets/dispatch/ticket-categories';
import {
  findHotSpots,
  type HotSpot,
  type HotSpotCell,
  type HotSpotReport,
  type HotSpotSettings,
  type SuggestedWorkOrder,
} from '#src/features/tickets/hot-spots/find-hot-spots';
import type { HotSpotMethod } from '#src/features/tickets/hot-spots/hot-spot-test';
import { type WorkOrderStatus, workOrderStatusOf } from '#src/features/tickets/work-orders/work-order-status';
import { findWorkOrdersOfWeeks } from '#src/features/tickets/work-orders/work-orders.repository';
import { todayIn } from '#src/lib/time';
import {
  type CellWeekCount,
  countComplaintsByCellWeek,
  firstComplaintDate,
  type HotSpotCellKey,
} from './hot-spot-counts.repository';
import { HOT_SPOT_SETTINGS } from './hot-spot-settings';
import { addWeeks, isoWeekLabel, laterDate, mondayOf, mondaysFrom } from './iso-week';
import { startOfDayUtc } from './report-period';
import type { LocalisedName } from './sla-report';

export const DEFAULT_HOT_SPOT_WEEKS = 12;
export const MAX_HOT_SPOT_WEEKS = 52;

/** `南京市鼓楼区`: city and district together, since district names repeat across cities. */
export function areaLabel(city: string, district: string): string {
  return `${city}${district}`;
}

export function categoryName(code: string): LocalisedName {
  return findCategory(code)?.name ?? { 'zh-CN': code, en: code };
}

export type WorkOrderRef = { id: number; status: WorkOrderStatus };

export type HotSpotEntry = HotSpotCellKey & {
  weekStart: string;
  week: string;
  area: string;
  categoryName: LocalisedName;
  observed: number;
  baselineMean: number;
  expected: number;
  ratio: number;
  pValue: number;
  logPValue: number;
  qValue: number;
  rank: number;
  baselineWeeksUsed: number;
  method: HotSpotMethod;
  /** The work order the test suggests (kind, team, titles). */
  workOrder: SuggestedWorkOrder;
  /** The order already raised for this cell, if any. */
  existingWorkOrder: WorkOrderRef | null;
};

export type WeekAnalysis = {
  weekStart: string;
  report: HotSpotReport;
  /** Area label → its city and district, to read a hot spot's area back. */
  areas: ReadonlyMap<string, { city: string; district: string }>;
};

/** Weekly counts by cell; weeks with no complaint are absent (read as 0). */
type CellSeries = { key: HotSpotCellKey; byWeek: Map<string, number> };

function cellId(key: HotSpotCellKey): string {
  return JSON.stringify([key.city, key.district, key.category]);
}

export function seriesByCell(rows: readonly CellWeekCount[]): Map<string, CellSeries> {
  const cells = new Map<string, CellSeries>();
  for (const row of rows) {
    const key = { city: row.city, district: row.district, category: row.category };
    const id = cellId(key);
    let series = cells.get(id);
    if (!series) {
      series = { key, byWeek: new Map() };
      cells.set(id, series);
    }
    series.byWeek.set(row.weekStart, row.count);
  }
  return cells;
}

/**
 * The weeks before `week` that make its baseline, oldest first. History starts at the first week
 * anything was recorded: before that, zero complaints would mean "no data", not "no problem".
 */
export function historyOf(
  byWeek: ReadonlyMap<string, number>,
  week: string,
  dataStart: string,
  baselineWeeks: number,
): number[] {
  const earliest = addWeeks(week, -baselineWeeks);
  return mondaysFrom(laterDate(earliest, dataStart), addWeeks(week, -1)).map(
    (monday) => byWeek.get(monday) ?? 0,
  );
}

/**
 * Tests each week from `firstMonday` to `lastMonday` against each cell's own preceding weeks, one
 * counting query for all of them. A cell with no complaint in the week or its baseline carries no
 * information (its p-value is 1) and is left out rather than diluting the FDR control.
 */
export async function analyseWeeks(
  handle: DbHandle,
  weeks: { firstMonday: string; lastMonday: string },
  context: { timeZone: string; settings: HotSpotSettings },
): Promise<WeekAnalysis[]> {
  const { timeZone, settings } = context;
  const firstDay = await firstComplaintDate(handle.engine, timeZone);
  const tested = mondaysFrom(weeks.firstMonday, weeks.lastMonday);
  if (firstDay === null) {
    return tested.map((weekStart) => ({
      weekStart,
      report: findHotSpots(isoWeekLabel(weekStart), [], settings),
      areas: new Map(),
    }));
  }
  const dataStart = mondayOf(firstDay);
  const rangeStart = addWeeks(weeks.firstMonday, -settings.baselineWeeks);
  const rows = await countComplaintsByCellWeek(handle.engine, {
    start: new Date(startOfDayUtc(laterDate(rangeStart, dataStart), timeZone)),
    end: new Date(startOfDayUtc(addWeeks(weeks.lastMonday, 1), timeZone)),
    timeZone,
  });
  const cells = [...seriesByCell(rows).values()];
  return tested.map((weekStart) => {
    const areas = new Map<string, { city: string; district: string }>();
    const input: HotSpotCell[] = [];
    for (const { key, byWeek } of cells) {
      const observed = byWeek.get(weekStart) ?? 0;
      const history = historyOf(byWeek, weekStart, dataStart, settings.baselineWeeks);
      if (observed === 0 && history.every((n) => n === 0)) continue;
      const area = areaLabel(key.city, key.district);
      areas.set(area, { city: key.city, district: key.district });
      input.push({ area, category: key.category, observed, history });
    }
    return { weekStart, report: findHotSpots(isoWeekLabel(weekStart), input, settings), areas };
  });
}

export function hotSpotEntry(
  analysis: WeekAnalysis,
  spot: HotSpot,
  existingWorkOrder: WorkOrderRef | null,
): HotSpotEntry {
  const place = analysis.areas.get(spot.area) ?? { city: '', district: spot.area };
  return {
    city: place.city,
    district: place.district,
    category: spot.category,
    weekStart: analysis.weekStart,
    week: analysis.report.week,
    area: spot.area,
    categoryName: categoryName(spot.category),
    observed: spot.observed,
    baselineMean: spot.baselineMean,
    expected: spot.expected,
    ratio: spot.ratio,
    pValue: spot.pValue,
    logPValue: spot.logPValue,
    qValue: spot.qValue,
    rank: spot.rank,
    baselineWeeksUsed: spot.baselineWeeksUsed,
    method: spot.method,
    workOrder: spot.workOrder,
    existingWorkOrder,
  };
}

function workOrderKey(cell: { city: string; district: string; category: string; weekStart: string }): string {
  return JSON.stringify([cell.city, cell.district, cell.category, cell.weekStart]);
}

export type HotSpotsView = {
  until: string;
  weeks: number;
  timeZone: string;
  settingsVersion: number;
  settings: HotSpotSettings;
  /** Each tested week, oldest first: how many cells were tested and how many are hot spots. */
  weekReports: {
    weekStart: string;
    week: string;
    cellsTested: number;
    cellsWithoutBaseline: number;
    hotSpots: number;
  }[];
  /** Newest week first, then by rank within the week. */
  hotSpots: HotSpotEntry[];
};

/**
 * Hot spots of the last `weeks` weeks up to the week holding `until` (default today; a week still
 * under way is tested on its days so far), with the settings in force and any work order raised.
 */
export async function getHotSpots(
  handle: DbHandle,
  query: { weeks?: number | undefined; until?: string | undefined },
  context: { timeZone: string; now: Date },
): Promise<HotSpotsView> {
  const until = query.until ?? todayIn(context.timeZone, context.now);
  const weeks = query.weeks ?? DEFAULT_HOT_SPOT_WEEKS;
  const lastMonday = mondayOf(until);
  const firstMonday = addWeeks(lastMonday, -(weeks - 1));
  const inForce = await currentServiceSettings(handle.db, HOT_SPOT_SETTINGS);
  const analyses = await analyseWeeks(
    handle,
    { firstMonday, lastMonday },
    { timeZone: context.timeZone, settings: inForce.document },
  );
  const orders = new Map(
    (await findWorkOrdersOfWeeks(handle.db, firstMonday, lastMonday)).map((order) => [
      workOrderKey({
        city: order.city ?? '',
        district: order.district ?? '',
        category: order.category,
        weekStart: order.weekStart,
      }),
      { id: order.id, status: workOrderStatusOf(order.status) },
    ]),
  );
  const hotSpots: HotSpotEntry[] = [];
  for (const analysis of [...analyses].reverse()) {
    for (const spot of analysis.report.hotSpots) {
      const entry = hotSpotEntry(analysis, spot, null);
      hotSpots.push({ ...entry, existingWorkOrder: orders.get(workOrderKey(entry)) ?? null });
    }
  }
  return {
    until,
    weeks,
    timeZone: context.timeZone,
    settingsVersion: inForce.version,
    settings: inForce.document,
    weekReports: analyses.map(({ weekStart, report }) => ({
      weekStart,
      week: report.week,
      cellsTested: report.cellsTested,
      cellsWithoutBaseline: report.cellsWithoutBaseline,
      hotSpots: report.hotSpots.length,
    })),
    hotSpots,
  };
}

/** The test of one week re-run for one cell: its hot spot, or null when it is not one. */
export async function hotSpotOfCell(
  handle: DbHandle,
  cell: HotSpotCellKey & { weekStart: string },
  context: { timeZone: string; settings: HotSpotSettings },
): Promise<HotSpotEntry | null> {
  const [analysis] = await analyseWeeks(
    handle,
    { firstMonday: cell.weekStart, lastMonday: cell.weekStart },
    context,
  );
  if (!analysis) return null;
  const area = areaLabel(cell.city, cell.district);
  const spot = analysis.report.hotSpots.find((h) => h.area === area && h.category === cell.category);
  return spot ? hotSpotEntry(analysis, spot, null) : null;
}
