import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';

export const RISK_BANDS = ['low', 'medium', 'high', 'very_high'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

/** Each band starts at its threshold (inclusive). A probability that is not a number reads as no risk. */
export function riskBand(probability: number, settings: ScoringSettings): RiskBand {
  const bands = settings.riskBands;
  if (!Number.isFinite(probability)) return 'low';
  if (probability >= bands.veryHighFrom) return 'very_high';
  if (probability >= bands.highFrom) return 'high';
  if (probability >= bands.mediumFrom) return 'medium';
  return 'low';
}
