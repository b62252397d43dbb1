import type { SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';

export const SENSITIVITY_SEGMENTS = ['price', 'service', 'brand', 'security'] as const;
export type SensitivitySegment = (typeof SENSITIVITY_SEGMENTS)[number];

export function isPriceSensitive(features: SubscriberFeatures, settings: ScoringSettings): boolean {
  // Plan downgrades would count too, but the features carry no plan history yet.
  return features.consultations180 >= settings.sensitivity.price.minConsultations180;
}

export function isServiceSensitive(features: SubscriberFeatures, settings: ScoringSettings): boolean {
  return features.serviceContacts90 >= settings.sensitivity.service.minServiceContacts90;
}

// Scoring runs over every subscriber with one settings document: compile its patterns once.
const compiled = new WeakMap<readonly string[], RegExp[]>();

function handsetPatterns(patterns: readonly string[]): RegExp[] {
  const cached = compiled.get(patterns);
  if (cached) return cached;
  const made = patterns.map((pattern) => new RegExp(pattern, 'i'));
  compiled.set(patterns, made);
  return made;
}

export function isBrandSensitive(features: SubscriberFeatures, settings: ScoringSettings): boolean {
  const rule = settings.sensitivity.brand;
  const handset = features.handsetModel;
  if (handset === null || !rule.brands.includes(features.brand)) return false;
  return handsetPatterns(rule.highEndHandsetPatterns).some((pattern) => pattern.test(handset));
}

/**
 * DOMAIN.md §5 sensitivity segments, in SENSITIVITY_SEGMENTS order. Security sensitivity (subscribed
 * to security/privacy services) has no data field yet, so it never appears.
 */
export function sensitivitySegments(
  features: SubscriberFeatures,
  settings: ScoringSettings,
): SensitivitySegment[] {
  const segments: SensitivitySegment[] = [];
  if (isPriceSensitive(features, settings)) segments.push('price');
  if (isServiceSensitive(features, settings)) segments.push('service');
  if (isBrandSensitive(features, settings)) segments.push('brand');
  return segments;
}
