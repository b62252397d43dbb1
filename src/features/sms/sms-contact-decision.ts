import {
  type ContactPermissions,
  type ContactPurpose,
  type ContactRefusal,
  checkContact,
  type PastContact,
} from '#src/features/contact-policy/contact-policy';
import type { ContactPolicySettings } from '#src/features/contact-policy/contact-policy-settings';
import { nextWindowOpening } from './quiet-hours';

export type SmsContact = {
  purpose: ContactPurpose;
  /** The message presents an offer (a marketing template). */
  carriesOffer: boolean;
  /** The subscriber was picked by profiling (a campaign segment), not by a person. */
  basedOnProfiling: boolean;
};

const DAY_MS = 86_400_000;

/** The history a decision at `at` needs: a cap window either side, and a day's slack for deferral. */
export function historySpan(at: Date, policy: ContactPolicySettings): { from: Date; until: Date } {
  const span = (policy.caps.windowDays + 1) * DAY_MS;
  return { from: new Date(at.getTime() - span), until: new Date(at.getTime() + span) };
}

export type SmsDecision = { kind: 'send'; at: Date } | { kind: 'refused'; refusals: ContactRefusal[] };

/**
 * When, if ever, an SMS may go: now when the contact policy allows it; a care message caught only by
 * the quiet hours waits for the window to open (checked again at that time, caps included); every
 * other refusal stops it. Marketing is never deferred: it is refused, so nobody is sold to at a
 * time they did not expect.
 */
export function decideSms(
  contact: SmsContact,
  permissions: ContactPermissions,
  history: readonly PastContact[],
  policy: ContactPolicySettings,
  now: Date,
): SmsDecision {
  const proposed = (at: Date) => ({ ...contact, at, channel: 'sms' as const });
  const verdict = checkContact(proposed(now), permissions, history, policy);
  if (verdict.allowed) return { kind: 'send', at: now };
  const onlyQuietHours = verdict.refusals.length === 1 && verdict.refusals[0] === 'outside_sms_window';
  if (!onlyQuietHours || contact.purpose !== 'care') return { kind: 'refused', refusals: verdict.refusals };
  const opening = nextWindowOpening(now, policy.smsWindow, policy.timeZone);
  const later = checkContact(proposed(opening), permissions, history, policy);
  return later.allowed ? { kind: 'send', at: opening } : { kind: 'refused', refusals: later.refusals };
}
