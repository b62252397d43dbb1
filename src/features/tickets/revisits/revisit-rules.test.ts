import { describe, expect, it } from 'vitest';
import { reopensTicket, revisitChannelFor, revisitDueAt } from './revisit-rules';
import { DEFAULT_REVISIT_SETTINGS, revisitSettingsSchema } from './revisit-settings';

describe('revisit rules', () => {
  it('calls VIPs and texts others by default, and asks nobody else when others are set to none', () => {
    expect(revisitChannelFor(DEFAULT_REVISIT_SETTINGS, 'gold')).toBe('call');
    expect(revisitChannelFor(DEFAULT_REVISIT_SETTINGS, 'none')).toBe('sms');
    const none = { ...DEFAULT_REVISIT_SETTINGS, othersChannel: 'none' as const, vipChannel: 'sms' as const };
    expect(revisitChannelFor(none, 'none')).toBeNull();
    expect(revisitChannelFor(none, 'diamond')).toBe('sms');
  });

  it('reopens at or below the threshold only', () => {
    expect(reopensTicket(1, DEFAULT_REVISIT_SETTINGS)).toBe(true);
    expect(reopensTicket(2, DEFAULT_REVISIT_SETTINGS)).toBe(true);
    expect(reopensTicket(3, DEFAULT_REVISIT_SETTINGS)).toBe(false);
    expect(reopensTicket(1, { ...DEFAULT_REVISIT_SETTINGS, reopenAtOrBelow: 0 })).toBe(false);
  });

  it('waits the configured minutes after closing', () => {
    const closed = new Date('2026-05-06T02:00:00Z');
    expect(revisitDueAt({ ...DEFAULT_REVISIT_SETTINGS, delayMinutes: 90 }, closed).toISOString()).toBe(
      '2026-05-06T03:30:00.000Z',
    );
  });

  it('fills defaults and names the field of a bad value', () => {
    expect(revisitSettingsSchema.parse({})).toEqual({
      vipChannel: 'call',
      othersChannel: 'sms',
      reopenAtOrBelow: 2,
      delayMinutes: 0,
    });
    const bad = revisitSettingsSchema.safeParse({ othersChannel: 'fax', reopenAtOrBelow: 9 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['othersChannel', 'reopenAtOrBelow']);
  });
});
