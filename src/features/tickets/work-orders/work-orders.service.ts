import { z } from 'zod';
import type { DbHandle } from '#src/db/client';
import { auditActor } from '#src/features/audit/audit.service';
import type { Actor } from '#src/features/auth/actor';
import { currentServiceSettings } from '#src/features/service-settings/service-settings.service';
import { HOT_SPOT_METHODS } from '#src/features/tickets/hot-spots/hot-spot-test';
import { cellSeries, type HotSpotCellQuery } from '#src/features/tickets/reports/hot-spot-cell.service';
import type { HotSpotCellKey } from '#src/features/tickets/reports/hot-spot-counts.repository';
import { HOT_SPOT_SETTINGS } from '#src/features/tickets/reports/hot-spot-settings';
import { areaLabel, categoryName, hotSpotOfCell } from '#src/features/tickets/reports/hot-spots.service';
import {
  addWeeks,
  earlierDate,
  isoWeekLabel,
  laterDate,
  mondayOf,
} from '#src/features/tickets/reports/iso-week';
import type { LocalisedName } from '#src/features/tickets/reports/sla-report';
import { TICKET_CATEGORIES, type TicketCategory } from '#src/features/tickets/sla/sla-matrix';
import type { ExpectedVersion } from '#src/features/tickets/ticket-versioning';
import { AppError, notFound } from '#src/lib/app-error';
import { todayIn } from '#src/lib/time';
import { canMoveWorkOrder, type WorkOrderStatus, workOrderStatusOf } from './work-order-status';
import { trackWorkOrder, type WorkOrderTracking } from './work-order-tracking';
import {
  findWorkOrderById,
  findWorkOrderOfCell,
  insertWorkOrder,
  listWorkOrderRows,
  lockWorkOrder,
  updateWorkOrderStatus,
  type WorkOrderWithCreator,
} from './work-orders.repository';

/** What the hot-spot test found when the order was raised; kept with the order as its reason. */
export const workOrderEvidenceSchema = z.object({
  week: z.string(),
  observed: z.number(),
  expected: z.number(),
  baselineMean: z.number(),
  ratio: z.number(),
  pValue: z.number(),
  qValue: z.number(),
  baselineWeeksUsed: z.number(),
  method: z.enum(HOT_SPOT_METHODS),
  settingsVersion: z.number(),
});
export type WorkOrderEvidence = z.infer<typeof workOrderEvidenceSchema>;

export type WorkOrderSummary = {
  id: number;
  kind: string;
  team: string;
  city: string;
  district: string;
  area: string;
  category: string;
  categoryName: LocalisedName;
  weekStart: string;
  week: string;
  title: LocalisedName;
  evidence: WorkOrderEvidence;
  status: WorkOrderStatus;
  resolution: string | null;
  createdByUserId: number | null;
  createdByName: string | null;
  createdAt: string;
  closedAt: string | null;
  version: number;
};

export type WorkOrderDetail = WorkOrderSummary & { tracking: WorkOrderTracking };

/** Weeks of tracking shown after the hot spot at most: enough to see a fix hold for a quarter. */
const MAX_TRACKED_WEEKS_AFTER = 26;
const LIST_LIMIT = 500;

function summaryOf(row: WorkOrderWithCreator): WorkOrderSummary {
  const city = row.city ?? '';
  const district = row.district ?? '';
  return {
    id: row.id,
    kind: row.kind,
    team: row.team,
    city,
    district,
    area: areaLabel(city, district),
    category: row.category,
    categoryName: categoryName(row.category),
    weekStart: row.weekStart,
    week: isoWeekLabel(row.weekStart),
    title: { 'zh-CN': row.titleZh, en: row.titleEn },
    evidence: workOrderEvidenceSchema.parse(row.evidence),
    status: workOrderStatusOf(row.status),
    resolution: row.resolution,
    createdByUserId: row.createdByUserId,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    version: row.version,
  };
}

export async function listWorkOrders(
  handle: DbHandle,
  query: { status?: WorkOrderStatus | undefined },
): Promise<{ items: WorkOrderSummary[] }> {
  const rows = await listWorkOrderRows(handle.db, { status: query.status, limit: LIST_LIMIT });
  return { items: rows.map(summaryOf) };
}

/**
 * One order with its closure tracking: the cell's complaints per week from its baseline to now,
 * marked before the hot spot, while worked, and after the order closed.
 */
export async function getWorkOrder(
  handle: DbHandle,
  id: number,
  context: { timeZone: string; now: Date },
): Promise<WorkOrderDetail> {
  const row = await findWorkOrderById(handle.db, id);
  if (!row) throw notFound('Work order');
  const summary = summaryOf(row);
  const { timeZone } = context;
  const settings = (await currentServiceSettings(handle.db, HOT_SPOT_SETTINGS)).document;
  const currentWeek = mondayOf(todayIn(timeZone, context.now));
  const cap = addWeeks(summary.weekStart, MAX_TRACKED_WEEKS_AFTER);
  const lastWeek = laterDate(earlierDate(currentWeek, cap), summary.weekStart);
  const cell: HotSpotCellKey = {
    city: summary.city,
    district: summary.district,
    category: hotSpotCategory(summary.category),
  };
  const series = await cellSeries(
    handle,
    cell,
    {
      firstMonday: addWeeks(summary.weekStart, -settings.baselineWeeks),
      lastMonday: lastWeek,
    },
    { timeZone, settings },
  );
  const tracking = trackWorkOrder(series, {
    hotSpotWeek: summary.weekStart,
    raisedWeek: mondayOf(todayIn(timeZone, row.createdAt)),
    closedWeek: row.closedAt ? mondayOf(todayIn(timeZone, row.closedAt)) : null,
    currentWeek,
  });
  return { ...summary, tracking };
}

/** Orders are raised for top-level categories only; anything else reads as 'other'. */
function hotSpotCategory(code: string): TicketCategory {
  const parsed = z.enum(TICKET_CATEGORIES).safeParse(code);
  return parsed.success ? parsed.data : 'other';
}

/**
 * Raises the work order of a hot-spot cell. The server runs the week's test again (with the
 * settings in force, across all cells) rather than trusting the client: a cell that is not a hot
 * spot, or that already has an order, is refused with 409.
 */
export async function createWorkOrder(
  handle: DbHandle,
  actor: Actor,
  cell: HotSpotCellQuery,
  context: { timeZone: string; now: Date },
): Promise<WorkOrderDetail> {
  const existing = await findWorkOrderOfCell(handle.db, cell);
  if (existing) throw alreadyRaised(existing.id);
  const inForce = await currentServiceSettings(handle.db, HOT_SPOT_SETTINGS);
  const spot = await hotSpotOfCell(handle, cell, { timeZone: context.timeZone, settings: inForce.document });
  if (!spot) {
    throw new AppError(
      'CONFLICT',
      `${areaLabel(cell.city, cell.district)} × ${cell.category} in the week of ${cell.weekStart} is not a hot spot under the settings in force`,
    );
  }
  const evidence: WorkOrderEvidence = {
    week: spot.week,
    observed: spot.observed,
    expected: spot.expected,
    baselineMean: spot.baselineMean,
    ratio: spot.ratio,
    pValue: spot.pValue,
    qValue: spot.qValue,
    baselineWeeksUsed: spot.baselineWeeksUsed,
    method: spot.method,
    settingsVersion: inForce.version,
  };
  const id = await handle.db.transaction(async (tx) => {
    const row = await insertWorkOrder(tx, {
      kind: spot.workOrder.kind,
      team: spot.workOrder.team,
      city: cell.city,
      district: cell.district,
      category: cell.category,
      weekStart: cell.weekStart,
      titleZh: spot.workOrder.title['zh-CN'],
      titleEn: spot.workOrder.title.en,
      evidence,
      createdByUserId: actor.userId,
      createdAt: context.now,
    });
    if (!row) return null;
    await auditActor(tx, actor, {
      action: 'work_order.create',
      target: `work order ${row.id}`,
      details: { ...cell, kind: row.kind, team: row.team, observed: spot.observed, qValue: spot.qValue },
    });
    return row.id;
  });
  if (id === null) {
    // Someone raised it between our check and the insert; the unique index kept one.
    const raced = await findWorkOrderOfCell(handle.db, cell);
    throw alreadyRaised(raced?.id ?? null);
  }
  return getWorkOrder(handle, id, context);
}

function alreadyRaised(id: number | null): AppError {
  return new AppError('CONFLICT', 'This hot spot already has a work order', { workOrderId: id });
}

export type WorkOrderChange = { status: WorkOrderStatus; resolution?: string | undefined };

function assertWorkOrderVersion(expected: ExpectedVersion, current: number): void {
  if (expected.version === current) return;
  const message = `Someone changed this work order meanwhile (you sent version ${expected.version}, it is now ${current}); reload and apply your change again`;
  const details = { currentVersion: current };
  if (expected.via === 'if-match') throw new AppError('PRECONDITION_FAILED', message, details);
  throw new AppError('CONFLICT', message, details);
}

/**
 * Moves an order along its statuses under optimistic concurrency: the change names the version it
 * was based on (If-Match → 412 when stale, body version → 409), read under the row lock, and bumps it.
 */
export async function updateWorkOrder(
  handle: DbHandle,
  actor: Actor,
  id: number,
  change: WorkOrderChange,
  expected: () => ExpectedVersion,
  context: { timeZone: string; now: Date },
): Promise<WorkOrderDetail> {
  await handle.db.transaction(async (tx) => {
    const row = await lockWorkOrder(tx, id);
    if (!row) throw notFound('Work order');
    assertWorkOrderVersion(expected(), row.version);
    const from = workOrderStatusOf(row.status);
    if (!canMoveWorkOrder(from, change.status)) {
      throw new AppError('CONFLICT', `A work order cannot move from ${from} to ${change.status}`, {
        status: from,
      });
    }
    const resolution = change.resolution?.trim() ?? '';
    if (change.status === 'done' && resolution === '') {
      throw new AppError('VALIDATION_FAILED', 'The request is invalid: resolution is required', {
        issues: [{ path: 'body.resolution', message: 'is required to close a work order' }],
      });
    }
    await updateWorkOrderStatus(tx, id, {
      status: change.status,
      // The resolution of an order reopened later stays on record until the next close replaces it.
      resolution: change.status === 'done' ? resolution : row.resolution,
      closedAt: change.status === 'done' ? context.now : null,
      version: row.version + 1,
    });
    await auditActor(tx, actor, {
      action: 'work_order.update',
      target: `work order ${id}`,
      details: { from, to: change.status, version: row.version + 1 },
      reason: change.status === 'done' ? resolution : null,
    });
  });
  return getWorkOrder(handle, id, context);
}
