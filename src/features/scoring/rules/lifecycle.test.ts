import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_SETTINGS as S } from '#src/features/scoring/settings/scoring-settings';
import { buildFeatures } from './build-features';
import type { FiredSignal } from './churn-signals';
import { lifecycleStage } from './lifecycle';

const at = (tenureMonths: number, signals: FiredSignal[] = []) =>
  lifecycleStage(buildFeatures({ tenureMonths }), signals, S);

describe('lifecycle stage', () => {
  it('is intro below 3 months and growth from 3', () => {
    expect(at(0)).toBe('intro');
    expect(at(2)).toBe('intro');
    expect(at(3)).toBe('growth');
  });

  it('is growth below 12 months and mature from 12 through 36', () => {
    expect(at(11)).toBe('growth');
    expect(at(12)).toBe('mature');
    expect(at(36)).toBe('mature');
  });

  it('is decline beyond 36 months', () => {
    expect(at(37)).toBe('decline');
  });

  it('is decline at any tenure when a churn-intent signal fired', () => {
    expect(at(1, [{ code: 'COMPETITOR_HOTLINE', params: {} }])).toBe('decline');
    expect(at(20, [{ code: 'USAGE_DROP', params: {} }])).toBe('decline');
  });

  it('is not decline for a signal that shows no intent to leave', () => {
    expect(at(20, [{ code: 'DATA_OVERAGE', params: {} }])).toBe('mature');
  });

  it('is churned by status, whatever else', () => {
    const f = buildFeatures({ status: 'churned', tenureMonths: 1 });
    expect(lifecycleStage(f, [{ code: 'USAGE_DROP', params: {} }], S)).toBe('churned');
  });
});
