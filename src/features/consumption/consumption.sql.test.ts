import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { peerAggregateSql, segmentAggregateSql } from './consumption.repository';

const dialect = new PgDialect();

// The two hot statements, reviewed as SQL: a change to them shows up as a snapshot diff.
describe('consumption SQL', () => {
  it('computes peer quartiles with percentile_cont over one tier × city of the run', () => {
    const query = dialect.sqlToQuery(peerAggregateSql(7, 'high_value', '南京'));
    expect(query.params).toEqual([7, 'high_value', '南京']);
    expect(query.sql).toMatchSnapshot();
  });

  it('aggregates segments by tier × city with a grand total, the filter and scope as conditions', () => {
    const query = dialect.sqlToQuery(
      segmentAggregateSql(7, { tier: 'high_value', lifecycleStage: 'mature' }, sql`scope_here`),
    );
    expect(query.params).toEqual([7, 'high_value', 'mature']);
    expect(query.sql).toContain('grouping sets ((s.tier, s.city), ())');
    expect(query.sql).toContain('scope_here');
    expect(query.sql).toMatchSnapshot();
  });
});
