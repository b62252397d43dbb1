import { describe, expect, it } from 'vitest';
import { COMPLAINT_COLUMNS, parseComplaintRow } from './complaints.rows';
import { CONTRACT_COLUMNS, parseContractRow } from './contracts.rows';
import { PLAN_COLUMNS, parsePlanRow } from './plans.rows';
import { headerOf, PLANS_HEADER, planLine } from './test-files';

describe('parsePlanRow', () => {
  const header = headerOf(PLANS_HEADER, PLAN_COLUMNS);

  it('converts money to fen and reads the brand alias', () => {
    expect(
      parsePlanRow(planLine('P1', { brand: '动感地带', monthly_fee_yuan: '58.5' }).split(','), header, 2),
    ).toMatchObject({
      code: 'P1',
      brand: 'mzone',
      monthlyFeeFen: 5850,
      overageVoiceFenPerMinute: 19,
      isActive: true,
    });
  });

  it('refuses a negative count and a missing name', () => {
    const result = parsePlanRow(planLine('P1', { name: '', included_minutes: '-3' }).split(','), header, 4);
    expect(result).toMatchObject({
      errors: [
        { line: 4, column: 'name', reason: 'is required' },
        { line: 4, column: 'included_minutes', value: '-3', reason: 'is not a whole number of 0 or more' },
      ],
    });
  });
});

describe('parseContractRow', () => {
  const header = headerOf('contract_no,msisdn,kind,start_date,end_date', CONTRACT_COLUMNS);

  it('defaults the commitment to 0 and the status to active when the columns are absent', () => {
    expect(
      parseContractRow(['HT-1', '13800000001', 'handset', '2024-01-01', '2024-01-01'], header, 2),
    ).toEqual({
      contractNo: 'HT-1',
      msisdn: '13800000001',
      kind: 'handset',
      startDate: '2024-01-01',
      endDate: '2024-01-01',
      monthlyCommitmentFen: 0,
      status: 'active',
    });
  });

  it('refuses an end_date before the start_date', () => {
    expect(
      parseContractRow(['HT-1', '13800000001', 'handset', '2024-02-01', '2024-01-31'], header, 3),
    ).toMatchObject({
      errors: [
        { line: 3, column: 'end_date', value: '2024-01-31', reason: 'is before start_date (2024-02-01)' },
      ],
    });
  });
});

describe('parseComplaintRow', () => {
  const header = headerOf('complaint_no,msisdn,opened_at,category,status,resolved_at', COMPLAINT_COLUMNS);
  const rules = {
    today: '2026-11-20',
    nowMs: Date.parse('2026-11-20T15:59:59.999Z'),
    timeZone: 'Asia/Shanghai',
  };

  it('accepts a complaint opened late on the pinned today in the business time zone', () => {
    expect(
      parseComplaintRow(['TS-1', '13800000001', '2026-11-20 23:30', 'handset', 'open', ''], header, 2, rules),
    ).toMatchObject({ openedAt: Date.parse('2026-11-20T15:30:00Z'), resolvedAt: null });
  });

  it('refuses a resolution in the future and an opening after today', () => {
    expect(
      parseComplaintRow(
        ['TS-1', '13800000001', '2026-11-21 00:00', 'handset', 'open', '2026-11-22 00:00'],
        header,
        5,
        rules,
      ),
    ).toMatchObject({
      errors: [
        { column: 'opened_at', reason: 'is in the future' },
        { column: 'resolved_at', reason: 'is in the future' },
      ],
    });
  });
});
