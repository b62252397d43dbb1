import { VIP_LEVELS, type VipLevel } from '#src/db/schema/enums';
import { type Interval, wilsonInterval } from '#src/features/campaigns/rate-difference';
import { findCategory, TICKET_CATEGORY_TREE } from '#src/features/tickets/dispatch/ticket-categories';

/** DOMAIN.md §10 [001]: 98% of tickets resolved within their limit. */
export const SLA_ON_TIME_TARGET = 0.98;

export const SLA_REPORT_DIMENSIONS = ['category', 'group', 'level'] as const;
export type SlaReportDimension = (typeof SLA_REPORT_DIMENSIONS)[number];

export type LocalisedName = { 'zh-CN': string; en: string };

/** Tickets opened in the period, counted once by where their SLA stands now. */
export type SlaCounts = {
  total: number;
  closed: number;
  closedOnTime: number;
  closedLate: number;
  /** Still open (or waiting on the customer) and already past due. */
  openBreached: number;
  /** Still open and not yet due: their outcome is not known, so they are left out of the rate. */
  openOnTrack: number;
};

export type SlaReportRow = SlaCounts & {
  key: string;
  name: LocalisedName;
  /** closed + openBreached: the tickets whose outcome is known. */
  decided: number;
  /** closedOnTime / decided; null when nothing is decided yet. */
  onTimeRate: number | null;
  /** Wilson 95% score interval of the rate; null with the rate. */
  interval: Interval | null;
  target: number;
  /** Whether the rate reaches the target; null when nothing is decided. */
  targetMet: boolean | null;
  /** The interval lies wholly below the target: a miss that is not sampling noise. */
  clearlyBelowTarget: boolean;
  children?: SlaReportRow[];
};

export const EMPTY_COUNTS: SlaCounts = {
  total: 0,
  closed: 0,
  closedOnTime: 0,
  closedLate: 0,
  openBreached: 0,
  openOnTrack: 0,
};

export function addCounts(a: SlaCounts, b: SlaCounts): SlaCounts {
  return {
    total: a.total + b.total,
    closed: a.closed + b.closed,
    closedOnTime: a.closedOnTime + b.closedOnTime,
    closedLate: a.closedLate + b.closedLate,
    openBreached: a.openBreached + b.openBreached,
    openOnTrack: a.openOnTrack + b.openOnTrack,
  };
}

/**
 * One row's rate. An open ticket already past due counts as a miss: it cannot be closed on time
 * any more, and leaving it out would reward a desk for sitting on late tickets rather than closing
 * them (each late close would lower its rate, each late ticket left open would not). Open tickets
 * not yet due are left out: they may still be met.
 */
export function slaRow(
  key: string,
  name: LocalisedName,
  counts: SlaCounts,
  target = SLA_ON_TIME_TARGET,
): SlaReportRow {
  const decided = counts.closed + counts.openBreached;
  const onTimeRate = decided > 0 ? counts.closedOnTime / decided : null;
  const interval = decided > 0 ? wilsonInterval({ events: counts.closedOnTime, trials: decided }) : null;
  return {
    key,
    name,
    ...counts,
    decided,
    onTimeRate,
    interval,
    target,
    targetMet: onTimeRate === null ? null : onTimeRate >= target,
    clearlyBelowTarget: interval !== null && interval.high < target,
  };
}

const LEVEL_NAMES: Record<VipLevel, LocalisedName> = {
  none: { 'zh-CN': '非VIP', en: 'None' },
  silver: { 'zh-CN': '银卡', en: 'Silver' },
  gold: { 'zh-CN': '金卡', en: 'Gold' },
  platinum: { 'zh-CN': '白金卡', en: 'Platinum' },
  diamond: { 'zh-CN': '钻石卡', en: 'Diamond' },
};

export type CountedKey = { key: string; counts: SlaCounts };

/**
 * Top-level categories in tree order, each the sum of its own and its children's tickets, with
 * the children that have tickets listed under it. Codes not in the tree (renamed since) keep a
 * row of their own at the end, named by their code.
 */
function categoryRows(counted: readonly CountedKey[], target: number): SlaReportRow[] {
  const byCode = new Map(counted.map((c) => [c.key, c.counts]));
  const rows: SlaReportRow[] = [];
  for (const top of TICKET_CATEGORY_TREE) {
    let sum = byCode.get(top.code) ?? EMPTY_COUNTS;
    const children: SlaReportRow[] = [];
    for (const child of top.children) {
      const counts = byCode.get(child.code);
      if (!counts) continue;
      sum = addCounts(sum, counts);
      children.push(slaRow(child.code, child.name, counts, target));
    }
    if (sum.total === 0) continue;
    rows.push({ ...slaRow(top.code, top.name, sum, target), children });
  }
  for (const { key, counts } of counted) {
    if (findCategory(key)) continue;
    rows.push(slaRow(key, { 'zh-CN': key, en: key }, counts, target));
  }
  return rows;
}

function isVipLevel(key: string): key is VipLevel {
  return VIP_LEVELS.some((level) => level === key);
}

/** Highest level first: the promise to a diamond subscriber is the one most watched. */
function levelRows(counted: readonly CountedKey[], target: number): SlaReportRow[] {
  const rank = (key: string) => (isVipLevel(key) ? VIP_LEVELS.indexOf(key) : -1);
  return [...counted]
    .sort((a, b) => rank(b.key) - rank(a.key) || a.key.localeCompare(b.key))
    .map(({ key, counts }) =>
      slaRow(key, isVipLevel(key) ? LEVEL_NAMES[key] : { 'zh-CN': key, en: key }, counts, target),
    );
}

/** Group names are the desk's own (Chinese) names; the busiest group first. */
function groupRows(counted: readonly CountedKey[], target: number): SlaReportRow[] {
  return [...counted]
    .sort((a, b) => b.counts.total - a.counts.total || a.key.localeCompare(b.key, 'zh-CN'))
    .map(({ key, counts }) => slaRow(key, { 'zh-CN': key, en: key }, counts, target));
}

export function slaReportRows(
  by: SlaReportDimension,
  counted: readonly CountedKey[],
  target = SLA_ON_TIME_TARGET,
): SlaReportRow[] {
  switch (by) {
    case 'category':
      return categoryRows(counted, target);
    case 'level':
      return levelRows(counted, target);
    case 'group':
      return groupRows(counted, target);
    default: {
      const unknown: never = by;
      throw new Error(`unknown SLA report dimension ${String(unknown)}`);
    }
  }
}

/** The all-tickets row: the sum over the keys (each ticket has exactly one key). */
export function overallRow(counted: readonly CountedKey[], target = SLA_ON_TIME_TARGET): SlaReportRow {
  let sum = EMPTY_COUNTS;
  for (const { counts } of counted) sum = addCounts(sum, counts);
  return slaRow('overall', { 'zh-CN': '全部', en: 'All tickets' }, sum, target);
}
