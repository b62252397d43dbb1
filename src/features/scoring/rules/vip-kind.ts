import type { PopulationStats, SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import type { ContributionClass } from './contribution-class';

export const VIP_KINDS = ['high_value', 'high_influence', 'both', 'none'] as const;
export type VipKind = (typeof VIP_KINDS)[number];

/**
 * DOMAIN.md §2: 高价值 (monetary), 重点 (influence) or 双料 (both). There is no key-person flag in
 * the data, so the VIP levels the operator names stand in for it.
 */
export function isHighInfluence(
  features: SubscriberFeatures,
  population: PopulationStats,
  settings: ScoringSettings,
): boolean {
  if (settings.vipKind.keyPersonVipLevels.some((level) => level === features.vipLevel)) return true;
  // With a sparse population the P90 can be 0; nobody is influential for having no contacts.
  return features.distinctContacts30 > 0 && features.distinctContacts30 >= population.influentialContacts30;
}

export function vipKind(
  features: SubscriberFeatures,
  population: PopulationStats,
  settings: ScoringSettings,
  contribution: ContributionClass,
): VipKind {
  const highValue = settings.vipKind.highValueClasses.includes(contribution);
  const highInfluence = isHighInfluence(features, population, settings);
  if (highValue && highInfluence) return 'both';
  if (highValue) return 'high_value';
  if (highInfluence) return 'high_influence';
  return 'none';
}
