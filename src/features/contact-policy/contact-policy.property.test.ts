import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  admitContacts,
  type ContactPermissions,
  checkContact,
  type PastContact,
  type ProposedContact,
} from './contact-policy';
import { type ContactPolicySettings, contactPolicySettingsSchema } from './contact-policy-settings';

// Property tests: whatever the subscriber's permissions, history, proposals and policy, no contact a
// plan admits breaks the policy. The checks below are written independently of the implementation
// (Shanghai is UTC+8 all year, so local minutes are plain arithmetic here).
const DAY = 86_400_000;
const BASE = Date.UTC(2026, 10, 23);
const SHANGHAI_OFFSET_MIN = 8 * 60;

const minuteOfDay = fc.integer({ min: 0, max: 24 * 60 - 1 });
const clock = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const windowArb = fc
  .tuple(minuteOfDay, minuteOfDay)
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ from: clock(Math.min(a, b)), until: clock(Math.max(a, b)) }));

const policyArb: fc.Arbitrary<ContactPolicySettings> = fc
  .record({
    callWindow: windowArb,
    smsWindow: windowArb,
    caps: fc.record({
      windowDays: fc.integer({ min: 1, max: 40 }),
      marketing: fc.integer({ min: 0, max: 3 }),
      care: fc.integer({ min: 0, max: 3 }),
      total: fc.integer({ min: 0, max: 5 }),
      attemptsPer24h: fc.integer({ min: 0, max: 6 }),
    }),
  })
  .map((p) => contactPolicySettingsSchema.parse({ ...p, timeZone: 'Asia/Shanghai' }));

const instantArb = (fromDays: number, toDays: number) =>
  fc.integer({ min: fromDays * 24 * 60, max: toDays * 24 * 60 }).map((m) => new Date(BASE + m * 60_000));

const permissionsArb: fc.Arbitrary<ContactPermissions> = fc.record({
  marketingConsent: fc.boolean(),
  consentGivenAt: fc.option(instantArb(-60, 0), { nil: null }),
  doNotCall: fc.boolean(),
  profilingOptOut: fc.boolean(),
});

const channelArb = fc.constantFrom('call' as const, 'sms' as const);
const purposeArb = fc.constantFrom('marketing' as const, 'care' as const);

const historyArb: fc.Arbitrary<PastContact[]> = fc.array(
  fc.record({
    at: instantArb(-60, 0),
    channel: channelArb,
    purpose: purposeArb,
    reached: fc.boolean(),
    refusedMarketing: fc.boolean(),
  }),
  { maxLength: 12 },
);

const proposalsArb: fc.Arbitrary<ProposedContact[]> = fc.array(
  fc.record({
    at: instantArb(0, 5),
    channel: channelArb,
    purpose: purposeArb,
    carriesOffer: fc.boolean(),
    basedOnProfiling: fc.boolean(),
  }),
  { maxLength: 20 },
);

function localMinutes(at: Date): number {
  const utcMinutes = Math.floor(at.getTime() / 60_000);
  return (((utcMinutes + SHANGHAI_OFFSET_MIN) % 1440) + 1440) % 1440;
}

function minutesOf(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Every way the admitted contacts could break the policy, described; empty when none. */
function violations(
  admitted: ProposedContact[],
  permissions: ContactPermissions,
  history: PastContact[],
  policy: ContactPolicySettings,
): string[] {
  const found: string[] = [];
  const consent = permissions.consentGivenAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const refusedSinceConsent = history.some((h) => h.refusedMarketing && h.at.getTime() >= consent);
  const timeline = [
    ...history.map((h) => ({ ...h, admitted: false })),
    ...admitted.map((a) => ({ ...a, reached: true, refusedMarketing: false, admitted: true })),
  ];
  for (const a of admitted) {
    if (a.channel === 'call' && permissions.doNotCall) found.push('called a do-not-call subscriber');
    if (a.purpose === 'marketing') {
      if (!permissions.marketingConsent) found.push('marketing without consent');
      if (refusedSinceConsent) found.push('marketing after a refusal');
      if (a.basedOnProfiling && permissions.profilingOptOut)
        found.push('profiling-based marketing after opt-out');
    } else if (a.carriesOffer) {
      found.push('an offer on a care contact');
    }
    const window = a.channel === 'call' ? policy.callWindow : policy.smsWindow;
    const local = localMinutes(a.at);
    if (local < minutesOf(window.from) || local >= minutesOf(window.until)) found.push('outside its window');
  }
  // Rolling windows: the busiest window of each length ends at some contact.
  const span = policy.caps.windowDays * DAY;
  for (const end of timeline) {
    const inSpan = (length: number) =>
      timeline.filter(
        (t) => t.at.getTime() > end.at.getTime() - length && t.at.getTime() <= end.at.getTime(),
      );
    const windowed = inSpan(span);
    if (!windowed.some((t) => t.admitted)) continue;
    const reached = windowed.filter((t) => t.reached);
    if (reached.filter((t) => t.purpose === 'marketing').length > policy.caps.marketing) {
      if (windowed.some((t) => t.admitted && t.purpose === 'marketing')) found.push('marketing cap exceeded');
    }
    if (reached.filter((t) => t.purpose === 'care').length > policy.caps.care) {
      if (windowed.some((t) => t.admitted && t.purpose === 'care')) found.push('care cap exceeded');
    }
    if (reached.length > policy.caps.total) found.push('total cap exceeded');
    const calls = inSpan(DAY).filter((t) => t.channel === 'call');
    if (calls.some((t) => t.admitted) && calls.length > policy.caps.attemptsPer24h) {
      found.push('too many attempts in 24 hours');
    }
  }
  return found;
}

describe('contact policy properties', () => {
  it('no plan it admits ever violates the policy, whatever the order of the proposals', () => {
    fc.assert(
      fc.property(
        permissionsArb,
        historyArb,
        proposalsArb,
        policyArb,
        (permissions, history, proposals, policy) => {
          const { admitted } = admitContacts(proposals, permissions, history, policy);
          expect(violations(admitted, permissions, history, policy)).toEqual([]);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('every refused proposal names at least one reason, and the verdict is deterministic', () => {
    fc.assert(
      fc.property(
        permissionsArb,
        historyArb,
        proposalsArb,
        policyArb,
        (permissions, history, proposals, policy) => {
          const { admitted, refused } = admitContacts(proposals, permissions, history, policy);
          expect(admitted.length + refused.length).toBe(proposals.length);
          for (const r of refused) expect(r.refusals.length).toBeGreaterThan(0);
          for (const p of proposals) {
            expect(checkContact(p, permissions, history, policy)).toEqual(
              checkContact(p, permissions, history, policy),
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('admits a lone care SMS inside its window when nothing else stands in the way', () => {
    fc.assert(
      fc.property(policyArb, (policy) => {
        const free = { ...policy, caps: { ...policy.caps, care: 1, total: 1 } };
        const from = minutesOf(free.smsWindow.from);
        const at = new Date(BASE + (from - SHANGHAI_OFFSET_MIN) * 60_000 + DAY);
        const verdict = checkContact(
          { at, channel: 'sms', purpose: 'care', carriesOffer: false, basedOnProfiling: false },
          { marketingConsent: false, consentGivenAt: null, doNotCall: true, profilingOptOut: true },
          [],
          free,
        );
        expect(verdict).toEqual({ allowed: true });
      }),
      { numRuns: 300 },
    );
  });
});
