import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCORING_SETTINGS,
  parseScoringSettings,
  ScoringSettingsError,
  scoringSettingsSchema,
} from './scoring-settings';

function problemsOf(input: unknown): string[] {
  try {
    parseScoringSettings(input);
  } catch (error) {
    if (error instanceof ScoringSettingsError) return error.problems;
    throw error;
  }
  return [];
}

describe('scoring settings', () => {
  it('accepts the DOMAIN.md defaults', () => {
    expect(parseScoringSettings(DEFAULT_SCORING_SETTINGS)).toEqual(DEFAULT_SCORING_SETTINGS);
  });

  it('survives a JSON round trip, as stored documents do', () => {
    const stored = JSON.parse(JSON.stringify(DEFAULT_SCORING_SETTINGS));
    expect(parseScoringSettings(stored)).toEqual(DEFAULT_SCORING_SETTINGS);
  });

  it('holds the DOMAIN.md default thresholds', () => {
    const s = DEFAULT_SCORING_SETTINGS;
    expect(s.targetPool).toEqual({ minArpu3Fen: 12_000, excludeGroupCustomers: true });
    expect(s.contribution).toEqual({ highPercentile: 0.95, generalPercentile: 0.8 });
    expect(s.vipKind.influencePercentile).toBe(0.9);
    expect(s.vipKind.keyPersonVipLevels).toEqual(['diamond']);
    expect(s.signals.contractExpiring.withinDays).toBe(60);
    expect(s.signals.usageDrop.ratio).toBe(0.5);
    expect(s.signals.zeroCallDays).toMatchObject({ minDays30: 7, minStreak30: 5 });
    expect(s.signals.openComplaint).toMatchObject({ onOverdue: true, minComplaints90: 2 });
    expect(s.tiers.churnWarning.minChurnProbability).toBe(0.5);
    expect(s.lifecycle).toMatchObject({ introMonths: 3, growthMonths: 12, matureMonths: 36 });
    expect(s.model.horizonMonths).toBe(1);
  });

  it('lists every problem with its path when a document is invalid', () => {
    const doc = structuredClone(DEFAULT_SCORING_SETTINGS);
    doc.signals.usageDrop.ratio = 1.5;
    doc.targetPool.minArpu3Fen = -1;
    doc.riskBands.highFrom = 0.05;
    const problems = problemsOf(doc);
    expect(problems).toContain('signals.usageDrop.ratio: must be between 0 and 1');
    expect(problems).toContain('targetPool.minArpu3Fen: must not be negative');
    expect(problems).toContain(
      'riskBands.highFrom: bands must increase: mediumFrom < highFrom < veryHighFrom',
    );
    expect(problems).toHaveLength(3);
  });

  it('puts every problem in the error message', () => {
    const doc = structuredClone(DEFAULT_SCORING_SETTINGS);
    doc.signals.usageDrop.ratio = -0.1;
    doc.model.horizonMonths = 0;
    expect(() => parseScoringSettings(doc)).toThrow(/signals\.usageDrop\.ratio[\s\S]*model\.horizonMonths/);
  });

  it('rejects a missing section and an unknown key (a typo would otherwise be ignored)', () => {
    const { keyMoments: _dropped, ...withoutMoments } = structuredClone(DEFAULT_SCORING_SETTINGS);
    expect(problemsOf(withoutMoments).some((p) => p.startsWith('keyMoments'))).toBe(true);
    const typo = { ...structuredClone(DEFAULT_SCORING_SETTINGS), targetPol: {} };
    expect(problemsOf(typo).join('\n')).toMatch(/targetPol/);
  });

  it('rejects a handset pattern that is not a regular expression', () => {
    const doc = structuredClone(DEFAULT_SCORING_SETTINGS);
    doc.sensitivity.brand.highEndHandsetPatterns = ['iPhone', 'Mate('];
    expect(problemsOf(doc)).toEqual([
      'sensitivity.brand.highEndHandsetPatterns.1: is not a valid regular expression',
    ]);
  });

  it('rejects an unknown signal code among the decline signals', () => {
    const doc = JSON.parse(JSON.stringify(DEFAULT_SCORING_SETTINGS));
    doc.lifecycle.declineSignals = ['USAGE_DROP', 'PORTING_QUERY'];
    expect(problemsOf(doc)[0]).toMatch(/^lifecycle\.declineSignals\.1: /);
  });

  it('rejects contribution percentiles out of order and lifecycle months out of order', () => {
    const doc = structuredClone(DEFAULT_SCORING_SETTINGS);
    doc.contribution.generalPercentile = 0.95;
    doc.lifecycle.growthMonths = 2;
    const problems = problemsOf(doc);
    expect(problems).toContain(
      'contribution.generalPercentile: generalPercentile must be below highPercentile',
    );
    expect(problems.some((p) => p.startsWith('lifecycle.growthMonths:'))).toBe(true);
  });

  it('accepts the edges of a 0..1 setting and rejects just beyond them', () => {
    for (const ratio of [0, 1]) {
      const doc = structuredClone(DEFAULT_SCORING_SETTINGS);
      doc.signals.usageDrop.ratio = ratio;
      expect(scoringSettingsSchema.safeParse(doc).success).toBe(true);
    }
    const doc = structuredClone(DEFAULT_SCORING_SETTINGS);
    doc.signals.usageDrop.ratio = 1.0001;
    expect(problemsOf(doc)).toEqual(['signals.usageDrop.ratio: must be between 0 and 1']);
  });

  it('rejects something that is not a document at all', () => {
    expect(problemsOf(null)).toHaveLength(1);
    expect(problemsOf('settings')).toHaveLength(1);
  });
});
