import { describe, expect, it } from 'vitest';
import {
  type ContactPermissions,
  checkContact,
  type PastContact,
  type ProposedContact,
} from './contact-policy';
import { contactPolicySettingsSchema, DEFAULT_CONTACT_POLICY } from './contact-policy-settings';

const OPEN: ContactPermissions = {
  marketingConsent: true,
  consentGivenAt: null,
  doNotCall: false,
  profilingOptOut: false,
};
// 2026-11-23 10:00 in Shanghai (UTC+8).
const MORNING = new Date('2026-11-23T02:00:00Z');
const call = (overrides: Partial<ProposedContact> = {}): ProposedContact => ({
  at: MORNING,
  channel: 'call',
  purpose: 'marketing',
  carriesOffer: true,
  basedOnProfiling: true,
  ...overrides,
});
const past = (daysAgo: number, overrides: Partial<PastContact> = {}): PastContact => ({
  at: new Date(MORNING.getTime() - daysAgo * 86_400_000),
  channel: 'call',
  purpose: 'marketing',
  reached: true,
  refusedMarketing: false,
  ...overrides,
});
const refusals = (contact: ProposedContact, permissions = OPEN, history: PastContact[] = []) => {
  const verdict = checkContact(contact, permissions, history, DEFAULT_CONTACT_POLICY);
  return verdict.allowed ? [] : verdict.refusals;
};

describe('checkContact (DOMAIN.md §12 defaults)', () => {
  it('allows a consented marketing call at 10:00 Shanghai with no recent contact', () => {
    expect(refusals(call())).toEqual([]);
  });

  it('lets do-not-call win over everything for calls, but not for care SMS', () => {
    expect(refusals(call({ purpose: 'care', carriesOffer: false }), { ...OPEN, doNotCall: true })).toEqual([
      'do_not_call',
    ]);
    const sms = call({ channel: 'sms', purpose: 'care', carriesOffer: false });
    expect(refusals(sms, { ...OPEN, doNotCall: true })).toEqual([]);
  });

  it('needs consent for marketing, not for care', () => {
    const noConsent = { ...OPEN, marketingConsent: false };
    expect(refusals(call(), noConsent)).toEqual(['no_marketing_consent']);
    expect(refusals(call({ purpose: 'care', carriesOffer: false }), noConsent)).toEqual([]);
  });

  it('stops marketing at a refusal until consent is given again after it', () => {
    const refused = [past(40, { refusedMarketing: true })];
    expect(refusals(call(), OPEN, refused)).toEqual(['refused_marketing']);
    const renewed = { ...OPEN, consentGivenAt: new Date(MORNING.getTime() - 10 * 86_400_000) };
    expect(refusals(call(), renewed, refused)).toEqual([]);
  });

  it('honours the PIPL Art. 24 opt-out for profiling-based marketing only', () => {
    const optedOut = { ...OPEN, profilingOptOut: true };
    expect(refusals(call(), optedOut)).toEqual(['profiling_opt_out']);
    expect(refusals(call({ basedOnProfiling: false }), optedOut)).toEqual([]);
  });

  it('keeps care apart from marketing: a care contact carries no offer', () => {
    expect(refusals(call({ purpose: 'care', carriesOffer: true }))).toEqual(['care_carries_offer']);
  });

  it('calls only 08:00–21:00 Shanghai time, the end exclusive', () => {
    expect(refusals(call({ at: new Date('2026-11-23T00:00:00Z') }))).toEqual([]); // 08:00
    expect(refusals(call({ at: new Date('2026-11-22T23:59:00Z') }))).toEqual(['outside_call_window']); // 07:59
    expect(refusals(call({ at: new Date('2026-11-23T13:00:00Z') }))).toEqual(['outside_call_window']); // 21:00
    const lateSms = call({
      channel: 'sms',
      purpose: 'care',
      carriesOffer: false,
      at: new Date('2026-11-23T14:00:00Z'),
    });
    expect(refusals(lateSms)).toEqual(['outside_sms_window']);
  });

  it('caps marketing at 1, care at 2 and everything at 3 per 30 days, and attempts at 5 per 24 h', () => {
    expect(refusals(call(), OPEN, [past(29)])).toEqual(['marketing_cap']);
    expect(refusals(call(), OPEN, [past(31)])).toEqual([]);
    // An unreached attempt does not use the marketing allowance.
    expect(refusals(call(), OPEN, [past(1, { reached: false })])).toEqual([]);
    const care = call({ purpose: 'care', carriesOffer: false });
    const twoCare = [past(3, { purpose: 'care' }), past(5, { purpose: 'care' })];
    expect(refusals(care, OPEN, twoCare)).toEqual(['care_cap']);
    const mixed = [
      past(3, { purpose: 'care' }),
      past(5, { purpose: 'care', channel: 'sms' }),
      past(40),
      past(20),
    ];
    expect(refusals(care, OPEN, mixed.slice(0, 1).concat(past(20)))).toEqual([]);
    expect(refusals(call({ basedOnProfiling: false }), OPEN, mixed)).toEqual(['marketing_cap', 'total_cap']);
    const attempts = Array.from({ length: 5 }, (_, i) => past(i / 10, { reached: false }));
    expect(refusals(care, OPEN, attempts)).toEqual(['attempts_per_24h']);
  });

  it('counts a planned contact later in the window as well as an earlier one', () => {
    const later = past(-10); // planned ten days ahead
    expect(refusals(call(), OPEN, [later])).toEqual(['marketing_cap']);
  });
});

describe('contact policy settings', () => {
  it('defaults to DOMAIN.md §12 and names the field of a bad window or cap', () => {
    expect(DEFAULT_CONTACT_POLICY).toMatchObject({
      timeZone: 'Asia/Shanghai',
      callWindow: { from: '08:00', until: '21:00' },
      caps: { windowDays: 30, marketing: 1, attemptsPer24h: 5 },
    });
    const bad = contactPolicySettingsSchema.safeParse({
      callWindow: { from: '21:00', until: '08:00' },
      caps: { marketing: -1 },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['callWindow.until', 'caps.marketing']));
  });
});
