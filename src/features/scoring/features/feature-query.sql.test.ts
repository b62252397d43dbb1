import { describe, expect, it } from 'vitest';
import { featureQuerySql, populationStatsSql } from './feature-query.sql';
import { relationalFactsSql } from './relational-facts';

describe('feature SQL', () => {
  it('reads bills of the 6 months to the as-of month and usage of the 30 days to asOf', () => {
    const sql = featureQuerySql('2026-10-31');
    expect(sql).toContain("b0.month = DATE '2026-05-01'");
    expect(sql).toContain("b5.month = DATE '2026-10-01'");
    expect(sql).not.toContain('b6.');
    expect(sql).toContain("GREATEST(join_date, DATE '2026-10-02')");
    expect(sql).toMatchSnapshot();
  });

  it('keeps the population aggregate and the relational export reviewable', () => {
    expect(
      populationStatsSql('subscriber_features', { generalValue: 0.8, highValue: 0.95, influence: 0.9 }),
    ).toMatchSnapshot();
    expect(relationalFactsSql('2026-10-31', 'Asia/Shanghai')).toMatchSnapshot();
    expect(relationalFactsSql('2026-10-31', 'Asia/Shanghai', { from: 1, to: 250_001 })).toContain(
      'WHERE s.join_date <= DATE',
    );
  });

  it('refuses values that would be inlined unchecked', () => {
    expect(() => featureQuerySql("2026-10-31'; DROP TABLE x; --")).toThrow('as-of must be a date');
    expect(() => relationalFactsSql('2026-02-30', 'Asia/Shanghai')).toThrow('as-of must be a date');
    expect(() => relationalFactsSql('2026-10-31', "UTC'; DROP TABLE x; --")).toThrow('not a time zone');
  });
});
