import type { Database } from '#src/db/client';
import type { ContactPolicySettings } from '#src/features/contact-policy/contact-policy-settings';
import { CLAIM_MINUTES } from '#src/features/queue/task-claims';
import { findPersonalData } from '#src/features/subscribers/subscribers.repository';
import { notFound } from '#src/lib/app-error';
import { auditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { type CallRefusal, callPolicySettings, callVerdict } from './call-policy';
import { findHeldTask, markDialed } from './held-task.repository';
import type { TelephonyAdapter } from './telephony';

export type DialOutcome =
  | {
      refused: false;
      mode: 'manual' | 'placed';
      numberToDial: string | null;
      callId: string | null;
      dialledAt: Date;
      purpose: 'marketing' | 'care';
    }
  | { refused: true; refusals: CallRefusal[] };

/**
 * Click-to-dial for the task the agent holds. The contact policy is asked first, at this moment:
 * a refusal is audited and nothing is revealed. Allowed, the reveal is audited before the adapter
 * sees the number, and the call's start is recorded on the task (its claim renewed for the call).
 */
export async function dialTask(
  db: Database,
  actor: Actor,
  taskId: number,
  context: { timeZone: string; now: Date; telephony: TelephonyAdapter; policy?: ContactPolicySettings },
): Promise<DialOutcome> {
  const task = await findHeldTask(db, actor.userId, taskId);
  if (!task) throw notFound('Task');
  const verdict = await callVerdict(db, task, callPolicySettings(context), context.now);
  if (!verdict.allowed) {
    await auditActor(db, actor, {
      action: 'call.dial_refused',
      subscriberId: task.subscriberId,
      target: `task:${task.id}`,
      details: { taskId: task.id, purpose: verdict.purpose, refusals: verdict.refusals },
    });
    return { refused: true, refusals: verdict.refusals };
  }
  const personal = await findPersonalData(db, task.subscriberId);
  if (!personal) throw new Error(`subscriber ${task.subscriberId} of task ${task.id} vanished`);
  await auditActor(db, actor, {
    action: 'call.dial',
    subscriberId: task.subscriberId,
    target: `task:${task.id}`,
    details: { taskId: task.id, purpose: verdict.purpose, adapter: context.telephony.name },
  });
  const dialledAt = await markDialed(db, task, CLAIM_MINUTES);
  const result = await context.telephony.dial({
    msisdn: personal.msisdn,
    agentUserId: actor.userId,
    taskId: task.id,
    subscriberId: task.subscriberId,
  });
  return {
    refused: false,
    mode: result.mode,
    numberToDial: result.mode === 'manual' ? result.numberToDial : null,
    callId: result.mode === 'placed' ? result.callId : null,
    dialledAt,
    purpose: verdict.purpose,
  };
}
