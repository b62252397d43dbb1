import { type ContactPurpose, localClock } from '#src/features/contact-policy/contact-policy';
import type { ContactPolicySettings } from '#src/features/contact-policy/contact-policy-settings';
import { firstSlotOutside, nextRetry, type RetrySettings } from '#src/features/queue/retry-rules';

/** What happened on a call (DOMAIN.md §9); the contact_attempts.disposition values of a call. */
export const CALL_DISPOSITIONS = [
  'not_reached',
  'wrong_number',
  'call_back',
  'refused',
  'accepted',
  'complaint',
  'do_not_call',
] as const;
export type CallDisposition = (typeof CALL_DISPOSITIONS)[number];

/** Why a subscriber said no: the price / need / competitor objections and the common excuses. */
export const REFUSAL_REASONS = ['price', 'no_need', 'competitor', 'busy', 'distrust', 'other'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Whether the subscriber was spoken to; a wrong number reached someone else, which does not count. */
export function reachedBy(disposition: CallDisposition): boolean {
  switch (disposition) {
    case 'not_reached':
    case 'wrong_number':
      return false;
    case 'call_back':
    case 'refused':
    case 'accepted':
    case 'complaint':
    case 'do_not_call':
      return true;
  }
}

/**
 * Peak-end rule: a satisfaction survey follows a finished conversation. Not after "do not call"
 * (they asked to be left alone) nor after "call back" (the conversation is not over yet).
 */
export function surveyFollows(disposition: CallDisposition): boolean {
  return disposition === 'refused' || disposition === 'accepted' || disposition === 'complaint';
}

/** The facts of a task that decide what kind of call it is. */
export type CallSubject = {
  campaignKind: string | null;
  /** The decision action (retention_call, …) or null for ad-hoc tasks. */
  action: string | null;
  /** The task's kind: an action, or 'callback'. */
  kind: string;
  offerCode: string | null;
};

/** The action a call carries out: the task's own, else its kind, else its campaign's call action. */
export function callActionOf(subject: CallSubject): string | null {
  if (subject.action) return subject.action;
  if (subject.kind !== 'callback') return subject.kind;
  switch (subject.campaignKind) {
    case 'retention':
      return 'retention_call';
    case 'upsell':
      return 'upsell_call';
    case 'care':
    case 'questionnaire':
      return 'care_call';
    default:
      return null;
  }
}

/**
 * Marketing sells, care does not (DOMAIN.md §12): retention and upsell campaigns are marketing, care
 * and questionnaire campaigns care. Without a campaign the action decides; a task carrying an
 * offer is marketing whatever it is called.
 */
export function callPurposeOf(subject: CallSubject): ContactPurpose {
  if (subject.campaignKind === 'retention' || subject.campaignKind === 'upsell') return 'marketing';
  if (subject.campaignKind === 'care' || subject.campaignKind === 'questionnaire') return 'care';
  if (subject.offerCode) return 'marketing';
  const action = callActionOf(subject);
  return action === 'retention_call' || action === 'upsell_call' ? 'marketing' : 'care';
}

const COMPETITOR_SIGNALS = ['COMPETITOR_MARKETING', 'COMPETITOR_HOTLINE'];

/**
 * Which script a call follows when its campaign names none: the opening fits the situation —
 * competitor traces call for the win-back opening, a key moment for the key-moment care script.
 */
export function scriptCodeFor(
  subject: CallSubject & { campaignScriptCode: string | null },
  facts: { signalCodes: readonly string[]; hasKeyMoment: boolean },
): string | null {
  if (subject.campaignScriptCode) return subject.campaignScriptCode;
  if (subject.campaignKind === 'questionnaire') return 'questionnaire_satisfaction';
  switch (callActionOf(subject)) {
    case 'retention_call':
      return facts.signalCodes.some((code) => COMPETITOR_SIGNALS.includes(code))
        ? 'retention_competitor_winback'
        : 'retention_service_marketing';
    case 'upsell_call':
      return 'upsell_new_business';
    case 'care_call':
      return facts.hasKeyMoment ? 'care_key_moment' : 'care_revisit';
    default:
      return null;
  }
}

export type TaskAfterCall =
  | { status: 'open'; attempts: number; dueAt: Date }
  | { status: 'done'; attempts: number; closedReason: string };

/**
 * What a call does to its task: done with the disposition as the reason, except "not reached",
 * which comes back after the retry delay in another part of the day — until K attempts are spent.
 */
export function taskAfterCall(
  disposition: CallDisposition,
  attemptsBefore: number,
  calledAt: Date,
  retry: RetrySettings,
  timeZone: string,
): TaskAfterCall {
  const attempts = attemptsBefore + 1;
  if (disposition !== 'not_reached') return { status: 'done', attempts, closedReason: disposition };
  const decision = nextRetry(calledAt, attempts, retry, timeZone);
  if (!decision.retry) return { status: 'done', attempts, closedReason: 'attempts_exhausted' };
  return {
    status: 'open',
    attempts,
    dueAt: firstSlotOutside(decision.notBefore, decision.avoidDaypart, retry, timeZone),
  };
}

/** How far ahead a callback may be promised. */
export const CALLBACK_HORIZON_DAYS = 30;

/**
 * Why a promised callback time cannot be kept, or null: it must lie ahead, inside the calling
 * window (a promise we may not keep is no promise) and within the horizon.
 */
export function callbackTimeProblem(at: Date, now: Date, policy: ContactPolicySettings): string | null {
  if (at.getTime() <= now.getTime()) return 'must be in the future';
  if (at.getTime() > now.getTime() + CALLBACK_HORIZON_DAYS * 86_400_000) {
    return `must be within ${CALLBACK_HORIZON_DAYS} days`;
  }
  const clock = localClock(at, policy.timeZone);
  const { from, until } = policy.callWindow;
  if (clock < from || clock >= until) {
    return `must fall inside the calling window ${from}–${until} (${policy.timeZone})`;
  }
  return null;
}
