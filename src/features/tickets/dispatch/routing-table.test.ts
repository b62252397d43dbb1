import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING_TABLE, parseRoutingTable, RoutingTableError } from './routing-table';

function problemsOf(input: unknown): readonly string[] {
  try {
    parseRoutingTable(input);
  } catch (error) {
    if (error instanceof RoutingTableError) return error.problems;
    throw error;
  }
  return [];
}

describe('routing table validation', () => {
  it('accepts the default table', () => {
    expect(DEFAULT_ROUTING_TABLE.defaultGroup).toBe('综合客服组');
    expect(DEFAULT_ROUTING_TABLE.rules.length).toBeGreaterThan(0);
  });

  it('rejects a table without a default group', () => {
    expect(problemsOf({ rules: [{ category: 'handset', group: '终端专员' }] })).toEqual([
      expect.stringMatching(/^defaultGroup: /),
    ]);
    expect(problemsOf({ defaultGroup: '  ', rules: [] })).toEqual([expect.stringMatching(/^defaultGroup: /)]);
  });

  it('names the path of an unknown category', () => {
    const problems = problemsOf({
      defaultGroup: '综合客服组',
      rules: [
        { category: 'handset', group: '终端专员' },
        { category: 'network_signal.bad_weather', group: '网格工程师' },
      ],
    });
    expect(problems).toEqual(['rules.1.category: unknown ticket category: network_signal.bad_weather']);
  });

  it('rejects a rule that repeats the category, city and district of an earlier one', () => {
    const problems = problemsOf({
      defaultGroup: '综合客服组',
      rules: [
        { category: 'handset', city: '西安', group: '终端专员' },
        { category: 'handset', city: '西安', district: '雁塔区', group: '终端专员（雁塔）' },
        { category: 'handset', city: '西安', group: '终端专员（西安）' },
      ],
    });
    expect(problems).toEqual(['rules.2: duplicates rules.0 (same category, city and district)']);
  });

  it('rejects a district without its city, unknown placeholders and a templated default', () => {
    const problems = problemsOf({
      defaultGroup: '综合客服组（{city}）',
      rules: [
        { category: 'network_signal', district: '雁塔区', group: '网格工程师' },
        { category: 'handset', group: '终端专员（{street}）' },
      ],
    });
    expect(problems).toEqual([
      expect.stringMatching(/^defaultGroup: the default group cannot use placeholders/),
      'rules.0.city: a district rule needs its city',
      expect.stringMatching(/^rules\.1\.group: unknown placeholder \{street\}/),
    ]);
  });

  it('rejects fields it does not know, so a typo cannot silently widen a rule', () => {
    const problems = problemsOf({
      defaultGroup: '综合客服组',
      rules: [{ category: 'handset', cty: '西安', group: '终端专员' }],
    });
    expect(problems).toEqual([expect.stringMatching(/^rules\.0: .*cty/)]);
  });
});
