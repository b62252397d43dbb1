import type { TFunction } from 'i18next';
import type { SegmentRule } from '../../api/types-supervision';
import { formatPercent, formatYuan } from '../../format/format';
import { codeLabel } from '../../i18n/codes';
import { fieldSpec } from './segmentFields';

function valueText(t: TFunction, rule: SegmentRule): string {
  const spec = fieldSpec(rule.field);
  const one = (value: unknown): string => {
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (typeof value === 'number') {
      if (spec?.kind.type === 'number' && spec.kind.unit === 'yuan') return formatYuan(value);
      if (spec?.kind.type === 'number' && spec.kind.unit === 'share') return formatPercent(value);
      return value.toLocaleString();
    }
    if (typeof value === 'string') {
      const kind = spec?.kind;
      return kind && (kind.type === 'choice' || kind.type === 'codes')
        ? codeLabel(t, kind.group, value)
        : value;
    }
    return JSON.stringify(value);
  };
  return Array.isArray(rule.value)
    ? rule.value.map(one).join(t('campaigns.rule.listSeparator'))
    : one(rule.value);
}

/** A stored rule as a sentence fragment: "风险等级 属于 高风险、极高风险". */
export function segmentRuleText(t: TFunction, rule: SegmentRule): string {
  const field = t(`campaigns.fields.${rule.field}`, { defaultValue: rule.field });
  const op = t(`campaigns.ops.${rule.op}`, { defaultValue: rule.op });
  return `${field} ${op} ${valueText(t, rule)}`;
}
