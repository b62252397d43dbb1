import { describe, expect, it } from 'vitest';
import { buildFeatures, buildPopulation } from './build-features';
import { contributionClass } from './contribution-class';

describe('contribution class', () => {
  const population = buildPopulation({ generalValueArpuFen: 16_800, highValueArpuFen: 29_800 });
  const at = (arpu3Fen: number | null) => contributionClass(buildFeatures({ arpu3Fen }), population);

  it('is high at or above P95', () => {
    expect(at(29_799)).toBe('general');
    expect(at(29_800)).toBe('high');
    expect(at(29_801)).toBe('high');
  });

  it('is general from P80 to below P95, ordinary below P80', () => {
    expect(at(16_799)).toBe('ordinary');
    expect(at(16_800)).toBe('general');
  });

  it('is ordinary without a bill', () => {
    expect(at(null)).toBe('ordinary');
  });
});
