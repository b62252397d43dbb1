import type { Database } from '#src/db/client';
import {
  type ContactPurpose,
  type ContactRefusal,
  checkContact,
  type PastContact,
} from '#src/features/contact-policy/contact-policy';
import {
  type ContactPolicySettings,
  DEFAULT_CONTACT_POLICY,
} from '#src/features/contact-policy/contact-policy-settings';
import { taskReasonsOf } from '#src/features/queue/task-reasons';
import { callPurposeOf } from './call-rules';
import { findContactPermissions, findPolicyHistory, isHoldoutMember } from './contact-history.repository';
import type { HeldTask } from './held-task.repository';

/** The policy's refusals, plus the campaign's own: its holdout is never contacted. */
export type CallRefusal = ContactRefusal | 'campaign_holdout';
export type CallVerdict = { purpose: ContactPurpose; allowed: boolean; refusals: CallRefusal[] };

/** The contact policy in force: the configured one, or the defaults in the business time zone. */
export function callPolicySettings(context: {
  timeZone: string;
  policy?: ContactPolicySettings | undefined;
}): ContactPolicySettings {
  return context.policy ?? { ...DEFAULT_CONTACT_POLICY, timeZone: context.timeZone };
}

export function subjectOf(task: HeldTask) {
  return {
    campaignKind: task.campaignKind,
    action: task.action,
    kind: task.kind,
    offerCode: task.offerCode,
  };
}

/**
 * May this task's call be made now? The one contact policy decides (checkContact), over the
 * subscriber's permissions and contact history. A callback the subscriber asked for continues
 * the conversation that set it, so that conversation is not counted against it again, and it is
 * not "based on profiling" — the subscriber chose it.
 */
export async function callVerdict(
  db: Database,
  task: HeldTask,
  policy: ContactPolicySettings,
  now: Date,
): Promise<CallVerdict> {
  const subject = subjectOf(task);
  const purpose = callPurposeOf(subject);
  const since = new Date(now.getTime() - policy.caps.windowDays * 86_400_000);
  const [permissions, history, holdout] = await Promise.all([
    findContactPermissions(db, task.subscriberId),
    findPolicyHistory(db, task.subscriberId, since),
    task.campaignId === null ? false : isHoldoutMember(db, task.subscriberId, task.campaignId),
  ]);
  if (!permissions) throw new Error(`subscriber ${task.subscriberId} of task ${task.id} vanished`);
  const isCallback = task.kind === 'callback';
  const requestedIn = isCallback ? requestingAttemptOf(task) : null;
  const past: PastContact[] = history
    .filter((h) => h.id !== requestedIn)
    .map((h) => ({
      at: h.at,
      channel: h.channel === 'sms' ? 'sms' : 'call',
      purpose: h.purpose === 'marketing' ? 'marketing' : 'care',
      reached: h.reached,
      refusedMarketing: h.refusedMarketing,
    }));
  const verdict = checkContact(
    {
      at: now,
      channel: 'call',
      purpose,
      carriesOffer: purpose === 'marketing' || task.offerCode !== null,
      basedOnProfiling: !isCallback,
    },
    { ...permissions, consentGivenAt: null },
    past,
    policy,
  );
  const refusals: CallRefusal[] = verdict.allowed ? [] : [...verdict.refusals];
  if (holdout) refusals.push('campaign_holdout');
  return { purpose, allowed: refusals.length === 0, refusals };
}

/** The contact attempt in which the subscriber asked for this callback (kept in its reasons). */
function requestingAttemptOf(task: HeldTask): number | null {
  const reason = taskReasonsOf(task.reasons).find((r) => r.code === CALLBACK_REASON);
  const id = reason?.params.contactAttemptId;
  return typeof id === 'number' ? id : null;
}

/** The reason code a callback task carries: when it was asked for, in which call. */
export const CALLBACK_REASON = 'callback_requested';
