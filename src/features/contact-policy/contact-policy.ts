import type { ContactPolicySettings } from './contact-policy-settings';

export type ContactChannel = 'call' | 'sms';
/** Marketing sells (retention offers, upsell); care looks after (key moments, revisits) and sells nothing. */
export type ContactPurpose = 'marketing' | 'care';

/** What the subscriber has said about being contacted (subscribers table, DOMAIN.md §12). */
export type ContactPermissions = {
  marketingConsent: boolean;
  /** When consent was last given; a refusal after it stops marketing. */
  consentGivenAt: Date | null;
  doNotCall: boolean;
  /** PIPL Art. 24: no marketing based on automated profiling. */
  profilingOptOut: boolean;
};

/**
 * A contact that happened, or one already planned: pass planned ones with `reached: true`, so the
 * caps count them.
 */
export type PastContact = {
  at: Date;
  channel: ContactChannel;
  purpose: ContactPurpose;
  reached: boolean;
  /** The subscriber refused marketing on this contact. */
  refusedMarketing: boolean;
};

export type ProposedContact = {
  at: Date;
  channel: ContactChannel;
  purpose: ContactPurpose;
  /** Whether the contact presents an offer; a care contact must not. */
  carriesOffer: boolean;
  /** Whether the subscriber was chosen by automated profiling (scores, segments). */
  basedOnProfiling: boolean;
};

export const CONTACT_REFUSALS = [
  'do_not_call',
  'no_marketing_consent',
  'refused_marketing',
  'profiling_opt_out',
  'care_carries_offer',
  'outside_call_window',
  'outside_sms_window',
  'marketing_cap',
  'care_cap',
  'total_cap',
  'attempts_per_24h',
] as const;
export type ContactRefusal = (typeof CONTACT_REFUSALS)[number];

export type ContactVerdict = { allowed: true } | { allowed: false; refusals: ContactRefusal[] };

const DAY_MS = 86_400_000;

/**
 * The one gate every outbound contact passes — planner, queue, call panel and SMS outbox alike.
 * Pure: the verdict depends only on its arguments. Every reason that applies is listed.
 */
export function checkContact(
  contact: ProposedContact,
  permissions: ContactPermissions,
  history: readonly PastContact[],
  policy: ContactPolicySettings,
): ContactVerdict {
  const refusals: ContactRefusal[] = [];
  const marketing = contact.purpose === 'marketing';
  if (contact.channel === 'call' && permissions.doNotCall) refusals.push('do_not_call');
  if (marketing && !permissions.marketingConsent) refusals.push('no_marketing_consent');
  if (marketing && refusedSinceConsent(history, permissions.consentGivenAt))
    refusals.push('refused_marketing');
  if (marketing && contact.basedOnProfiling && permissions.profilingOptOut)
    refusals.push('profiling_opt_out');
  if (!marketing && contact.carriesOffer) refusals.push('care_carries_offer');

  const window = contact.channel === 'call' ? policy.callWindow : policy.smsWindow;
  if (!insideLocalWindow(contact.at, window, policy.timeZone)) {
    refusals.push(contact.channel === 'call' ? 'outside_call_window' : 'outside_sms_window');
  }

  // Caps hold for every rolling window, whichever order a plan is built in: a contact is counted
  // against everything within one window length before or after it (conservative, never over).
  const caps = policy.caps;
  const near = (h: PastContact, spanMs: number) => Math.abs(h.at.getTime() - contact.at.getTime()) < spanMs;
  const counted = history.filter((h) => h.reached && near(h, caps.windowDays * DAY_MS));
  if (marketing && counted.filter((h) => h.purpose === 'marketing').length >= caps.marketing) {
    refusals.push('marketing_cap');
  }
  if (!marketing && counted.filter((h) => h.purpose === 'care').length >= caps.care)
    refusals.push('care_cap');
  if (counted.length >= caps.total) refusals.push('total_cap');
  if (contact.channel === 'call') {
    const attempts = history.filter((h) => h.channel === 'call' && near(h, DAY_MS)).length;
    if (attempts >= caps.attemptsPer24h) refusals.push('attempts_per_24h');
  }
  return refusals.length === 0 ? { allowed: true } : { allowed: false, refusals };
}

/**
 * Admits proposed contacts in the order given (highest priority first), each checked against the
 * history plus the contacts admitted before it, so a plan can never exceed a cap by its own weight.
 */
export function admitContacts<T extends ProposedContact>(
  proposals: readonly T[],
  permissions: ContactPermissions,
  history: readonly PastContact[],
  policy: ContactPolicySettings,
): { admitted: T[]; refused: { contact: T; refusals: ContactRefusal[] }[] } {
  const known: PastContact[] = [...history];
  const admitted: T[] = [];
  const refused: { contact: T; refusals: ContactRefusal[] }[] = [];
  for (const contact of proposals) {
    const verdict = checkContact(contact, permissions, known, policy);
    if (verdict.allowed) {
      admitted.push(contact);
      known.push({ ...contact, reached: true, refusedMarketing: false });
    } else {
      refused.push({ contact, refusals: verdict.refusals });
    }
  }
  return { admitted, refused };
}

function refusedSinceConsent(history: readonly PastContact[], consentGivenAt: Date | null): boolean {
  const consent = consentGivenAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return history.some((h) => h.refusedMarketing && h.at.getTime() >= consent);
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** "HH:MM" of an instant in the zone (Intl does the zone arithmetic, summer time included). */
export function localClock(at: Date, timeZone: string): string {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clockFormats.set(timeZone, format);
  }
  return format.format(at);
}

function insideLocalWindow(at: Date, window: { from: string; until: string }, timeZone: string): boolean {
  const clock = localClock(at, timeZone);
  return clock >= window.from && clock < window.until;
}
