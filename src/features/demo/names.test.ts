import { describe, expect, it } from 'vitest';
import { MSISDN_PATTERN } from '#src/lib/msisdn';
import { buildWindow } from './demo-window';
import { CHINA_MOBILE_PREFIXES, idCheckDigit, subscriberNumberSuffix } from './names';
import { drawProfile } from './profile';

const window = buildWindow({ subscribers: 3000, months: 6, seed: 11, asOfMonth: '2026-03' });
const profiles = Array.from({ length: 3000 }, (_, i) => drawProfile(window, i));

describe('resident ID numbers', () => {
  it('computes the check digit of the example in GB 11643 when given its first 17 digits', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(idCheckDigit('44052418800101001')).toBe('4');
  });

  it('draws IDs whose birth date, gender digit and check digit agree with the subscriber', () => {
    for (const p of profiles) {
      expect(p.idNumber).toMatch(/^\d{17}[\dX]$/);
      expect(p.idNumber.slice(6, 14)).toBe(p.birthDate.replaceAll('-', ''));
      expect(Number(p.idNumber[16]) % 2 === 1 ? 'M' : 'F').toBe(p.gender);
      expect(p.idNumber[17]).toBe(idCheckDigit(p.idNumber.slice(0, 17)));
    }
  });

  it('issues most IDs in Jiangsu and some in migrants home provinces when drawing residents', () => {
    const jiangsu = profiles.filter((p) => p.idNumber.startsWith('32')).length / profiles.length;
    expect(jiangsu).toBeGreaterThan(0.8);
    expect(jiangsu).toBeLessThan(0.95);
  });
});

describe('mobile numbers', () => {
  it('gives every index a distinct eight-digit suffix when numbering 200,000 subscribers', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i += 1) seen.add(subscriberNumberSuffix(i, 5));
    expect(seen.size).toBe(200_000);
  });

  it('uses only China Mobile segments and valid MSISDNs when drawing subscribers', () => {
    for (const p of profiles) {
      expect(p.msisdn).toMatch(MSISDN_PATTERN);
      expect(CHINA_MOBILE_PREFIXES).toContain(p.msisdn.slice(0, 3));
    }
    expect(new Set(profiles.map((p) => p.msisdn)).size).toBe(profiles.length);
  });

  it('never gives a segment that opened after the subscriber joined when the subscriber is old', () => {
    const since2017 = profiles.filter((p) => p.msisdn.startsWith('198'));
    expect(since2017.length).toBeGreaterThan(0);
    for (const p of since2017)
      expect(new Date(p.joinDay * 86_400_000).getUTCFullYear()).toBeGreaterThanOrEqual(2017);
  });
});

describe('names', () => {
  it('makes 王, 李 and 张 the commonest surnames when drawing thousands of names', () => {
    const counts = new Map<string, number>();
    for (const p of profiles) counts.set(p.name.charAt(0), (counts.get(p.name.charAt(0)) ?? 0) + 1);
    const top = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([surname]) => surname);
    expect(top).toEqual(expect.arrayContaining(['王', '李', '张']));
    for (const p of profiles) expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
  });
});
