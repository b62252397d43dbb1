import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_SETTINGS as S } from '#src/features/scoring/settings/scoring-settings';
import { buildFeatures } from './build-features';
import { sensitivitySegments } from './sensitivity';

describe('sensitivity segments', () => {
  it('finds none for the quiet default subscriber', () => {
    expect(sensitivitySegments(buildFeatures(), S)).toEqual([]);
  });

  it('is price-sensitive from 2 tariff enquiries in 180 days', () => {
    expect(sensitivitySegments(buildFeatures({ consultations180: 1 }), S)).toEqual([]);
    expect(sensitivitySegments(buildFeatures({ consultations180: 2 }), S)).toEqual(['price']);
  });

  it('is service-sensitive from 2 service contacts in 90 days', () => {
    expect(sensitivitySegments(buildFeatures({ serviceContacts90: 1 }), S)).toEqual([]);
    expect(sensitivitySegments(buildFeatures({ serviceContacts90: 2 }), S)).toEqual(['service']);
  });

  it('is brand-sensitive for 全球通 with a high-end handset', () => {
    for (const handsetModel of [
      'Apple iPhone 15 Pro',
      'HUAWEI Mate 60 Pro',
      'HUAWEI Pura 70',
      'OPPO Find X7',
    ]) {
      expect(sensitivitySegments(buildFeatures({ handsetModel }), S)).toEqual(['brand']);
    }
    expect(sensitivitySegments(buildFeatures({ handsetModel: 'Xiaomi 14 Ultra' }), S)).toEqual(['brand']);
    expect(sensitivitySegments(buildFeatures({ handsetModel: 'samsung galaxy s24' }), S)).toEqual(['brand']);
  });

  it('is not brand-sensitive for a mid-range handset, another brand or an unknown handset', () => {
    expect(sensitivitySegments(buildFeatures({ handsetModel: 'Redmi Note 13' }), S)).toEqual([]);
    expect(sensitivitySegments(buildFeatures({ handsetModel: 'HUAWEI nova 12' }), S)).toEqual([]);
    expect(
      sensitivitySegments(buildFeatures({ brand: 'mzone', handsetModel: 'Apple iPhone 15' }), S),
    ).toEqual([]);
    expect(sensitivitySegments(buildFeatures({ handsetModel: null }), S)).toEqual([]);
  });

  it('never finds security sensitivity (no data field yet)', () => {
    const f = buildFeatures({ consultations180: 9, serviceContacts90: 9, handsetModel: 'Apple iPhone 15' });
    expect(sensitivitySegments(f, S)).toEqual(['price', 'service', 'brand']);
  });
});
