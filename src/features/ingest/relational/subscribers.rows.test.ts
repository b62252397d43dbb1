import { describe, expect, it } from 'vitest';
import { RejectedRow } from './field-reader';
import {
  parseSubscriberRow,
  SUBSCRIBER_COLUMNS,
  type SubscriberRow,
  subscriberRules,
} from './subscribers.rows';
import { headerOf, SUBSCRIBERS_HEADER, subscriberLine, TEST_TODAY } from './test-files';

const header = headerOf(SUBSCRIBERS_HEADER, SUBSCRIBER_COLUMNS);
const rules = subscriberRules(
  { today: TEST_TODAY, nowMs: Date.UTC(2026, 10, 20, 15, 59, 59), timeZone: 'Asia/Shanghai' },
  new Map([['P128', 7]]),
);

function parse(fields: Record<string, string>): SubscriberRow | RejectedRow {
  return parseSubscriberRow(subscriberLine('13800000001', fields).split(','), header, 9, rules);
}

/** [column, reason] of each error, or the row when it was accepted. */
function problems(fields: Record<string, string>): [string | null, string][] {
  const result = parse(fields);
  if (!(result instanceof RejectedRow)) throw new Error('expected the row to be refused');
  return result.errors.map((e) => [e.column, e.reason]);
}

describe('parseSubscriberRow', () => {
  it('turns a good row into typed values with the plan id', () => {
    expect(parse({ gender: '女', brand: '神州行', scene_tags: ' student ; family ', district: '' })).toEqual({
      msisdn: '13800000001',
      name: '王芳',
      gender: 'F',
      birthDate: '1985-06-15',
      idNumber: '32010219850615001X',
      province: '江苏省',
      city: '南京市',
      district: null,
      joinDate: '2015-03-01',
      brand: 'easyown',
      planId: 7,
      status: 'active',
      statusSince: '2015-03-01',
      isGroupCustomer: false,
      vipLevel: 'gold',
      contractEnd: '2027-03-01',
      handsetModel: 'Huawei Mate 60',
      marketingConsent: true,
      doNotCall: false,
      profilingOptOut: false,
      sceneTags: ['student', 'family'],
    });
  });

  it('reports every bad cell of a row with its line, in column order', () => {
    const result = parse({ msisdn: '2380000000', name: '', gender: 'X', vip_level: 'gold+' });
    expect(result).toEqual(
      new RejectedRow([
        {
          line: 9,
          column: 'msisdn',
          value: '2380000000',
          reason: 'is not an 11-digit mobile number starting 13–19',
        },
        { line: 9, column: 'name', value: '', reason: 'is required' },
        { line: 9, column: 'gender', value: 'X', reason: 'is not one of M, F, 男, 女' },
        {
          line: 9,
          column: 'vip_level',
          value: 'gold+',
          reason: 'is not one of none, silver, gold, platinum, diamond',
        },
      ]),
    );
  });

  it('keeps birth_date between 1900-01-01 and today', () => {
    expect(problems({ birth_date: '1899-12-31' })).toEqual([['birth_date', 'is before 1900-01-01']]);
    expect(problems({ birth_date: '2026-11-21' })).toEqual([['birth_date', 'is after today (2026-11-20)']]);
  });

  it('keeps join_date between 1987-01-01 and today', () => {
    expect(problems({ join_date: '1986-12-31', status_since: '1990-01-01' })).toEqual([
      ['join_date', 'is before 1987-01-01'],
    ]);
    expect(problems({ join_date: '2026-12-01', status_since: '2026-11-20' })).toEqual([
      ['join_date', 'is after today (2026-11-20)'],
    ]);
  });

  it('keeps status_since between join_date and today', () => {
    expect(problems({ status_since: '2015-02-28' })).toEqual([
      ['status_since', 'is before join_date (2015-03-01)'],
    ]);
    expect(problems({ status_since: '2026-11-21' })).toEqual([
      ['status_since', 'is after today (2026-11-20)'],
    ]);
  });

  it('refuses an impossible date, a long name, a bad ID number and an unknown scene tag', () => {
    expect(
      problems({
        contract_end: '2027-02-29',
        name: '王'.repeat(51),
        id_number: '3201021985061500',
        scene_tags: 'family;gamer',
      }),
    ).toEqual([
      ['name', 'is longer than 50 characters'],
      ['id_number', 'is not an 18-character resident ID (17 digits, then a digit or X)'],
      ['contract_end', 'is not a real calendar date'],
      ['scene_tags', "has unknown scene tag 'gamer'; the tags are family, business_traveller, student"],
    ]);
  });

  it('truncates a long refused value to 80 characters in the error', () => {
    const result = parse({ id_number: '1'.repeat(100) });
    expect(result).toMatchObject({ errors: [{ column: 'id_number', value: `${'1'.repeat(77)}...` }] });
  });

  it('refuses a plan_code that is not in the plans table and a yes/no it cannot read', () => {
    expect(problems({ plan_code: 'P999', do_not_call: 'maybe' })).toEqual([
      ['plan_code', 'is not a plan that has been imported; import the plans file first'],
      ['do_not_call', 'is not a yes/no value (true/false, 1/0, yes/no, 是/否)'],
    ]);
  });
});
