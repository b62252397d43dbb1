import type { DbHandle } from '#src/db/client';
import { maskName } from '#src/features/queue/mask-name';
import { currentServiceSettings } from '#src/features/service-settings/service-settings.service';
import type { HotSpotSettings } from '#src/features/tickets/hot-spots/find-hot-spots';
import { testHotSpot } from '#src/features/tickets/hot-spots/hot-spot-test';
import { ticketNo } from '#src/features/tickets/ticket-number';
import { workOrderStatusOf } from '#src/features/tickets/work-orders/work-order-status';
import { findWorkOrderOfCell } from '#src/features/tickets/work-orders/work-orders.repository';
import { redactPersonalData } from '#src/lib/redact';
import { todayIn } from '#src/lib/time';
import {
  countComplaintsByCellWeek,
  findCellItems,
  firstComplaintDate,
  type HotSpotCellKey,
} from './hot-spot-counts.repository';
import { HOT_SPOT_SETTINGS } from './hot-spot-settings';
import {
  areaLabel,
  categoryName,
  type HotSpotEntry,
  historyOf,
  hotSpotOfCell,
  seriesByCell,
  type WorkOrderRef,
} from './hot-spots.service';
import { addWeeks, earlierDate, isoWeekLabel, laterDate, mondayOf, mondaysFrom } from './iso-week';
import { startOfDayUtc } from './report-period';
import type { LocalisedName } from './sla-report';

/** Weeks shown after the hot spot's week, to see whether it passed. */
const WEEKS_AFTER = 4;
const MAX_ITEMS = 200;

export type HotSpotCellQuery = HotSpotCellKey & { weekStart: string };

export type SeriesPoint = {
  weekStart: string;
  week: string;
  observed: number;
  /** The area's own baseline for the week (mean of its preceding weeks, floored); null without
   * enough history. */
  expected: number | null;
};

export type CellItem = {
  source: 'ticket' | 'complaint';
  ticketId: number | null;
  ticketNo: string | null;
  complaintNo: string | null;
  /** The ticket's title or the complaint's description, any number in it masked. */
  title: string | null;
  subscriberName: string;
  openedAt: string;
  category: string;
  categoryName: LocalisedName;
  status: string;
};

export type HotSpotCellView = HotSpotCellQuery & {
  area: string;
  week: string;
  categoryName: LocalisedName;
  settingsVersion: number;
  /** The cell as found by the week's test (with the FDR across all cells); null when not a hot spot. */
  hotSpot: HotSpotEntry | null;
  series: SeriesPoint[];
  /** The cell's tickets and imported complaints of the week: names masked, no phone numbers. */
  items: CellItem[];
  itemsTruncated: boolean;
  workOrder: WorkOrderRef | null;
};

/** Observed counts against the baseline expectation, week by week, for one area × category. */
export async function cellSeries(
  handle: DbHandle,
  cell: HotSpotCellKey,
  weeks: { firstMonday: string; lastMonday: string },
  context: { timeZone: string; settings: HotSpotSettings },
): Promise<SeriesPoint[]> {
  const { timeZone, settings } = context;
  const firstDay = await firstComplaintDate(handle.engine, timeZone);
  const shown = mondaysFrom(weeks.firstMonday, weeks.lastMonday);
  if (firstDay === null) {
    return shown.map((weekStart) => ({
      weekStart,
      week: isoWeekLabel(weekStart),
      observed: 0,
      expected: null,
    }));
  }
  const dataStart = mondayOf(firstDay);
  const rows = await countComplaintsByCellWeek(handle.engine, {
    start: new Date(startOfDayUtc(addWeeks(weeks.firstMonday, -settings.baselineWeeks), timeZone)),
    end: new Date(startOfDayUtc(addWeeks(weeks.lastMonday, 1), timeZone)),
    timeZone,
    cell,
  });
  const byWeek = [...seriesByCell(rows).values()][0]?.byWeek ?? new Map<string, number>();
  return shown.map((weekStart) => {
    const observed = byWeek.get(weekStart) ?? 0;
    const history = historyOf(byWeek, weekStart, dataStart, settings.baselineWeeks);
    const expected =
      history.length >= settings.minBaselineWeeks ? testHotSpot(observed, history, settings).expected : null;
    return { weekStart, week: isoWeekLabel(weekStart), observed, expected };
  });
}

function isoOf(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** Drill-down into one hot-spot cell (issue 6 §6): the weekly series and what was complained of. */
export async function getHotSpotCell(
  handle: DbHandle,
  query: HotSpotCellQuery,
  context: { timeZone: string; now: Date },
): Promise<HotSpotCellView> {
  const { timeZone } = context;
  const cell = { city: query.city, district: query.district, category: query.category };
  const inForce = await currentServiceSettings(handle.db, HOT_SPOT_SETTINGS);
  const settings = inForce.document;
  // Up to four weeks after the hot spot, but not into the future.
  const thisWeek = mondayOf(todayIn(timeZone, context.now));
  const afterward = addWeeks(query.weekStart, WEEKS_AFTER);
  const lastShown = laterDate(earlierDate(afterward, thisWeek), query.weekStart);
  const series = await cellSeries(
    handle,
    cell,
    {
      firstMonday: addWeeks(query.weekStart, -settings.baselineWeeks),
      lastMonday: lastShown,
    },
    { timeZone, settings },
  );
  const rows = await findCellItems(handle.engine, {
    start: new Date(startOfDayUtc(query.weekStart, timeZone)),
    end: new Date(startOfDayUtc(addWeeks(query.weekStart, 1), timeZone)),
    cell,
    limit: MAX_ITEMS + 1,
  });
  const hotSpot = await hotSpotOfCell(handle, query, { timeZone, settings });
  const order = await findWorkOrderOfCell(handle.db, query);
  return {
    ...query,
    area: areaLabel(query.city, query.district),
    week: isoWeekLabel(query.weekStart),
    categoryName: categoryName(query.category),
    settingsVersion: inForce.version,
    hotSpot,
    series,
    items: rows.slice(0, MAX_ITEMS).map((row) => {
      const ticketId = row.ticket_id === null ? null : Number(row.ticket_id);
      return {
        source: row.source,
        ticketId,
        ticketNo: ticketId === null ? null : ticketNo(ticketId),
        complaintNo: row.complaint_no,
        title: row.title === null ? null : redactPersonalData(row.title),
        subscriberName: maskName(row.name),
        openedAt: isoOf(row.opened_at),
        category: row.code,
        categoryName: categoryName(row.code),
        status: row.status,
      };
    }),
    itemsTruncated: rows.length > MAX_ITEMS,
    workOrder: order ? { id: order.id, status: workOrderStatusOf(order.status) } : null,
  };
}
