import type { RevenueShares } from '#src/features/scoring/runs/score-record';

/**
 * Pure rules of consumption analysis (DOMAIN §8) over the short series a scoring run stores:
 * revenue by part, the change against the subscriber's own past, and where a value sits among peers.
 */

/** How many months before the last one form the "own history" baseline. */
export const HISTORY_BASELINE_MONTHS = 3;

/** Changes smaller than this (in per cent) read as flat, so rounding noise shows no arrow. */
export const FLAT_CHANGE_PCT = 1;

export type MonthRevenue = {
  month: string;
  spendFen: number | null;
  voiceFen: number | null;
  dataFen: number | null;
  valueAddedFen: number | null;
  otherFen: number | null;
};

/** Voice, data and value-added shares leave SMS and the rest; rounding must not make it negative. */
export function otherShare(mix: RevenueShares): number {
  return Math.max(0, 1 - mix.voice - mix.data - mix.valueAdded);
}

/**
 * Each month's spend split by the revenue mix. The run keeps one mix — the shares over the last 3
 * billed months — so earlier months are an estimate that assumes the same mix (the response says so).
 */
export function revenueByMonth(
  months: readonly string[],
  spendFen: readonly (number | null)[],
  mix: RevenueShares | null,
): MonthRevenue[] {
  return months.map((month, i) => {
    const spend = spendFen[i] ?? null;
    const part = (share: number) => (spend === null || mix === null ? null : Math.round(spend * share));
    return {
      month,
      spendFen: spend,
      voiceFen: part(mix?.voice ?? 0),
      dataFen: part(mix?.data ?? 0),
      valueAddedFen: part(mix?.valueAdded ?? 0),
      otherFen: mix === null ? null : part(otherShare(mix)),
    };
  });
}

export type Direction = 'up' | 'down' | 'flat';

export type HistoryChange = {
  last: number | null;
  /** Mean of the billed months among the 3 before the last; null when none was billed. */
  baselineMean: number | null;
  baselineMonths: number;
  /** (last − baseline) / baseline × 100; null when either is missing or the baseline is 0. */
  changePct: number | null;
  direction: Direction | null;
};

/** The last month against the mean of the 3 months before it (months without a bill are skipped). */
export function changeAgainstOwnHistory(values: readonly (number | null)[]): HistoryChange {
  const last = values.length > 0 ? (values[values.length - 1] ?? null) : null;
  const before = values.slice(Math.max(0, values.length - 1 - HISTORY_BASELINE_MONTHS), values.length - 1);
  const billed = before.filter((v): v is number => v !== null);
  const baselineMean = billed.length === 0 ? null : billed.reduce((sum, v) => sum + v, 0) / billed.length;
  const changePct = percentChange(baselineMean, last);
  return { last, baselineMean, baselineMonths: billed.length, changePct, direction: directionOf(changePct) };
}

/** Per cent change from `from` to `to`, rounded to 0.1; null when it is undefined. */
export function percentChange(from: number | null, to: number | null): number | null {
  if (from === null || to === null || from === 0) return null;
  return Math.round(((to - from) / Math.abs(from)) * 1000) / 10;
}

export function directionOf(changePct: number | null): Direction | null {
  if (changePct === null) return null;
  if (Math.abs(changePct) < FLAT_CHANGE_PCT) return 'flat';
  return changePct > 0 ? 'up' : 'down';
}

/** Month-over-month per cent change of a series: one entry per month after the first. */
export function monthOverMonth(values: readonly (number | null)[]): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 1; i < values.length; i += 1)
    out.push(percentChange(values[i - 1] ?? null, values[i] ?? null));
  return out;
}

export type Quartiles = { p25: number | null; median: number | null; p75: number | null };
export type PeerPosition = 'below_p25' | 'p25_to_median' | 'median_to_p75' | 'above_p75';

/** Which quarter of the peers a value falls in (bounds belong to the lower band); null if unknown. */
export function peerPosition(value: number | null, q: Quartiles): PeerPosition | null {
  if (value === null || q.p25 === null || q.median === null || q.p75 === null) return null;
  if (value < q.p25) return 'below_p25';
  if (value <= q.median) return 'p25_to_median';
  if (value <= q.p75) return 'median_to_p75';
  return 'above_p75';
}
