import { describe, expect, it } from 'vitest';
import { VIP_LEVELS } from '#src/db/schema/enums';
import {
  DEFAULT_SLA_MATRIX,
  parseSlaMatrix,
  SlaMatrixError,
  slaTermsFor,
  TICKET_CATEGORIES,
} from './sla-matrix';

function problemsOf(input: unknown): readonly string[] {
  try {
    parseSlaMatrix(input);
  } catch (error) {
    if (error instanceof SlaMatrixError) return error.problems;
    throw error;
  }
  return [];
}

describe('SLA matrix', () => {
  it('defaults to 24 h round the clock for a broadband fault and 30 business minutes for a plan change', () => {
    expect(slaTermsFor(DEFAULT_SLA_MATRIX, 'none', 'broadband_fault')).toMatchObject({
      limitMinutes: 1440,
      clock: 'calendar',
    });
    expect(slaTermsFor(DEFAULT_SLA_MATRIX, 'none', 'plan_change')).toEqual({
      limitMinutes: 30,
      clock: 'business',
      warningRatio: 0.8,
      groupLeadAfterBreachMinutes: 0,
      managerAfterBreachMinutes: 240,
    });
  });

  it('gives every higher VIP level a limit no longer than the level below, and diamond a shorter one', () => {
    for (const category of TICKET_CATEGORIES) {
      const limits = VIP_LEVELS.map((level) => slaTermsFor(DEFAULT_SLA_MATRIX, level, category).limitMinutes);
      expect(limits, category).toEqual([...limits].sort((a, b) => b - a));
      expect(limits.at(-1), category).toBeLessThan(limits[0] ?? 0);
    }
  });

  it('keeps the defaults it is not told to change', () => {
    const matrix = parseSlaMatrix({ categories: { billing_dispute: { limitMinutes: { diamond: 120 } } } });
    expect(matrix.categories.billing_dispute.limitMinutes.diamond).toBe(120);
    expect(matrix.categories.billing_dispute.limitMinutes.none).toBe(1080);
    expect(matrix.categories.broadband_fault).toEqual(DEFAULT_SLA_MATRIX.categories.broadband_fault);
  });

  it('names the path of every problem at once', () => {
    const problems = problemsOf({
      warningRatio: 1.5,
      categories: { plan_change: { clock: 'lunar', limitMinutes: { gold: -5 } } },
    });
    expect(problems.some((p) => p.startsWith('warningRatio:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('categories.plan_change.clock:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('categories.plan_change.limitMinutes.gold:'))).toBe(true);
  });

  it('rejects an unknown category or level', () => {
    expect(problemsOf({ categories: { roaming: {} } }).join()).toMatch(/roaming/);
    expect(problemsOf({ categories: { other: { limitMinutes: { bronze: 10 } } } }).join()).toMatch(/bronze/);
  });

  it('rejects a VIP level that would wait longer than the level below', () => {
    expect(problemsOf({ categories: { handset: { limitMinutes: { diamond: 600 } } } })).toEqual([
      'categories.handset.limitMinutes.diamond: diamond must not be longer than platinum (540 min)',
    ]);
  });

  it('rejects a manager escalation that does not come after the group lead', () => {
    const problems = problemsOf({
      escalation: { groupLeadAfterBreachMinutes: 60, managerAfterBreachMinutes: 60 },
    });
    expect(problems[0]).toMatch(/^escalation\.managerAfterBreachMinutes:/);
  });
});
