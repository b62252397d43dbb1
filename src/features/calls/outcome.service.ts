import type { Database } from '#src/db/client';
import type { ContactPolicySettings } from '#src/features/contact-policy/contact-policy-settings';
import { recordContact } from '#src/features/contacts/contacts.service';
import { DEFAULT_RETRY_SETTINGS } from '#src/features/queue/retry-rules';
import { lintText } from '#src/features/scripts/phrase-lint';
import { queueSurveySms } from '#src/features/sms/sms.service';
import { findOwner, saveAgentTags } from '#src/features/subscribers/subscriber-360.repository';
import { AppError, notFound } from '#src/lib/app-error';
import { redactPersonalData } from '#src/lib/redact';
import { todayIn } from '#src/lib/time';
import { auditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { eligibleCallOffers } from './call-offers';
import type { NoteWarning, OutcomeBody, OutcomeResult } from './call-panel.schemas';
import { CALLBACK_REASON, callPolicySettings, subjectOf } from './call-policy';
import {
  callActionOf,
  callbackTimeProblem,
  callPurposeOf,
  reachedBy,
  surveyFollows,
  taskAfterCall,
} from './call-rules';
import { dialledAtOf, findHeldTask, type HeldTask, lockHeldTask } from './held-task.repository';
import {
  agentFinishedTask,
  applyTaskAfterCall,
  cancelWaitingTasks,
  insertCallbackTask,
  insertContactAttempt,
  lockSubscriberRow,
  markDoNotCall,
} from './outcome.repository';

export type OutcomeContext = {
  timeZone: string;
  now: Date;
  /** The contact policy in force (the defaults in the business time zone when absent). */
  policy?: ContactPolicySettings;
  /** Where a survey that could not be queued is reported (the outcome itself is already saved). */
  log: { warn(details: object, message: string): void };
};

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', 'The request is invalid', {
    issues: [{ path: `body.${field}`, message }],
  });
}

/**
 * Records how the call went, for the agent holding the task, in one transaction: the contact
 * attempt, the task's end (or its retry), and what the disposition sets off — a callback task,
 * "do not call" with every waiting task cancelled, a complaint contact (and its ticket), the agent's tags. A second
 * outcome for the same task is a conflict. Free text is checked for forbidden phrases (warnings,
 * never a refusal) and stored with numbers masked. The survey SMS follows the commit.
 *
 * `db` is the database, or the transaction of an Idempotency-Key (idempotency/): every read and
 * write here goes through it (the transaction below is then a savepoint), and nothing leaves
 * PostgreSQL — no telephony (that is the dial), the survey only queued in the outbox.
 */
export async function recordOutcome(
  db: Database,
  actor: Actor,
  taskId: number,
  body: OutcomeBody,
  context: OutcomeContext,
): Promise<OutcomeResult> {
  const policy = callPolicySettings(context);
  let callbackAt: Date | null = null;
  if (body.disposition === 'call_back') {
    callbackAt = new Date(body.callbackAt);
    const problem = callbackTimeProblem(callbackAt, context.now, policy);
    if (problem) throw invalid('callbackAt', problem);
  }
  const held = await findHeldTask(db, actor.userId, taskId);
  const written = held
    ? await db.transaction(async (tx) => {
        await lockSubscriberRow(tx, held.subscriberId);
        // Locked and read again: a concurrent outcome or cancellation may have closed it meanwhile.
        const task = await lockHeldTask(tx, actor.userId, taskId);
        return task ? writeOutcome(tx, actor, task, body, { ...context, callbackAt }) : null;
      })
    : null;
  if (!written) {
    if (await agentFinishedTask(db, actor.userId, taskId)) {
      throw new AppError('CONFLICT', 'The outcome of this call is already recorded');
    }
    throw notFound('Task');
  }
  const surveyQueued =
    surveyFollows(body.disposition) &&
    (await queueSurvey(db, written.subscriberId, written.result.contactAttemptId, policy, context));
  return { ...written.result, surveyQueued, warnings: noteWarnings(body) };
}

type Written = { subscriberId: number; result: Omit<OutcomeResult, 'surveyQueued' | 'warnings'> };

/** Every write of one outcome, inside the caller's transaction, the task already locked. */
async function writeOutcome(
  tx: Database,
  actor: Actor,
  task: HeldTask,
  body: OutcomeBody,
  context: OutcomeContext & { callbackAt: Date | null },
): Promise<Written> {
  const { now, callbackAt } = context;
  if (body.tags) await requireTagOwner(tx, task.subscriberId, actor);
  const subject = subjectOf(task);
  const purpose = callPurposeOf(subject);
  const offer =
    body.disposition === 'accepted'
      ? await acceptedOffer(tx, task, body.offerCode, purpose, todayIn(context.timeZone, now))
      : null;
  const dialledAt = dialledAtOf(task);
  const calledAt = dialledAt ?? new Date(now.getTime() - (body.handleSeconds ?? 0) * 1000);
  const attemptId = await insertContactAttempt(tx, {
    subscriberId: task.subscriberId,
    campaignId: task.campaignId,
    taskId: task.id,
    agentUserId: actor.userId,
    channel: 'call',
    purpose,
    startedAt: calledAt,
    endedAt: now,
    reached: reachedBy(body.disposition),
    disposition: body.disposition,
    refusalReason: body.disposition === 'refused' ? body.reason : null,
    refusedMarketing: body.disposition === 'refused' && purpose === 'marketing',
    offerCode: offer?.code ?? null,
    offerCostFen: offer?.costFen ?? null,
    callbackAt,
    notes: body.notes === undefined ? null : redactPersonalData(body.notes),
    handleSeconds: body.handleSeconds ?? null,
    details: {
      action: callActionOf(subject),
      dialled: dialledAt !== null,
      ...(body.disposition === 'refused' && body.note ? { refusalNote: redactPersonalData(body.note) } : {}),
    },
  });
  const after = taskAfterCall(
    body.disposition,
    task.attempts,
    calledAt,
    DEFAULT_RETRY_SETTINGS,
    context.timeZone,
  );
  await applyTaskAfterCall(tx, task, after, calledAt);
  const callbackTaskId = callbackAt ? await promiseCallback(tx, actor, task, callbackAt, attemptId) : null;
  let cancelledTasks = 0;
  if (body.disposition === 'do_not_call') {
    await markDoNotCall(tx, task.subscriberId);
    cancelledTasks = await cancelWaitingTasks(tx, task.subscriberId, task.id);
  }
  const ticket = body.disposition === 'complaint' ? await recordComplaint(tx, actor, task, body, now) : null;
  if (body.tags) {
    await saveAgentTags(tx, task.subscriberId, body.tags, actor.userId);
    await auditActor(tx, actor, {
      action: 'subscriber.tags',
      subscriberId: task.subscriberId,
      details: { ...body.tags },
    });
  }
  await auditActor(tx, actor, {
    action: 'call.outcome',
    subscriberId: task.subscriberId,
    target: `task:${task.id}`,
    details: { taskId: task.id, disposition: body.disposition, contactAttemptId: attemptId },
  });
  return {
    subscriberId: task.subscriberId,
    result: {
      disposition: body.disposition,
      contactAttemptId: attemptId,
      task: {
        id: task.id,
        status: after.status,
        closedReason: after.status === 'done' ? after.closedReason : null,
        attempts: after.attempts,
        dueAt: after.status === 'open' ? after.dueAt : null,
      },
      callbackTaskId,
      cancelledTasks,
      ticket,
    },
  };
}

/**
 * The complaint raised on the call, as a service contact on this task (the classifier's suggestion
 * from the summary kept beside it). With its four-part analysis it also opens a ticket, in the
 * outcome's transaction: a refused ticket (an unknown category) leaves no outcome behind.
 */
async function recordComplaint(
  tx: Database,
  actor: Actor,
  task: HeldTask,
  body: Extract<OutcomeBody, { disposition: 'complaint' }>,
  now: Date,
) {
  const { complaint } = body;
  const { ticket } = await recordContact(
    tx,
    actor,
    {
      subscriberId: task.subscriberId,
      channel: 'phone',
      direction: 'outbound',
      type: 'complaint',
      note: body.summary,
      analysis: complaint ?? {},
      callTaskId: task.id,
      ticket: complaint
        ? {
            category: complaint.category,
            title: complaint.title,
            source: 'call',
            fieldPrefix: 'body.complaint',
          }
        : null,
    },
    now,
  );
  return ticket;
}

/** The callback task, carrying the conversation that asked for it (the policy reads it back). */
function promiseCallback(tx: Database, actor: Actor, task: HeldTask, at: Date, contactAttemptId: number) {
  return insertCallbackTask(tx, task, { userId: actor.userId, teamId: actor.teamId }, at, [
    { code: CALLBACK_REASON, params: { at: at.toISOString(), fromTaskId: task.id, contactAttemptId } },
  ]);
}

/**
 * Peak-end rule: the satisfaction survey SMS, after the outcome is written (the SMS part checks
 * its own window and permissions). A failure here must not undo or hide the saved outcome. `db`
 * may be the transaction of an Idempotency-Key (the survey then commits with the outcome): the
 * survey runs in its own (sub)transaction so its failure rolls back only itself, never leaving
 * the caller's transaction aborted. It only queues a row; the SMS sender sends after commit.
 */
async function queueSurvey(
  db: Database,
  subscriberId: number,
  contactAttemptId: number,
  policy: ContactPolicySettings,
  context: OutcomeContext,
): Promise<boolean> {
  try {
    const message = await db.transaction((tx) =>
      queueSurveySms(tx, subscriberId, contactAttemptId, { policy, now: context.now }),
    );
    return message !== null && message.status !== 'refused';
  } catch (error) {
    context.log.warn({ err: error, contactAttemptId }, 'the satisfaction survey could not be queued');
    return false;
  }
}

/** The accepted offer must be one this call may make and the subscriber is eligible for. */
async function acceptedOffer(
  tx: Database,
  task: HeldTask,
  offerCode: string,
  purpose: 'marketing' | 'care',
  today: string,
) {
  const offers = purpose === 'marketing' ? await eligibleCallOffers(tx, task, today, 'zh-CN') : [];
  const offer = offers.find((o) => o.code === offerCode);
  if (!offer) {
    throw invalid('offerCode', "is not one of this call's offers the subscriber is eligible for");
  }
  return offer;
}

/** Only the phone manager who owns the subscriber records call tags about them. */
async function requireTagOwner(tx: Database, subscriberId: number, actor: Actor) {
  const owner = await findOwner(tx, subscriberId);
  if (owner?.userId !== actor.userId) {
    throw new AppError('FORBIDDEN', 'Only the phone manager who owns this subscriber edits their tags');
  }
}

/** Forbidden phrases in what the agent wrote, field by field. */
function noteWarnings(body: OutcomeBody): NoteWarning[] {
  const texts: { field: NoteWarning['field']; text: string | undefined }[] = [
    { field: 'notes', text: body.notes },
    { field: 'note', text: body.disposition === 'refused' ? body.note : undefined },
    { field: 'summary', text: body.disposition === 'complaint' ? body.summary : undefined },
  ];
  const warnings: NoteWarning[] = [];
  for (const { field, text } of texts) {
    if (!text) continue;
    // Both languages: a note typed in the zh-CN console may still quote English, and the reverse.
    for (const finding of lintText(text)) {
      warnings.push({
        field,
        code: finding.code,
        match: redactPersonalData(finding.match),
        suggestion: finding.suggestion,
      });
    }
  }
  return warnings;
}
