import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_SETTINGS as S } from '#src/features/scoring/settings/scoring-settings';
import { buildFeatures, buildPopulation } from './build-features';
import { isHighInfluence, vipKind } from './vip-kind';

describe('VIP kind', () => {
  const population = buildPopulation({ influentialContacts30: 180 });

  it('counts the top decile of distinct contacts as high influence', () => {
    expect(isHighInfluence(buildFeatures({ distinctContacts30: 179 }), population, S)).toBe(false);
    expect(isHighInfluence(buildFeatures({ distinctContacts30: 180 }), population, S)).toBe(true);
    expect(isHighInfluence(buildFeatures({ distinctContacts30: 181 }), population, S)).toBe(true);
  });

  it('does not call a subscriber with no contacts influential when P90 is 0', () => {
    const sparse = buildPopulation({ influentialContacts30: 0 });
    expect(isHighInfluence(buildFeatures({ distinctContacts30: 0 }), sparse, S)).toBe(false);
  });

  it('counts the configured VIP levels as key persons', () => {
    expect(
      isHighInfluence(buildFeatures({ vipLevel: 'diamond', distinctContacts30: 3 }), population, S),
    ).toBe(true);
    expect(
      isHighInfluence(buildFeatures({ vipLevel: 'platinum', distinctContacts30: 3 }), population, S),
    ).toBe(false);
    const settings = structuredClone(S);
    settings.vipKind.keyPersonVipLevels = [];
    expect(
      isHighInfluence(buildFeatures({ vipLevel: 'diamond', distinctContacts30: 3 }), population, settings),
    ).toBe(false);
  });

  it('names high value, high influence, both and none', () => {
    const quiet = buildFeatures();
    const social = buildFeatures({ distinctContacts30: 400 });
    expect(vipKind(quiet, population, S, 'high')).toBe('high_value');
    expect(vipKind(social, population, S, 'general')).toBe('high_influence');
    expect(vipKind(social, population, S, 'high')).toBe('both');
    expect(vipKind(quiet, population, S, 'general')).toBe('none');
  });

  it('follows the high value classes setting', () => {
    const settings = structuredClone(S);
    settings.vipKind.highValueClasses = ['high', 'general'];
    expect(vipKind(buildFeatures(), population, settings, 'general')).toBe('high_value');
  });
});
