import type { TFunction } from 'i18next';
import { OFFER_KINDS, OFFER_RULES } from '../../api/types-supervision';
import { codeLabel } from '../../i18n/codes';

const TIERS = ['high_value', 'potential', 'ordinary', 'churn_warning'];

export function tierOptions(t: TFunction) {
  return TIERS.map((tier) => ({ value: tier, label: codeLabel(t, 'tier', tier) }));
}

export function ruleOptions(t: TFunction) {
  return OFFER_RULES.map((rule) => ({ value: rule, label: t(`catalogue.rules.${rule}`) }));
}

export function kindOptions(t: TFunction) {
  return OFFER_KINDS.map((kind) => ({ value: kind, label: t(`catalogue.kinds.${kind}`) }));
}
