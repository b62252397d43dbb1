import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_SETTINGS as S } from '#src/features/scoring/settings/scoring-settings';
import type { FiredSignal } from './churn-signals';
import { priorRisk } from './prior-risk';

const drop: FiredSignal = { code: 'USAGE_DROP', params: {} };
const hotline: FiredSignal = { code: 'COMPETITOR_HOTLINE', params: {} };

describe('prior risk', () => {
  it('is the logistic of the base log-odds with no signal', () => {
    expect(priorRisk([], S).probability).toBeCloseTo(1 / (1 + Math.exp(3)), 10);
    expect(priorRisk([], S).contributions).toEqual([]);
  });

  it('adds each fired signal weight to the log-odds', () => {
    // -3 + 1.5 + 1.6 = 0.1
    expect(priorRisk([drop, hotline], S).probability).toBeCloseTo(1 / (1 + Math.exp(-0.1)), 10);
  });

  it('gives the contributions largest first, named like the model columns', () => {
    expect(priorRisk([drop, hotline], S).contributions).toEqual([
      { feature: 'signal_COMPETITOR_HOTLINE', contribution: 1.6, value: 1 },
      { feature: 'signal_USAGE_DROP', contribution: 1.5, value: 1 },
    ]);
  });

  it('counts a signal once even if listed twice', () => {
    expect(priorRisk([drop, drop], S).probability).toBe(priorRisk([drop], S).probability);
  });

  it('rises with every signal fired', () => {
    const none = priorRisk([], S).probability;
    const one = priorRisk([drop], S).probability;
    const two = priorRisk([drop, hotline], S).probability;
    expect(none).toBeLessThan(one);
    expect(one).toBeLessThan(two);
  });
});
