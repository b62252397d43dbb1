import type { Database } from '#src/db/client';
import { DEFAULT_CONTACT_POLICY } from '#src/features/contact-policy/contact-policy-settings';
import { defaultVariables } from '#src/features/sms/sms.service';
import { decideSms } from '#src/features/sms/sms-contact-decision';
import { findRecipients } from '#src/features/sms/sms-contacts.repository';
import { insertOutboxMessage, type OutboxRow } from '#src/features/sms/sms-outbox.repository';
import { renderSms } from '#src/features/sms/sms-render';
import { findTemplate } from '#src/features/sms/sms-templates.repository';
import { TICKET_REVISIT_TEMPLATE_CODE } from '#src/features/sms/sms-templates-seed';

/**
 * The revisit survey SMS, put in the outbox inside the closing transaction. Like the post-call
 * survey (queueSurveySms) it is the tail of the service it rates, not a contact of its own: the
 * SMS window and the subscriber's permissions apply (a message due in quiet hours waits for the
 * window; a forbidden one is kept as refused, never sent), the caps do not, and it records no
 * contact attempt. The sender checks the policy in force again before it goes. Null when the
 * template is switched off.
 */
export async function queueRevisitSms(
  tx: Database,
  subscriberId: number,
  ticketNo: string,
  dueAt: Date,
): Promise<OutboxRow | null> {
  const template = await findTemplate(tx, TICKET_REVISIT_TEMPLATE_CODE);
  if (!template?.isActive) return null;
  const recipient = (await findRecipients(tx, [subscriberId])).get(subscriberId);
  if (!recipient) return null;
  const rendered = renderSms(template, { ...defaultVariables(recipient, '', 'zh-CN'), ticketNo }, 'zh-CN');
  const survey = { purpose: 'care' as const, carriesOffer: false, basedOnProfiling: false };
  const decision = decideSms(survey, recipient.permissions, [], DEFAULT_CONTACT_POLICY, dueAt);
  return insertOutboxMessage(tx, {
    subscriberId,
    templateCode: template.code,
    purpose: 'care',
    body: rendered.text,
    ...(decision.kind === 'send'
      ? { status: 'queued', notBefore: decision.at, refusals: null }
      : { status: 'refused', notBefore: dueAt, refusals: decision.refusals }),
  });
}
