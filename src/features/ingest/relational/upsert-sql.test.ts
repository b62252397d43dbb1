import { describe, expect, it } from 'vitest';
import { upsertComplaintsSql } from './complaints.import';
import { COMPLAINT_COLUMNS } from './complaints.rows';
import { upsertContractsSql } from './contracts.import';
import { CONTRACT_COLUMNS } from './contracts.rows';
import { upsertPlansSql } from './plans.import';
import { PLAN_COLUMNS } from './plans.rows';
import { csvText, StagingCsv, updateChangedClause } from './staging';
import { upsertSubscribersSql } from './subscribers.import';
import { SUBSCRIBER_COLUMNS } from './subscribers.rows';

const all = (columns: readonly { name: string }[]) => new Set(columns.map((c) => c.name));
const requiredOnly = (columns: readonly { name: string; required: boolean }[]) =>
  new Set(columns.filter((c) => c.required).map((c) => c.name));

// Reviewed as SQL: a change to a hot statement shows up as a snapshot diff.
describe('upsert SQL', () => {
  it('upserts subscribers and opens the history of new ones in one statement', () => {
    expect(upsertSubscribersSql(all(SUBSCRIBER_COLUMNS))).toMatchSnapshot();
  });

  it('updates only the subscriber columns the file has, so absent ones keep their values', () => {
    const sql = upsertSubscribersSql(requiredOnly(SUBSCRIBER_COLUMNS));
    expect(sql).toContain('plan_id = excluded.plan_id');
    expect(sql).not.toContain('profiling_opt_out = excluded.profiling_opt_out');
    expect(sql).not.toContain('vip_level = excluded.vip_level');
  });

  it('upserts plans, contracts and complaints on their keys', () => {
    expect(upsertPlansSql(all(PLAN_COLUMNS))).toMatchSnapshot();
    expect(upsertContractsSql(all(CONTRACT_COLUMNS))).toMatchSnapshot();
    expect(upsertComplaintsSql(all(COMPLAINT_COLUMNS))).toMatchSnapshot();
  });

  it('skips rows whose values did not change and does nothing when no column may change', () => {
    expect(updateChangedClause('t', ['a', 'b'])).toBe(
      'UPDATE SET a = excluded.a, b = excluded.b, updated_at = now() WHERE (t.a, t.b) IS DISTINCT FROM (excluded.a, excluded.b)',
    );
    expect(updateChangedClause('t', [])).toBe('NOTHING');
  });
});

describe('csvText', () => {
  it('quotes only what CSV needs and keeps an empty string distinct from NULL', () => {
    expect(csvText('南京市')).toBe('南京市');
    expect(csvText('')).toBe('""');
    expect(csvText('a,"b"\nc')).toBe('"a,""b""\nc"');
  });
});

describe('StagingCsv', () => {
  it('writes rows COPY reads back as they were: NULL empty, empty text quoted, line breaks kept', () => {
    const out = new StagingCsv();
    out.plain(2);
    out.nullableText(null);
    out.text('');
    out.boolean(true);
    out.text('a,"b"\r\nc');
    out.endRow();
    out.plain(3);
    out.plain(null);
    out.endRow();
    expect(out.take()).toBe('2,,"",t,"a,""b""\r\nc"\n3,\n');
    expect(out.size).toBe(0);
    expect(out.take()).toBe('');
  });
});
