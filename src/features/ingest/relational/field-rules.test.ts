import { describe, expect, it } from 'vitest';
import {
  characterCount,
  choiceOf,
  Invalid,
  parseBoolean,
  parseCount,
  parseDateTime,
  parseIsoDate,
  parseMoneyFen,
} from './field-rules';

const reason = (value: unknown) => (value instanceof Invalid ? value.reason : value);

describe('parseIsoDate', () => {
  it('returns real calendar dates unchanged, leap days included', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(parseIsoDate('2000-02-29')).toBe('2000-02-29');
  });

  it('tells a wrong form from a date the calendar does not have', () => {
    expect(reason(parseIsoDate('2026/10/03'))).toBe('is not a date in YYYY-MM-DD form');
    expect(reason(parseIsoDate('2026-1-3'))).toBe('is not a date in YYYY-MM-DD form');
    expect(reason(parseIsoDate('2026-02-30'))).toBe('is not a real calendar date');
    expect(reason(parseIsoDate('1900-02-29'))).toBe('is not a real calendar date');
    expect(reason(parseIsoDate('2026-13-01'))).toBe('is not a real calendar date');
  });
});

describe('parseDateTime', () => {
  const utc = (ms: unknown) => (typeof ms === 'number' ? new Date(ms).toISOString() : reason(ms));

  it('honours an explicit offset or Z', () => {
    expect(utc(parseDateTime('2026-10-03T14:05:00+08:00', 'Asia/Shanghai'))).toBe('2026-10-03T06:05:00.000Z');
    expect(utc(parseDateTime('2026-10-03T14:05:00.250Z', 'Asia/Shanghai'))).toBe('2026-10-03T14:05:00.250Z');
    expect(utc(parseDateTime('2026-10-03T14:05-0530', 'Asia/Shanghai'))).toBe('2026-10-03T19:35:00.000Z');
  });

  it('reads a time without offset, or a bare date, in the business time zone', () => {
    expect(utc(parseDateTime('2026-10-03 14:05', 'Asia/Shanghai'))).toBe('2026-10-03T06:05:00.000Z');
    expect(utc(parseDateTime('2026-10-03', 'Asia/Shanghai'))).toBe('2026-10-02T16:00:00.000Z');
    expect(utc(parseDateTime('2026-07-01 12:00', 'America/New_York'))).toBe('2026-07-01T16:00:00.000Z');
  });

  it('refuses impossible dates and times', () => {
    expect(reason(parseDateTime('2026-02-30 10:00', 'Asia/Shanghai'))).toBe('is not a real calendar date');
    expect(reason(parseDateTime('2026-10-03 24:00', 'Asia/Shanghai'))).toMatch(/^is not a date-time/);
    expect(reason(parseDateTime('yesterday', 'Asia/Shanghai'))).toMatch(/^is not a date-time/);
  });
});

describe('parseMoneyFen', () => {
  it('converts yuan with up to two decimals to fen', () => {
    expect(parseMoneyFen('128')).toBe(12800);
    expect(parseMoneyFen('58.5')).toBe(5850);
    expect(parseMoneyFen('0.07')).toBe(7);
  });

  it('says why an amount is refused', () => {
    expect(reason(parseMoneyFen('-1'))).toBe('is negative; amounts must be 0 or more');
    expect(reason(parseMoneyFen('1.234'))).toBe(
      'has more than 2 decimals; amounts are yuan to the fen (e.g. 58.50)',
    );
    expect(reason(parseMoneyFen('¥12'))).toBe('is not an amount in yuan such as 128 or 58.50');
    expect(reason(parseMoneyFen('123456789'))).toBe('is too large for an amount');
  });
});

describe('parseCount', () => {
  it('accepts whole numbers of 0 or more that fit an integer column', () => {
    expect(parseCount('0')).toBe(0);
    expect(parseCount('30720')).toBe(30720);
    expect(reason(parseCount('-1'))).toBe('is not a whole number of 0 or more');
    expect(reason(parseCount('1.5'))).toBe('is not a whole number of 0 or more');
    expect(reason(parseCount('3000000000'))).toBe('is too large');
  });
});

describe('parseBoolean', () => {
  it('accepts the documented spellings in any case', () => {
    const spellings = ['true', 'FALSE', '1', '0', 'Yes', 'no', '是', '否'];
    expect(spellings.map(parseBoolean)).toEqual([true, false, true, false, true, false, true, false]);
    expect(reason(parseBoolean('y'))).toBe('is not a yes/no value (true/false, 1/0, yes/no, 是/否)');
  });
});

describe('choiceOf', () => {
  it('maps aliases to canonical values and lists them all when refusing', () => {
    const parse = choiceOf(['gotone', 'mzone'] as const, { 全球通: 'gotone' });
    expect(parse('GoTone')).toBe('gotone');
    expect(parse('全球通')).toBe('gotone');
    expect(reason(parse('unicom'))).toBe('is not one of gotone, mzone, 全球通');
  });
});

describe('characterCount', () => {
  it('counts code points, so a CJK name of 50 characters fits a 50-character limit', () => {
    expect(characterCount('王'.repeat(50))).toBe(50);
    expect(characterCount('😀a')).toBe(2);
  });
});
