import { sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import {
  CONTACT_REFUSALS,
  type ContactPurpose,
  type ContactRefusal,
} from '#src/features/contact-policy/contact-policy';
import {
  type ContactPolicySettings,
  DEFAULT_CONTACT_POLICY,
} from '#src/features/contact-policy/contact-policy-settings';
import { AppError, notFound } from '#src/lib/app-error';
import { auditWithinLimit, type RateLimit } from '../audit/rate-limit';
import type { Actor } from '../auth/actor';
import { requireSubscriberInScope } from '../subscribers/subscriber-access';
import type { SmsMessage } from './sms.schemas';
import { decideSms, historySpan, type SmsDecision } from './sms-contact-decision';
import {
  findCampaignMembership,
  findContactAttempt,
  findContactHistory,
  findRecipients,
  insertSmsAttempt,
  type SmsRecipient,
} from './sms-contacts.repository';
import {
  findOutboxBySubscriber,
  findSurveyFor,
  insertOutboxMessage,
  type OutboxRow,
  SMS_STATUSES,
} from './sms-outbox.repository';
import { renderSms, type SmsLocale } from './sms-render';
import { findTemplate, type SmsTemplateRow } from './sms-templates.repository';
import { SURVEY_TEMPLATE_CODE } from './sms-templates-seed';

export type QueueSmsInput = {
  templateCode: string;
  variables?: Record<string, string>;
  purpose: ContactPurpose;
  campaignId?: number | undefined;
  locale?: SmsLocale;
};

/** The policy in force and the clock; tests and batch callers pass their own. */
export type SmsPolicyOptions = { policy?: ContactPolicySettings; now?: Date };

/** A hand-sent SMS also counts against its sender's allowance (VIPDESK_SMS_PER_HOUR). */
export type HandSmsOptions = SmsPolicyOptions & { limit: RateLimit };

// Namespace of the per-subscriber advisory locks that serialise "check the caps, then queue".
const SMS_LOCK_SPACE = 8402;
const HISTORY_LIMIT = 100;

/**
 * Queues a templated SMS for a subscriber in the actor's scope, after the contact policy: allowed →
 * queued now; a care message in quiet hours → queued for the window's opening; any other refusal →
 * kept as 'refused' with its reasons and never sent. A queued message also records its contact
 * attempt (disposition sms_sent, reached once delivered). Caps are checked and the message written
 * under one per-subscriber lock, so simultaneous sends cannot both slip under a cap. Each message
 * written (queued or refused) is audited as `sms.send` and counted against the sender's hourly
 * limit under the sender's lock (taken before the subscriber's); over it: 429, nothing written.
 */
export async function queueSms(
  db: Database,
  actor: Actor,
  subscriberId: number,
  input: QueueSmsInput,
  options: HandSmsOptions,
): Promise<SmsMessage> {
  await requireSubscriberInScope(db, actor, subscriberId, 'sms.send');
  const template = await activeTemplate(db, input.templateCode);
  if (template.purpose === 'survey') {
    throw invalid('body.templateCode', 'is the post-call survey; the call panel sends it after a call');
  }
  if (input.campaignId !== undefined) await requireTreatmentMember(db, input.campaignId, subscriberId);
  const recipient = await recipientOf(db, subscriberId);
  const locale = input.locale ?? 'zh-CN';
  const variables = { ...defaultVariables(recipient, actor.displayName, locale), ...input.variables };
  const rendered = renderSms(template, variables, locale);
  const policy = options.policy ?? DEFAULT_CONTACT_POLICY;
  const now = options.now ?? new Date();
  const contact = {
    purpose: input.purpose,
    carriesOffer: template.purpose === 'marketing',
    basedOnProfiling: input.campaignId !== undefined,
  };

  const limited = { action: 'sms.send' as const, subscriberId };
  const { result } = await auditWithinLimit(db, actor, limited, options.limit, async (tx) => {
    await lockSubscriber(tx, subscriberId);
    const history = (await findContactHistory(tx, [subscriberId], historySpan(now, policy))).get(
      subscriberId,
    );
    const decision = decideSms(contact, recipient.permissions, history ?? [], policy, now);
    const row = await insertOutboxMessage(tx, {
      subscriberId,
      templateCode: template.code,
      purpose: input.purpose,
      campaignId: input.campaignId ?? null,
      body: rendered.text,
      ...outboxState(decision, now),
    });
    if (decision.kind === 'send') {
      await insertSmsAttempt(tx, {
        subscriberId,
        outboxId: row.id,
        templateCode: template.code,
        purpose: input.purpose,
        campaignId: input.campaignId ?? null,
        agentUserId: actor.userId,
        plannedAt: decision.at,
      });
    }
    const details = { messageId: row.id, purpose: input.purpose, status: row.status };
    return { result: messageView(row), entry: { target: template.code, details } };
  });
  return result;
}

/**
 * The peak-end survey after a call (DOMAIN.md §9): the satisfaction_survey template, linked to the
 * contact it asks about; the reply's 1–5 lands on that contact. Only a reached conversation is
 * surveyed (not a wrong number, nor someone who just asked not to be called), once per contact.
 * The survey is the tail of the contact it rates, not a contact of its own: it keeps the SMS
 * window and the subscriber's permissions but is not counted against the caps, and it records no
 * contact attempt. Null when no survey is sent.
 */
export async function queueSurveySms(
  db: Database,
  subscriberId: number,
  contactAttemptId: number,
  options: SmsPolicyOptions = {},
): Promise<SmsMessage | null> {
  const contact = await findContactAttempt(db, subscriberId, contactAttemptId);
  if (!contact) throw notFound('Contact attempt');
  if (!contact.reached || ['wrong_number', 'do_not_call', 'not_reached'].includes(contact.disposition)) {
    return null;
  }
  const template = await findTemplate(db, SURVEY_TEMPLATE_CODE);
  if (!template?.isActive) return null;
  const recipient = await recipientOf(db, subscriberId);
  const rendered = renderSms(
    template,
    defaultVariables(recipient, contact.agentName ?? '', 'zh-CN'),
    'zh-CN',
  );
  const policy = options.policy ?? DEFAULT_CONTACT_POLICY;
  const now = options.now ?? new Date();
  const survey = { purpose: 'care' as const, carriesOffer: false, basedOnProfiling: false };

  return db.transaction(async (tx) => {
    await lockSubscriber(tx, subscriberId);
    const existing = await findSurveyFor(tx, subscriberId, contactAttemptId);
    if (existing) return messageView(existing);
    const decision = decideSms(survey, recipient.permissions, [], policy, now);
    const row = await insertOutboxMessage(tx, {
      subscriberId,
      templateCode: template.code,
      purpose: 'care',
      surveyForContactId: contactAttemptId,
      body: rendered.text,
      ...outboxState(decision, now),
    });
    return messageView(row);
  });
}

/** The subscriber's messages, newest first, with where each one stands. */
export async function listSms(
  db: Database,
  actor: Actor,
  subscriberId: number,
): Promise<{ items: SmsMessage[] }> {
  await requireSubscriberInScope(db, actor, subscriberId, 'sms.history');
  const rows = await findOutboxBySubscriber(db, subscriberId, HISTORY_LIMIT);
  return { items: rows.map(messageView) };
}

async function lockSubscriber(db: Database, subscriberId: number): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${SMS_LOCK_SPACE}, ${subscriberId % 2_147_483_647})`);
}

/**
 * A message on a campaign's behalf goes only to its treatment arm while it runs: the holdout is
 * never contacted by the campaign (its churn is the baseline the campaign is judged against).
 */
async function requireTreatmentMember(db: Database, campaignId: number, subscriberId: number): Promise<void> {
  const membership = await findCampaignMembership(db, campaignId, subscriberId);
  if (!membership) throw invalid('body.campaignId', `no campaign ${campaignId}`);
  if (membership.status !== 'active')
    throw invalid('body.campaignId', `campaign ${campaignId} is not active`);
  if (membership.arm === 'holdout') {
    throw new AppError(
      'CONFLICT',
      'The subscriber is in this campaign’s holdout and is never contacted by it',
    );
  }
  if (membership.arm !== 'treatment') {
    throw invalid('body.campaignId', `the subscriber is not in campaign ${campaignId}`);
  }
}

async function activeTemplate(db: Database, code: string): Promise<SmsTemplateRow> {
  const template = await findTemplate(db, code);
  if (!template) throw invalid('body.templateCode', `no SMS template ${code}`);
  if (!template.isActive) throw invalid('body.templateCode', `template ${code} is switched off`);
  return template;
}

async function recipientOf(db: Database, subscriberId: number): Promise<SmsRecipient> {
  const recipient = (await findRecipients(db, [subscriberId])).get(subscriberId);
  if (!recipient) throw notFound('Subscriber');
  return recipient;
}

/**
 * {name} and {agent} unless the sender gives them: "王先生" / "王女士" (surname and honorific, as
 * Chinese service messages address people), the full name when the gender is unknown or in English.
 */
export function defaultVariables(
  recipient: Pick<SmsRecipient, 'name' | 'gender'>,
  agentName: string,
  locale: SmsLocale,
): Record<string, string> {
  const honorific = recipient.gender === 'F' ? '女士' : recipient.gender === 'M' ? '先生' : null;
  const name =
    locale === 'zh-CN' && honorific ? `${[...recipient.name][0] ?? ''}${honorific}` : recipient.name;
  return agentName ? { name, agent: agentName } : { name };
}

function outboxState(decision: SmsDecision, now: Date) {
  return decision.kind === 'send'
    ? { status: 'queued', notBefore: decision.at, refusals: null }
    : { status: 'refused', notBefore: now, refusals: decision.refusals };
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `The request is invalid: ${path} ${message}`, {
    issues: [{ path, message }],
  });
}

export function messageView(row: OutboxRow): SmsMessage {
  return {
    id: row.id,
    templateCode: row.templateCode,
    purpose: row.purpose,
    campaignId: row.campaignId,
    surveyForContactId: row.surveyForContactId,
    body: row.body,
    status: SMS_STATUSES.find((s) => s === row.status) ?? 'queued',
    refusals: Array.isArray(row.refusals) ? row.refusals.filter(isRefusal) : null,
    attempts: row.attempts,
    error: row.error,
    queuedAt: row.queuedAt,
    notBefore: row.notBefore,
    submittedAt: row.submittedAt,
    deliveredAt: row.deliveredAt,
  };
}

function isRefusal(value: unknown): value is ContactRefusal {
  return CONTACT_REFUSALS.some((r) => r === value);
}
