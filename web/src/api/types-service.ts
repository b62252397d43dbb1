// Service quality (issue 6): SLA report, hot spots, work orders and the service settings documents.
// Mirrors src/features/tickets/reports/*.schemas.ts, src/features/tickets/work-orders/* and the
// service-settings routes.

import type { VipLevel } from './types';

export type LocalisedText = { 'zh-CN': string; en: string };

export type TicketCategory =
  | 'network_signal'
  | 'broadband_fault'
  | 'billing_dispute'
  | 'plan_change'
  | 'handset'
  | 'value_added'
  | 'other';

export const TICKET_CATEGORIES: readonly TicketCategory[] = [
  'network_signal',
  'broadband_fault',
  'billing_dispute',
  'plan_change',
  'handset',
  'value_added',
  'other',
];

export const VIP_LEVELS: readonly VipLevel[] = ['none', 'silver', 'gold', 'platinum', 'diamond'];

// SLA report (service.report).

export type SlaReportBy = 'category' | 'group' | 'level';

export type RateInterval = { low: number; high: number };

/** One row of the report: the tickets opened in the period, counted by where their SLA stands now. */
export type SlaReportRow = {
  key: string;
  /** Categories and levels in both languages; a group's own (Chinese) name in both. */
  name: LocalisedText;
  total: number;
  closed: number;
  closedOnTime: number;
  closedLate: number;
  /** Still open and already past due: counted as a miss. */
  openBreached: number;
  /** Still open and not yet due: left out of the rate. */
  openOnTrack: number;
  /** closed + openBreached: the tickets whose outcome is known. */
  decided: number;
  onTimeRate: number | null;
  /** Wilson 95% interval of the rate; null with the rate. */
  interval: RateInterval | null;
  target: number;
  targetMet: boolean | null;
  /** The whole interval lies below the target: a miss that is not sampling noise. */
  clearlyBelowTarget: boolean;
  /** A top-level category's child categories that have tickets. */
  children?: SlaReportRow[];
};

export type SlaReport = {
  from: string;
  to: string;
  by: SlaReportBy;
  timeZone: string;
  /** Open tickets are judged as of this instant. */
  asOf: string;
  target: number;
  rows: SlaReportRow[];
  overall: SlaReportRow;
};

// Hot spots (service.report).

export type WorkOrderStatus = 'open' | 'in_progress' | 'done';

export type SuggestedWorkOrder = {
  kind: string;
  team: string;
  area: string;
  title: LocalisedText;
};

export type WorkOrderRef = { id: number; status: WorkOrderStatus };

/** The cell a hot spot (and its work order) is about: area × category × ISO week (its Monday). */
export type HotSpotCellKey = { city: string; district: string; category: string; weekStart: string };

export type HotSpot = HotSpotCellKey & {
  /** `2026-W47`. */
  week: string;
  /** City and district together (`南京市鼓楼区`). */
  area: string;
  categoryName: LocalisedText;
  observed: number;
  baselineMean: number;
  expected: number;
  ratio: number;
  pValue: number;
  logPValue: number;
  qValue: number;
  /** Rank within its week: smallest q first. */
  rank: number;
  baselineWeeksUsed: number;
  method: string;
  workOrder: SuggestedWorkOrder;
  existingWorkOrder: WorkOrderRef | null;
};

export type HotSpotWeekReport = {
  weekStart: string;
  week: string;
  cellsTested: number;
  cellsWithoutBaseline: number;
  hotSpots: number;
};

/** One counted cell for the heat map (when the server sends them; otherwise only hot spots are known). */
export type HotSpotGridCell = HotSpotCellKey & { area: string; observed: number; expected: number | null };

export type HotSpotsReport = {
  until: string;
  weeks: number;
  timeZone: string;
  settingsVersion: number;
  settings: HotSpotSettings;
  /** Each tested week, oldest first. */
  weekReports: HotSpotWeekReport[];
  /** Newest week first, then by rank within the week. */
  hotSpots: HotSpot[];
  cells?: HotSpotGridCell[];
};

export type SeriesPoint = {
  weekStart: string;
  week: string;
  observed: number;
  /** The area's own baseline for the week; null without enough history. */
  expected: number | null;
};

export type CellItem = {
  source: 'ticket' | 'complaint';
  ticketId: number | null;
  ticketNo: string | null;
  complaintNo: string | null;
  /** Masked: any number in it is hidden. */
  title: string | null;
  /** Masked (王*). */
  subscriberName: string;
  openedAt: string;
  category: string;
  categoryName: LocalisedText;
  status: string;
};

export type HotSpotCellDetail = HotSpotCellKey & {
  area: string;
  week: string;
  categoryName: LocalisedText;
  settingsVersion: number;
  hotSpot: HotSpot | null;
  series: SeriesPoint[];
  items: CellItem[];
  itemsTruncated: boolean;
  workOrder: WorkOrderRef | null;
};

// Work orders (service.report to read, workOrders.manage to raise and move).

/** The hot-spot test's figures when the order was raised. */
export type WorkOrderEvidence = {
  week: string;
  observed: number;
  expected: number;
  baselineMean: number;
  ratio: number;
  pValue: number;
  qValue: number;
  baselineWeeksUsed: number;
  method: string;
  settingsVersion: number;
};

export type WorkOrderSummary = HotSpotCellKey & {
  id: number;
  kind: string;
  team: string;
  area: string;
  categoryName: LocalisedText;
  week: string;
  title: LocalisedText;
  evidence: WorkOrderEvidence;
  status: WorkOrderStatus;
  resolution: string | null;
  createdByUserId: number | null;
  createdByName: string | null;
  createdAt: string;
  closedAt: string | null;
  version: number;
};

export type TrackingPhase = 'baseline' | 'hot_spot' | 'in_work' | 'after_close';

export type TrackingWeek = SeriesPoint & {
  phase: TrackingPhase;
  /** The week still under way: its count is not final. */
  partial: boolean;
};

/** The cell's complaints per week before the hot spot, while worked, and after the close. */
export type WorkOrderTracking = {
  raisedWeekStart: string;
  closedWeekStart: string | null;
  weeks: TrackingWeek[];
  baselineMean: number | null;
  afterCloseMean: number | null;
  afterCloseWeeks: number;
};

export type WorkOrder = WorkOrderSummary & { tracking: WorkOrderTracking };

export type CreateWorkOrderBody = HotSpotCellKey;

export type MoveWorkOrderBody = { status: WorkOrderStatus; resolution?: string };

/** Moves a work order may make (src/features/tickets/work-orders/work-order-status.ts). */
export const WORK_ORDER_NEXT: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  open: ['in_progress', 'done'],
  in_progress: ['open', 'done'],
  done: ['in_progress'],
};

// Service settings documents (GET service.report / contacts.log / tickets.read, PUT service.manage).

export type ServiceSettingsKind = 'routing' | 'sla' | 'classifier' | 'revisit' | 'hot-spots';

export type SettingsVersion<T> = { version: number; document: T; createdAt: string | null };

export type RoutingRule = {
  category: string;
  city?: string;
  district?: string;
  group: string;
  note?: string;
};

export type RoutingTable = { defaultGroup: string; rules: RoutingRule[] };

export type SlaClock = 'business' | 'calendar';

export type SlaMatrix = {
  warningRatio: number;
  escalation: { groupLeadAfterBreachMinutes: number; managerAfterBreachMinutes: number };
  categories: Record<TicketCategory, { clock: SlaClock; limitMinutes: Record<VipLevel, number> }>;
};

export type ContactType =
  | 'consultation'
  | 'suggestion'
  | 'dissatisfaction'
  | 'complaint'
  | 'business'
  | 'harassment';

export const CONTACT_TYPES: readonly ContactType[] = [
  'consultation',
  'suggestion',
  'dissatisfaction',
  'complaint',
  'business',
  'harassment',
];

export type KeywordRule = { phrase: string; weight: number };
export type NegationCue = { phrase: string; maxGap: number };

export type ClassifierRules = {
  version: number;
  keywords: Record<ContactType, KeywordRule[]>;
  negation: { cues: NegationCue[]; appliesTo: ContactType[] };
  priority: ContactType[];
  fallback: { type: ContactType; confidence: number };
  confidentScore: number;
  psychology: { keywords: Record<string, KeywordRule[]>; minScore: number };
};

export type TypeMetrics = { support: number; precision: number; recall: number };

export type SplitAccuracy = { size: number; accuracy: number };

export type Misclassification = {
  text: string;
  lang: 'zh' | 'en';
  split: 'tune' | 'heldout';
  expected: ContactType;
  got: ContactType;
};

/** The rules in force measured on the shipped labelled sample; held-out is the honest estimate. */
export type ClassifierEvaluationReport = {
  /** The rules version measured (0 = built-in). */
  rulesVersion: number;
  overall: SplitAccuracy;
  tune: SplitAccuracy;
  heldout: SplitAccuracy;
  perType: Record<ContactType, TypeMetrics>;
  confusion: Record<ContactType, Record<ContactType, number>>;
  psychology: { labelled: number; correct: number };
  misclassifications: Misclassification[];
};

export type HotSpotSettings = {
  q: number;
  minCount: number;
  minRatio: number;
  baselineWeeks: number;
  minBaselineWeeks: number;
  baselineFloor: number;
  method: 'poisson' | 'conditional';
};

export type RevisitSettings = {
  vipChannel: 'call' | 'sms';
  othersChannel: 'call' | 'sms' | 'none';
  reopenAtOrBelow: number;
  delayMinutes: number;
};
