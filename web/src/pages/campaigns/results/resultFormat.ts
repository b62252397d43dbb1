import type { TFunction } from 'i18next';
import type { Interval, ResultNote } from '../../../api/types-supervision';
import { formatDate, formatPercent, formatYuan } from '../../../format/format';

/** A server note ({code, params}) as a sentence; unknown codes fall back to the code itself. */
export function noteText(t: TFunction, note: ResultNote): string {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(note.params)) {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) params[key] = formatDate(value);
    else if (key === 'uplift' && typeof value === 'number') params[key] = formatPoints(t, value);
    else params[key] = typeof value === 'number' ? value.toLocaleString() : value;
  }
  return t(`campaigns.notes.${note.code}`, { ...params, defaultValue: note.code });
}

/** A difference of two rates in percentage points, signed: "+2.3 pp". */
export function formatPoints(t: TFunction, share: number): string {
  const value = Math.round(share * 1000) / 10;
  const sign = value > 0 ? '+' : '';
  return t('campaigns.results.points', { value: `${sign}${value.toFixed(1)}` });
}

export function rateIntervalText(t: TFunction, interval: Interval): string {
  return t('campaigns.results.ci', { low: formatPercent(interval.low), high: formatPercent(interval.high) });
}

export function pointsIntervalText(t: TFunction, interval: Interval): string {
  return t('campaigns.results.ci', {
    low: formatPoints(t, interval.low),
    high: formatPoints(t, interval.high),
  });
}

export function yuanIntervalText(t: TFunction, interval: { low: number; high: number | null }): string {
  return t('campaigns.results.ci', {
    low: formatYuan(interval.low),
    high: interval.high === null ? t('campaigns.results.noUpperBound') : formatYuan(interval.high),
  });
}
