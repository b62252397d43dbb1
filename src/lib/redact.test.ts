import { describe, expect, it } from 'vitest';
import { redactPersonalData } from './redact';

describe('redactPersonalData', () => {
  it('masks MSISDNs and ID numbers inside URLs and sentences', () => {
    expect(redactPersonalData('/api/subscribers?q=13812345678&page=2')).toBe(
      '/api/subscribers?q=138****5678&page=2',
    );
    expect(redactPersonalData('id 32010219850615001X here')).toBe('id 320***********001X here');
    expect(redactPersonalData('a:13900001111,b:15012345678')).toBe('a:139****1111,b:150****5678');
  });

  it('leaves other numbers alone: too short, too long, not a mobile prefix', () => {
    for (const text of ['1381234567', '138123456789', '12812345678', 'order 20261123000001']) {
      expect(redactPersonalData(text)).toBe(text);
    }
  });
});
