import dayjs from 'dayjs';

/** Money is stored in fen (integer); show yuan with two decimals. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return `¥${(fen / 100).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function fenToYuan(fen: number | null): number | null {
  return fen === null ? null : Math.round(fen) / 100;
}

export function mbToGb(mb: number | null): number | null {
  return mb === null ? null : Math.round((mb / 1024) * 100) / 100;
}

export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}

export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : '—';
}

export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A chart axis label for a billing month ('2026-05'): '5月' or 'May', so all six months fit. */
export function formatMonthShort(month: string, language: string): string {
  const index = Number(month.slice(5, 7)) - 1;
  if (!/^\d{4}-\d{2}$/.test(month) || index < 0 || index > 11) return month;
  return language.startsWith('zh') ? `${index + 1}月` : (MONTHS_EN[index] ?? month);
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString();
}

export const RISK_COLORS: Record<string, string> = {
  low: 'green',
  medium: 'gold',
  high: 'orange',
  very_high: 'red',
};

export const TIER_COLORS: Record<string, string> = {
  high_value: 'purple',
  potential: 'cyan',
  ordinary: 'default',
  churn_warning: 'volcano',
};
