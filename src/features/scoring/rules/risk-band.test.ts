import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_SETTINGS as S } from '#src/features/scoring/settings/scoring-settings';
import { RISK_BANDS, riskBand } from './risk-band';

describe('risk band', () => {
  it('starts each band at its threshold', () => {
    expect(riskBand(0, S)).toBe('low');
    expect(riskBand(0.0999, S)).toBe('low');
    expect(riskBand(0.1, S)).toBe('medium');
    expect(riskBand(0.2999, S)).toBe('medium');
    expect(riskBand(0.3, S)).toBe('high');
    expect(riskBand(0.5999, S)).toBe('high');
    expect(riskBand(0.6, S)).toBe('very_high');
    expect(riskBand(1, S)).toBe('very_high');
  });

  it('reads a probability that is not a number as low', () => {
    expect(riskBand(Number.NaN, S)).toBe('low');
  });

  it('never falls as the probability rises', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(RISK_BANDS.indexOf(riskBand(lo, S))).toBeLessThanOrEqual(
            RISK_BANDS.indexOf(riskBand(hi, S)),
          );
        },
      ),
    );
  });
});
