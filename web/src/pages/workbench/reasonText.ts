import type { TFunction } from 'i18next';
import { formatDateTime, formatPercent, formatYuan } from '../../format/format';
import { codeLabel } from '../../i18n/codes';

/** A "why" line as the API sends it: a code and its numbers, rendered here in the reader's language. */
export type CodedReason = { code: string; params?: Record<string, unknown> | null; text?: string | null };

type Options = {
  offerName?: (code: string) => string | undefined;
  planName?: (code: string) => string | undefined;
};

/** One parameter as the reader should see it: money in yuan, shares as percentages, codes translated. */
function formatParam(t: TFunction, key: string, value: unknown, options: Options): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') {
    if (key.endsWith('Fen')) return formatYuan(value);
    if (key === 'probability' || key === 'pSave' || key === 'boost') return formatPercent(value);
    return String(Math.round(value * 1000) / 1000);
  }
  const text = String(value);
  switch (key) {
    case 'riskBand':
      return codeLabel(t, 'riskBand', text);
    case 'tier':
      return codeLabel(t, 'tier', text);
    case 'vipKind':
      return codeLabel(t, 'vipKind', text);
    case 'signal':
      return codeLabel(t, 'signal', text);
    case 'moment':
      return codeLabel(t, 'keyMoment', text);
    case 'action':
    case 'kind':
      return t(`workbench.kind.${text}`, { defaultValue: text });
    case 'offerCode':
      return options.offerName?.(text) ?? text;
    case 'currentPlan':
    case 'targetPlan':
      return options.planName?.(text) ?? text;
    case 'at':
    case 'callbackAt':
    case 'previousAt':
      return formatDateTime(text);
    default:
      return text;
  }
}

/**
 * The reader's sentence for a reason. A server-rendered text wins; otherwise the code's template is
 * filled with formatted parameters, and an unknown code shows as itself with its parameters.
 */
export function reasonText(t: TFunction, reason: CodedReason, options: Options = {}): string {
  if (reason.text) return reason.text;
  const params = reason.params ?? {};
  const formatted = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, formatParam(t, key, value, options)]),
  );
  const fallback =
    Object.keys(formatted).length === 0
      ? reason.code
      : `${reason.code}: ${Object.entries(formatted)
          .map(([key, value]) => `${key} ${value}`)
          .join(', ')}`;
  return t(`workbench.reasons.${reason.code}`, { ...formatted, defaultValue: fallback });
}
