import { api, request } from './client';
import type {
  ClassifierEvaluationReport,
  CreateWorkOrderBody,
  HotSpotCellDetail,
  HotSpotCellKey,
  HotSpotsReport,
  MoveWorkOrderBody,
  ServiceSettingsKind,
  SettingsVersion,
  SlaReport,
  SlaReportBy,
  WorkOrder,
  WorkOrderStatus,
  WorkOrderSummary,
} from './types-service';

// SLA report and hot spots (service.report: aggregates only, no subscriber detail beyond masked names).

export function fetchSlaReport(from: string, to: string, by: SlaReportBy): Promise<SlaReport> {
  return api.get<SlaReport>('/api/service/sla-report', { from, to, by });
}

export function fetchHotSpots(weeks: number, until?: string): Promise<HotSpotsReport> {
  return api.get<HotSpotsReport>('/api/service/hot-spots', { weeks, until });
}

export function fetchHotSpotCell(cell: HotSpotCellKey): Promise<HotSpotCellDetail> {
  const { city, district, category, weekStart } = cell;
  return api.get<HotSpotCellDetail>('/api/service/hot-spots/cell', { city, district, category, weekStart });
}

// Work orders (workOrders.manage to raise and move them).

export function fetchWorkOrders(status?: WorkOrderStatus): Promise<{ items: WorkOrderSummary[] }> {
  return api.get<{ items: WorkOrderSummary[] }>('/api/work-orders', { status });
}

export function fetchWorkOrder(id: number): Promise<WorkOrder> {
  return api.get<WorkOrder>(`/api/work-orders/${id}`);
}

/** 409 when the cell already has an order (one per area × category × week). */
export function createWorkOrder(body: CreateWorkOrderBody): Promise<WorkOrder> {
  return api.post<WorkOrder>('/api/work-orders', body);
}

/**
 * Moves an order along open → in progress → done (a resolution to close). The version read goes as
 * If-Match: when someone moved the order meanwhile the answer is 412 and nothing changes.
 */
export function moveWorkOrder(id: number, version: number, body: MoveWorkOrderBody): Promise<WorkOrder> {
  return request<WorkOrder>('PATCH', `/api/work-orders/${id}`, {
    body,
    headers: { 'If-Match': `"${version}"` },
  });
}

// Service settings documents: each saved whole as the next version, with a note.

export function fetchServiceSettings<T>(kind: ServiceSettingsKind): Promise<SettingsVersion<T>> {
  return api.get<SettingsVersion<T>>(`/api/service-settings/${kind}`);
}

/**
 * The PUT body of a kind: `{ document, note }`, except the revisit settings, whose fields travel at the
 * top level beside the note (src/features/tickets/revisits/revisits.schemas.ts).
 */
export function settingsBody(
  kind: ServiceSettingsKind,
  document: unknown,
  note: string | undefined,
): unknown {
  if (kind === 'revisit') return { ...(document as Record<string, unknown>), note };
  return { document, note };
}

/** 400 lists each problem with its path; 409 when someone else saved a version meanwhile. */
export function saveServiceSettings<T>(
  kind: ServiceSettingsKind,
  document: T,
  note: string | undefined,
): Promise<SettingsVersion<T>> {
  return api.put<SettingsVersion<T>>(`/api/service-settings/${kind}`, settingsBody(kind, document, note));
}

export function fetchClassifierEvaluation(): Promise<ClassifierEvaluationReport> {
  return api.get<ClassifierEvaluationReport>('/api/service-settings/classifier/evaluation');
}

/** React Query keys of the service pages (invalidate by prefix, e.g. ['service', 'work-orders']). */
export const serviceKeys = {
  slaReport: (from: string, to: string, by: SlaReportBy) => ['service', 'sla', from, to, by] as const,
  hotSpots: (weeks: number, until: string | undefined) => ['service', 'hot-spots', weeks, until] as const,
  hotSpotCell: (cell: HotSpotCellKey) =>
    ['service', 'hot-spots', 'cell', cell.city, cell.district, cell.category, cell.weekStart] as const,
  workOrders: (status: WorkOrderStatus | undefined) => ['service', 'work-orders', status ?? 'all'] as const,
  workOrder: (id: number) => ['service', 'work-orders', 'one', id] as const,
  settings: (kind: ServiceSettingsKind) => ['service-settings', kind] as const,
  classifierEvaluation: ['service-settings', 'classifier', 'evaluation'] as const,
};
