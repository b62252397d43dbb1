import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_SETTINGS as S } from '#src/features/scoring/settings/scoring-settings';
import { buildFeatures } from './build-features';
import { isInTargetPool } from './target-pool';

describe('target pool', () => {
  it('takes subscribers averaging 120 yuan a month over 3 months, not 119.99', () => {
    expect(isInTargetPool(buildFeatures({ arpu3Fen: 11_999 }), S)).toBe(false);
    expect(isInTargetPool(buildFeatures({ arpu3Fen: 12_000 }), S)).toBe(true);
    expect(isInTargetPool(buildFeatures({ arpu3Fen: 12_001 }), S)).toBe(true);
  });

  it('leaves out group customers, unless the operator includes them', () => {
    const group = buildFeatures({ arpu3Fen: 50_000, isGroupCustomer: true });
    expect(isInTargetPool(group, S)).toBe(false);
    const settings = structuredClone(S);
    settings.targetPool.excludeGroupCustomers = false;
    expect(isInTargetPool(group, settings)).toBe(true);
  });

  it('leaves out subscribers without a bill', () => {
    expect(isInTargetPool(buildFeatures({ arpu3Fen: null }), S)).toBe(false);
  });
});
