import type { TargetMetric } from '../../api/targets';
import { formatNumber, formatYuan } from '../../format/format';

/** A target figure as the reader expects it: spend in yuan, everything else as a count. */
export function formatTargetValue(metric: TargetMetric, value: number | null): string {
  if (value === null) return '—';
  return metric === 'spend_fen' ? formatYuan(Math.round(value)) : formatNumber(Math.round(value * 100) / 100);
}

export const STATUS_COLORS = { ahead: 'green', on_track: 'blue', behind: 'red' } as const;
