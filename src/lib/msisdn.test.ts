import { describe, expect, it } from 'vitest';
import { isMsisdn, maskIdNumber, maskMsisdn } from './msisdn';

describe('msisdn', () => {
  it('accepts 11-digit mobile numbers starting 13–19 and rejects others', () => {
    expect(isMsisdn('13812341234')).toBe(true);
    expect(isMsisdn('19912341234')).toBe(true);
    expect(isMsisdn('12812341234')).toBe(false);
    expect(isMsisdn('1381234123')).toBe(false);
    expect(isMsisdn('1381234123x')).toBe(false);
  });

  it('masks the middle four digits', () => {
    expect(maskMsisdn('13812341234')).toBe('138****1234');
  });

  it('masks an ID number except region prefix and last four', () => {
    expect(maskIdNumber('11010519900307123X')).toBe('110***********123X');
  });
});
