import { z } from 'zod';
import type { TicketCategory } from '#src/features/tickets/sla/sla-matrix';
import {
  DEFAULT_BASELINE_FLOOR,
  DEFAULT_BASELINE_WEEKS,
  DEFAULT_HOT_SPOT_METHOD,
  HOT_SPOT_METHODS,
  type HotSpotTestResult,
  testHotSpot,
} from './hot-spot-test';

/**
 * Upper bounds keep the settings usable: the baseline is counted back from a week with date
 * arithmetic, and a document of 5.7e15 baseline weeks (the API fuzzer saved one) made every later
 * work order a 500 ("Invalid time value"). Five years of weekly history is far beyond any baseline.
 */
const MAX_BASELINE_WEEKS = 260;

export const hotSpotSettingsSchema = z
  .strictObject({
    /** False discovery rate controlled across all tested cells (Benjamini–Hochberg). */
    q: z.number().gt(0).lte(1).default(0.05),
    /** Practical floor: fewer complaints than this is never a work order, however unusual. */
    minCount: z.number().int().min(1).max(1_000_000).default(5),
    /** Practical floor on observed / expected. */
    minRatio: z.number().min(1).max(1_000).default(2),
    baselineWeeks: z.number().int().min(1).max(MAX_BASELINE_WEEKS).default(DEFAULT_BASELINE_WEEKS),
    /** Cells with less history than this are not tested (a new area has no baseline yet). */
    minBaselineWeeks: z.number().int().min(1).max(MAX_BASELINE_WEEKS).default(4),
    baselineFloor: z.number().gt(0).max(1_000).default(DEFAULT_BASELINE_FLOOR),
    method: z.enum(HOT_SPOT_METHODS).default(DEFAULT_HOT_SPOT_METHOD),
  })
  .refine((s) => s.minBaselineWeeks <= s.baselineWeeks, {
    error: 'cannot exceed baselineWeeks',
    path: ['minBaselineWeeks'],
  });

export type HotSpotSettings = z.output<typeof hotSpotSettingsSchema>;
export type HotSpotSettingsInput = z.input<typeof hotSpotSettingsSchema>;

export const DEFAULT_HOT_SPOT_SETTINGS: HotSpotSettings = hotSpotSettingsSchema.parse({});

export class HotSpotSettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid hot-spot settings: ${problems.join('; ')}`);
    this.name = 'HotSpotSettingsError';
  }
}

/** Parses settings, filling defaults; every problem is reported with its path (`minRatio: …`). */
export function parseHotSpotSettings(input: unknown): HotSpotSettings {
  const result = hotSpotSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  throw new HotSpotSettingsError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the order given: the smallest FDR level at
 * which each hypothesis would be rejected. q(i) = min over ranks j ≥ rank(i) of p(j)·m/j, capped at 1.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = new Array<number>(m).fill(1);
  let runningMin = 1;
  for (let rank = m; rank >= 1; rank -= 1) {
    const entry = order[rank - 1];
    if (entry === undefined) continue;
    runningMin = Math.min(runningMin, (entry.p * m) / rank);
    adjusted[entry.index] = runningMin;
  }
  return adjusted;
}

/** Complaint counts of one (area, category) cell: this week and earlier weeks, oldest first. */
export interface HotSpotCell {
  readonly area: string;
  readonly category: TicketCategory;
  readonly observed: number;
  readonly history: readonly number[];
}

export type WorkOrderKind =
  | 'base_station_optimisation'
  | 'line_inspection'
  | 'billing_audit'
  | 'service_quality_review';
export type WorkOrderTeam = 'network' | 'broadband_maintenance' | 'billing' | 'service_quality';

export interface LocalisedText {
  readonly 'zh-CN': string;
  readonly en: string;
}

export interface SuggestedWorkOrder {
  readonly kind: WorkOrderKind;
  /** The team of the hot spot's area that should take the order. */
  readonly team: WorkOrderTeam;
  readonly area: string;
  readonly title: LocalisedText;
}

export interface HotSpot extends HotSpotTestResult {
  readonly area: string;
  readonly category: TicketCategory;
  /** Benjamini–Hochberg adjusted p-value across all cells tested this week. */
  readonly qValue: number;
  readonly rank: number;
  readonly workOrder: SuggestedWorkOrder;
}

export interface HotSpotReport {
  readonly week: string;
  readonly settings: HotSpotSettings;
  readonly cellsTested: number;
  /** Cells left out because they have fewer than `minBaselineWeeks` of history. */
  readonly cellsWithoutBaseline: number;
  /** Ranked: smallest q first, then smallest p, then largest ratio. */
  readonly hotSpots: readonly HotSpot[];
}

interface WorkOrderTemplate {
  readonly kind: WorkOrderKind;
  readonly team: WorkOrderTeam;
  readonly action: LocalisedText;
}

const BASE_STATION: WorkOrderTemplate = {
  kind: 'base_station_optimisation',
  team: 'network',
  action: { 'zh-CN': '基站优化', en: 'Base-station optimisation' },
};
const LINE_INSPECTION: WorkOrderTemplate = {
  kind: 'line_inspection',
  team: 'broadband_maintenance',
  action: { 'zh-CN': '线路排查', en: 'Line inspection' },
};
const BILLING_AUDIT: WorkOrderTemplate = {
  kind: 'billing_audit',
  team: 'billing',
  action: { 'zh-CN': '计费稽核', en: 'Billing audit' },
};
const SERVICE_REVIEW: WorkOrderTemplate = {
  kind: 'service_quality_review',
  team: 'service_quality',
  action: { 'zh-CN': '服务质量复盘', en: 'Service quality review' },
};

// DOMAIN §10: many "weak signal" complaints in one area → a base-station optimisation work order.
function templateFor(category: TicketCategory): WorkOrderTemplate {
  switch (category) {
    case 'network_signal':
      return BASE_STATION;
    case 'broadband_fault':
      return LINE_INSPECTION;
    case 'billing_dispute':
      return BILLING_AUDIT;
    case 'plan_change':
    case 'handset':
    case 'value_added':
    case 'other':
      return SERVICE_REVIEW;
    default: {
      const unknown: never = category;
      throw new Error(`no work order for category ${String(unknown)}`);
    }
  }
}

const CATEGORY_NAMES: Record<TicketCategory, LocalisedText> = {
  network_signal: { 'zh-CN': '网络信号', en: 'network signal' },
  broadband_fault: { 'zh-CN': '宽带故障', en: 'broadband fault' },
  billing_dispute: { 'zh-CN': '计费争议', en: 'billing dispute' },
  plan_change: { 'zh-CN': '套餐变更', en: 'plan change' },
  handset: { 'zh-CN': '终端', en: 'handset' },
  value_added: { 'zh-CN': '增值业务', en: 'value-added service' },
  other: { 'zh-CN': '其他', en: 'other' },
};

export function suggestWorkOrder(
  week: string,
  area: string,
  category: TicketCategory,
  evidence: Pick<HotSpotTestResult, 'observed' | 'expected'>,
): SuggestedWorkOrder {
  const template = templateFor(category);
  const name = CATEGORY_NAMES[category];
  const expected = evidence.expected.toFixed(1);
  return {
    kind: template.kind,
    team: template.team,
    area,
    title: {
      'zh-CN': `${area}${template.action['zh-CN']}：${week} ${name['zh-CN']}投诉 ${evidence.observed} 件，基线每周 ${expected} 件`,
      en: `${template.action.en} in ${area}: ${evidence.observed} ${name.en} complaints in ${week} against a weekly baseline of ${expected}`,
    },
  };
}

/**
 * Tests every cell of one week against its own baseline, controls the false discovery rate across
 * the cells with Benjamini–Hochberg, and keeps those that also clear the practical thresholds.
 * The FDR runs over every tested cell, not only those above the thresholds, or it would not hold.
 */
export function findHotSpots(
  week: string,
  cells: readonly HotSpotCell[],
  settingsInput: HotSpotSettingsInput = {},
): HotSpotReport {
  const settings = parseHotSpotSettings(settingsInput);
  const tested: { cell: HotSpotCell; result: HotSpotTestResult }[] = [];
  let cellsWithoutBaseline = 0;
  for (const cell of cells) {
    if (Math.min(cell.history.length, settings.baselineWeeks) < settings.minBaselineWeeks) {
      cellsWithoutBaseline += 1;
      continue;
    }
    const result = testHotSpot(cell.observed, cell.history, settings);
    tested.push({ cell, result });
  }
  const qValues = benjaminiHochberg(tested.map((t) => t.result.pValue));

  const passing: Omit<HotSpot, 'rank'>[] = [];
  for (const [index, { cell, result }] of tested.entries()) {
    const qValue = qValues[index] ?? 1;
    if (qValue > settings.q || result.observed < settings.minCount || result.ratio < settings.minRatio)
      continue;
    passing.push({
      ...result,
      area: cell.area,
      category: cell.category,
      qValue,
      workOrder: suggestWorkOrder(week, cell.area, cell.category, result),
    });
  }
  passing.sort(
    (a, b) =>
      a.qValue - b.qValue ||
      a.logPValue - b.logPValue ||
      b.ratio - a.ratio ||
      a.area.localeCompare(b.area) ||
      a.category.localeCompare(b.category),
  );
  return {
    week,
    settings,
    cellsTested: tested.length,
    cellsWithoutBaseline,
    hotSpots: passing.map((spot, index) => ({ ...spot, rank: index + 1 })),
  };
}
