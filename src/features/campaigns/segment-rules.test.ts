import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEGMENT_FIELD_NAMES, SEGMENT_FIELDS, type Segment, segmentSchema } from './segment-rules';
import { compileSegment, SqlParameters } from './segment-sql';

const TODAY = '2026-04-15';

function issuesOf(input: unknown): { path: string; message: string }[] {
  const result = segmentSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('segmentSchema', () => {
  it('names every whitelisted field once', () => {
    expect([...SEGMENT_FIELD_NAMES].sort()).toEqual(Object.keys(SEGMENT_FIELDS).sort());
  });

  it('accepts a segment over scores and profile', () => {
    const segment = {
      rules: [
        { field: 'probability', op: 'gte', value: 0.4 },
        { field: 'tier', op: 'in', value: ['high_value', 'churn_warning'] },
        { field: 'signals', op: 'contains_any', value: ['CONTRACT_EXPIRING'] },
        { field: 'tenureMonths', op: 'gte', value: 12 },
        { field: 'marketingConsent', op: 'eq', value: true },
        { field: 'city', op: 'eq', value: '南京' },
      ],
    };
    expect(issuesOf(segment)).toEqual([]);
  });

  it('names the rule and part that is wrong: value, op, field', () => {
    const issues = issuesOf({
      rules: [
        { field: 'tier', op: 'eq', value: 'high_value' },
        { field: 'riskBand', op: 'in', value: ['high', 'scarlet'] },
        { field: 'probability', op: 'gte', value: 1.5 },
        { field: 'probability', op: 'eq', value: 0.5 },
        { field: 'msisdn', op: 'eq', value: '13800000000' },
      ],
    });
    const paths = issues.map((i) => i.path);
    expect(paths).toContain('rules.1.value.1');
    expect(paths).toContain('rules.2.value');
    expect(paths).toContain('rules.3.op');
    expect(paths).toContain('rules.4.field');
    expect(paths).not.toContain('rules.0.value');
    expect(issues.find((i) => i.path === 'rules.3.op')?.message).toMatch(/probability takes gte, lte/);
  });

  it('refuses a value of the wrong type for the field', () => {
    expect(issuesOf({ rules: [{ field: 'inTargetPool', op: 'eq', value: 'yes' }] })[0]?.path).toBe(
      'rules.0.value',
    );
    expect(issuesOf({ rules: [{ field: 'tenureMonths', op: 'gte', value: 2.5 }] })[0]?.path).toBe(
      'rules.0.value',
    );
    expect(issuesOf({ rules: [{ field: 'segments', op: 'contains_any', value: [] }] })[0]?.path).toBe(
      'rules.0.value',
    );
    expect(issuesOf({ rules: [{ field: 'city', op: 'eq' }] })[0]?.path).toBe('rules.0.value');
  });
});

function compile(segment: Segment) {
  const params = new SqlParameters();
  const compiled = compileSegment(segment, TODAY, params);
  return { ...compiled, params: params.values };
}

describe('compileSegment', () => {
  it('is `true` for no rules and reads no profile', () => {
    expect(compile({ rules: [] })).toEqual({ where: 'true', needsProfile: false, params: [] });
  });

  it('writes whitelisted columns and numbered, typed parameters', () => {
    const compiled = compile({
      rules: [
        { field: 'probability', op: 'gte', value: 0.4 },
        { field: 'tier', op: 'in', value: ['high_value', 'potential'] },
        { field: 'signals', op: 'contains_any', value: ['USAGE_DROP'] },
        { field: 'hasKeyMoment', op: 'eq', value: true },
      ],
    });
    expect(compiled.where).toBe(
      '(sc.probability >= $1::real) and (sc.tier = any($2::text[])) and ' +
        '(sc.signal_codes && $3::text[]) and ((json_array_length(sc.key_moments) > 0) = $4::boolean)',
    );
    expect(compiled.params).toEqual([0.4, ['high_value', 'potential'], ['USAGE_DROP'], true]);
    expect(compiled.needsProfile).toBe(false);
  });

  it('turns tenure and contract end into bounds on dates from today, and joins the profile', () => {
    const compiled = compile({
      rules: [
        { field: 'tenureMonths', op: 'eq', value: 24 },
        { field: 'contractEndsWithinDays', op: 'lte', value: 60 },
        { field: 'planCode', op: 'in', value: ['GT128'] },
      ],
    });
    expect(compiled.where).toBe(
      '(s.join_date <= $1::date - make_interval(months => $2::int) and ' +
        's.join_date > $3::date - make_interval(months => $4::int + 1)) and ' +
        '(s.contract_end between $5::date and $5::date + $6::int) and ' +
        '(s.plan_id in (select id from plans where code = any($7::text[])))',
    );
    expect(compiled.params).toEqual([TODAY, 24, TODAY, 24, TODAY, 60, ['GT128']]);
    expect(compiled.needsProfile).toBe(true);
  });

  it('never puts a value into the SQL text: the text depends on fields and operators only', () => {
    const segmentWith = (text: string) =>
      segmentSchema.parse({
        rules: [
          { field: 'city', op: 'eq', value: text },
          { field: 'planCode', op: 'in', value: [text, `${text}'; drop table subscribers; --`] },
        ],
      });
    const reference = compile(segmentWith('x'));
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (text) => {
        fc.pre(text.trim().length > 0);
        const compiled = compile(segmentWith(text));
        expect(compiled.where).toBe(reference.where);
        expect(compiled.params).toContain(text.trim());
      }),
    );
  });
});
