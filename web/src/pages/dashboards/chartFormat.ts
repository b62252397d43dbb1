/** Shares (0..1) as percentages with one decimal, for chart values. */
export const toPercent = (share: number | null | undefined): number | null =>
  share === null || share === undefined ? null : Math.round(share * 1000) / 10;

/** Fen as yuan, whole: the dashboards speak of totals where cents only add noise. */
export const fenToWholeYuan = (fen: number): number => Math.round(fen / 100);

/** Compact axis labels: 12,345 → 1.2万 (zh) / 12.3k (en). */
export function compactNumber(value: number, language: string): string {
  const abs = Math.abs(value);
  if (language.startsWith('zh')) {
    if (abs >= 1e8) return `${(value / 1e8).toFixed(1)}亿`;
    if (abs >= 1e4) return `${(value / 1e4).toFixed(1)}万`;
    return String(value);
  }
  if (abs >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return String(value);
}

export const PALETTE = [
  '#1f5fbf',
  '#13a8a8',
  '#faad14',
  '#cf1322',
  '#722ed1',
  '#8c8c8c',
  '#389e0d',
  '#eb2f96',
];

export const TIER_CHART_COLORS: Record<string, string> = {
  high_value: '#722ed1',
  potential: '#13a8a8',
  ordinary: '#8c8c8c',
  churn_warning: '#d4380d',
};
