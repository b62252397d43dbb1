import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactPermissions, PastContact } from '#src/features/contact-policy/contact-policy';
import { DEFAULT_CONTACT_POLICY } from '#src/features/contact-policy/contact-policy-settings';
import { nextWindowOpening } from './quiet-hours';
import { decideSms } from './sms-contact-decision';

const OPEN: ContactPermissions = {
  marketingConsent: true,
  consentGivenAt: null,
  doNotCall: false,
  profilingOptOut: false,
};
const care = { purpose: 'care' as const, carriesOffer: false, basedOnProfiling: false };
const marketing = { purpose: 'marketing' as const, carriesOffer: true, basedOnProfiling: false };
// 2026-01-15 in Shanghai (UTC+8): 10:00 local is 02:00Z, 22:30 local is 14:30Z, 06:00 local is 22:00Z the day before.
const at = (iso: string) => new Date(iso);

describe('nextWindowOpening', () => {
  const window = { from: '08:00', until: '21:00' };
  it('is the moment itself inside the window', () => {
    expect(nextWindowOpening(at('2026-01-15T02:00:00Z'), window, 'Asia/Shanghai')).toEqual(
      at('2026-01-15T02:00:00Z'),
    );
  });

  it("is today's 08:00 before the window and tomorrow's after it", () => {
    expect(nextWindowOpening(at('2026-01-14T22:00:00Z'), window, 'Asia/Shanghai')).toEqual(
      at('2026-01-15T00:00:00Z'),
    );
    expect(nextWindowOpening(at('2026-01-15T14:30:00Z'), window, 'Asia/Shanghai')).toEqual(
      at('2026-01-16T00:00:00Z'),
    );
    // Month and year ends roll over.
    expect(nextWindowOpening(at('2026-12-31T15:00:00Z'), window, 'Asia/Shanghai')).toEqual(
      at('2027-01-01T00:00:00Z'),
    );
  });

  it('is never earlier than the moment, inside the window, and at most a day away', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 366 * 24 * 60 }), (minutes) => {
        const moment = new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);
        const opening = nextWindowOpening(moment, window, 'Asia/Shanghai');
        expect(opening.getTime()).toBeGreaterThanOrEqual(moment.getTime());
        expect(opening.getTime() - moment.getTime()).toBeLessThanOrEqual(86_400_000);
        const clock = new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Asia/Shanghai',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(opening);
        expect(clock >= '08:00' && clock < '21:00').toBe(true);
      }),
    );
  });
});

describe('decideSms', () => {
  const policy = DEFAULT_CONTACT_POLICY;

  it('sends an allowed message now', () => {
    const now = at('2026-01-15T02:00:00Z');
    expect(decideSms(care, OPEN, [], policy, now)).toEqual({ kind: 'send', at: now });
  });

  it('holds a care message in quiet hours until the window opens', () => {
    expect(decideSms(care, OPEN, [], policy, at('2026-01-15T14:30:00Z'))).toEqual({
      kind: 'send',
      at: at('2026-01-16T00:00:00Z'),
    });
  });

  it('refuses marketing in quiet hours rather than deferring it', () => {
    expect(decideSms(marketing, OPEN, [], policy, at('2026-01-15T14:30:00Z'))).toEqual({
      kind: 'refused',
      refusals: ['outside_sms_window'],
    });
  });

  it('refuses marketing without consent with every reason, quiet hours included', () => {
    const decision = decideSms(
      marketing,
      { ...OPEN, marketingConsent: false },
      [],
      policy,
      at('2026-01-15T14:30:00Z'),
    );
    expect(decision).toEqual({ kind: 'refused', refusals: ['no_marketing_consent', 'outside_sms_window'] });
  });

  it('refuses a care message once the care cap is used', () => {
    const past: PastContact[] = [1, 2].map((days) => ({
      at: new Date(at('2026-01-15T02:00:00Z').getTime() - days * 86_400_000),
      channel: 'sms',
      purpose: 'care',
      reached: true,
      refusedMarketing: false,
    }));
    expect(decideSms(care, OPEN, past, policy, at('2026-01-15T02:00:00Z'))).toEqual({
      kind: 'refused',
      refusals: ['care_cap'],
    });
  });
});
