import type { PopulationStats, SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';

export const CONTRIBUTION_CLASSES = ['high', 'general', 'ordinary'] as const;
export type ContributionClass = (typeof CONTRIBUTION_CLASSES)[number];

/**
 * DOMAIN.md §2: ARPU at or above the high percentile (P95 by default), between the general and the
 * high percentile (P80–P95), or below. The population pass computes the cuts at the percentiles the
 * settings name (settings.contribution), carried as highValueArpuFen / generalValueArpuFen.
 */
export function contributionClass(
  features: SubscriberFeatures,
  population: PopulationStats,
): ContributionClass {
  const arpu = features.arpu3Fen;
  if (arpu === null) return 'ordinary';
  if (arpu >= population.highValueArpuFen) return 'high';
  if (arpu >= population.generalValueArpuFen) return 'general';
  return 'ordinary';
}
