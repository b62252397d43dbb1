import type { SlaReportRow } from '../../../api/types-service';
import { formatPercent } from '../../../format/format';
import { localised } from '../localised';

/** The row's name in the console's language (a group's own name is the same in both). */
export function slaRowLabel(row: SlaReportRow, language: string): string {
  return localised(row.name, language) || row.key;
}

/** "[96.1%, 99.2%]", or a dash when there is no verdict yet. */
export function intervalText(interval: SlaReportRow['interval']): string {
  if (!interval) return '—';
  return `[${formatPercent(interval.low)}, ${formatPercent(interval.high)}]`;
}

/** Green when the target is met, red when missed, grey with no verdict. */
export function targetColor(targetMet: boolean | null): string {
  if (targetMet === null) return '#8c8c8c';
  return targetMet ? '#389e0d' : '#cf1322';
}
