import type { SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';

/**
 * DOMAIN.md §2: the mid/high-end pool ("任意三月消费120元", non-group VIPs). Group customers belong to
 * group account managers, so the phone managers leave them out. No bill, no evidence of spend: out.
 */
export function isInTargetPool(features: SubscriberFeatures, settings: ScoringSettings): boolean {
  const rule = settings.targetPool;
  if (rule.excludeGroupCustomers && features.isGroupCustomer) return false;
  return features.arpu3Fen !== null && features.arpu3Fen >= rule.minArpu3Fen;
}
